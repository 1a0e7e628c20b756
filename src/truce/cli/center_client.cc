#include "truce/cli/center_client.h"

#include <httplib.h>

namespace truce::cli {
namespace {

Status ErrorFrom(const std::string& what, const httplib::Result& res) {
  if (!res) return Status(Code::kUnavailable, what + ": " + httplib::to_string(res.error()));
  std::string message = "HTTP " + std::to_string(res->status);
  auto body = nlohmann::json::parse(res->body, nullptr, false);
  if (body.is_object() && body.contains("error")) {
    const auto& e = body["error"];
    message = e.value("message", message);
    if (e.contains("details") && e["details"].is_array() && !e["details"].empty()) {
      const auto& d = e["details"][0];
      message += ": " + d.value("message", std::string());
    }
  }
  Code code = res->status == 403 ? Code::kPermissionDenied
              : res->status == 404 ? Code::kNotFound
              : res->status >= 500 ? Code::kUnavailable
                                   : Code::kInvalidArgument;
  return Status(code, what + ": " + message);
}

}  // namespace

std::string JsonText(const nlohmann::json& j, const char* key, const std::string& none) {
  if (!j.is_object()) return none;
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : none;
}

CenterClient::CenterClient(CenterClient&&) noexcept = default;
CenterClient::~CenterClient() = default;

Result<CenterClient> CenterClient::Connect(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return Status::Invalid(url + ": give the server's URL, like http://127.0.0.1:8080");
  size_t path_at = url.find('/', scheme + 3);
  CenterClient c;
  c.base_ = url.substr(0, path_at);
  c.http_ = std::make_unique<httplib::Client>(c.base_);
  c.http_->set_connection_timeout(10);
  c.http_->set_read_timeout(60);
  c.http_->set_keep_alive(true);
  return c;
}

Result<nlohmann::json> CenterClient::Get(const std::string& path) {
  auto res = http_->Get(path);
  if (!res || res->status != 200) return ErrorFrom(base_ + path, res);
  auto j = nlohmann::json::parse(res->body, nullptr, false);
  if (j.is_discarded()) return Status(Code::kUnavailable, base_ + path + ": the answer is not JSON");
  return j;
}

Result<nlohmann::json> CenterClient::PostEntries(const std::string& jsonl) {
  auto res = http_->Post("/v1/register/entries", jsonl, "application/x-ndjson");
  if (!res || (res->status != 200 && res->status != 201)) return ErrorFrom(base_ + "/v1/register/entries", res);
  return nlohmann::json::parse(res->body, nullptr, false);
}

Result<std::string> CenterClient::PartyOfKey(const std::string& key_name) {
  TRUCE_ASSIGN_OR_RETURN(nlohmann::json keys, Get("/v1/register/keys"));
  for (const auto& k : keys.value("keys", nlohmann::json::array())) {
    if (k.value("name", "") == key_name) return k.value("party", "");
  }
  return Status::NotFound("the server knows no key named '" + key_name + "'");
}

}  // namespace truce::cli
