// A client of a running `truce serve`, for the commands that talk to one
// (truce review, truce sim --serve).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "truce/core/status.h"
#include "truce/register/note.h"
#include "truce/server/http_client.h"

namespace truce::cli {

// A text field of a server's JSON answer, or `none` when it is missing or
// not text (an analyst's determination may hold anything).
std::string JsonText(const nlohmann::json& j, const char* key, const std::string& none = "");

class CenterClient {
 public:
  // `url` is the server's base, like http://127.0.0.1:8080 (a trailing
  // /v1/... is ignored); `trust` checks an https:// server's certificate;
  // with `reader`, an officer's key, every request is signed by it
  // (server/request_auth.h), as reading reports and findings needs.
  static Result<CenterClient> Connect(const std::string& url, const server::ServerTrust& trust = {},
                                      std::optional<reg::NoteSigner> reader = std::nullopt);
  CenterClient(CenterClient&&) noexcept;
  ~CenterClient();

  Result<nlohmann::json> Get(const std::string& path);
  // POST /v1/register/entries with signed entries (JSON Lines). An error
  // carries the server's message and its first listed row error.
  Result<nlohmann::json> PostEntries(const std::string& jsonl);
  // POST a JSON body as the reader (a vehicle's fixes): not a register
  // entry, so the request itself is signed.
  Result<nlohmann::json> PostJson(const std::string& path, const nlohmann::json& body);
  // The party a key acts for, from GET /v1/register/keys.
  Result<std::string> PartyOfKey(const std::string& key_name);
  const std::string& base() const { return base_; }

 private:
  CenterClient() = default;
  // The request's Authorization header, if there is a reader's key.
  std::optional<std::string> Signature(const std::string& method, const std::string& target) const;
  std::string base_;
  std::unique_ptr<server::HttpClient> http_;
  std::optional<reg::NoteSigner> reader_;
};

}  // namespace truce::cli
