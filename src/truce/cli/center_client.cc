#include "truce/cli/center_client.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "truce/core/json_nesting.h"
#include "truce/core/time.h"
#include "truce/server/request_auth.h"

namespace truce::cli {
namespace {

Status ErrorFrom(const std::string& what, const httplib::Result& res, const server::HttpClient& client) {
  if (!res) return Status(Code::kUnavailable, what + ": " + server::DescribeError(res.error(), client));
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
  Code code = res->status == 403 || res->status == 401 ? Code::kPermissionDenied
              : res->status == 404                     ? Code::kNotFound
              : res->status >= 500                     ? Code::kUnavailable
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

Result<CenterClient> CenterClient::Connect(const std::string& url, const server::ServerTrust& trust,
                                           std::optional<reg::NoteSigner> reader) {
  TRUCE_ASSIGN_OR_RETURN(server::HttpClient http, server::HttpClient::Open(url, trust));
  CenterClient c;
  c.base_ = http.base();
  c.http_ = std::make_unique<server::HttpClient>(std::move(http));
  c.http_->http().set_connection_timeout(10);
  c.http_->http().set_read_timeout(60);
  c.http_->http().set_keep_alive(true);
  c.reader_ = std::move(reader);
  return c;
}

std::optional<std::string> CenterClient::Signature(const std::string& method, const std::string& target) const {
  if (!reader_) return std::nullopt;
  return server::SignRequest(*reader_, method, target, SystemClock::Instance().NowMs() / 1000);
}

Result<nlohmann::json> CenterClient::Get(const std::string& path) {
  httplib::Headers headers;
  if (auto sig = Signature("GET", path)) headers.emplace("Authorization", *sig);
  auto res = http_->http().Get(path, headers);
  if (!res || res->status != 200) return ErrorFrom(base_ + path, res, *http_);
  TRUCE_RETURN_IF_ERROR(CheckJsonNesting(res->body, base_ + path + ": the answer"));
  auto j = nlohmann::json::parse(res->body, nullptr, false);
  if (j.is_discarded()) return Status(Code::kUnavailable, base_ + path + ": the answer is not JSON");
  return j;
}

Result<nlohmann::json> CenterClient::PostEntries(const std::string& jsonl) {
  auto res = http_->http().Post("/v1/register/entries", jsonl, "application/x-ndjson");
  // Over the server's rate limit: wait as long as it says, a few times.
  for (int attempt = 0; attempt < 10 && res && res->status == 429; ++attempt) {
    int wait_s = std::clamp(std::atoi(res->get_header_value("Retry-After").c_str()), 1, 60);
    std::this_thread::sleep_for(std::chrono::seconds(wait_s));
    res = http_->http().Post("/v1/register/entries", jsonl, "application/x-ndjson");
  }
  if (!res || (res->status != 200 && res->status != 201)) return ErrorFrom(base_ + "/v1/register/entries", res, *http_);
  return nlohmann::json::parse(res->body, nullptr, false);
}

Result<nlohmann::json> CenterClient::PostJson(const std::string& path, const nlohmann::json& body) {
  httplib::Headers headers;
  if (auto sig = Signature("POST", path)) headers.emplace("Authorization", *sig);
  auto res = http_->http().Post(path, headers, body.dump(), "application/json");
  if (!res || res->status != 200) return ErrorFrom(base_ + path, res, *http_);
  auto j = nlohmann::json::parse(res->body, nullptr, false);
  if (j.is_discarded()) return Status(Code::kUnavailable, base_ + path + ": the answer is not JSON");
  return j;
}

Result<std::string> CenterClient::PartyOfKey(const std::string& key_name) {
  TRUCE_ASSIGN_OR_RETURN(nlohmann::json keys, Get("/v1/register/keys"));
  for (const auto& k : keys.value("keys", nlohmann::json::array())) {
    if (k.value("name", "") == key_name) return k.value("party", "");
  }
  return Status::NotFound("the server knows no key named '" + key_name + "'");
}

}  // namespace truce::cli
