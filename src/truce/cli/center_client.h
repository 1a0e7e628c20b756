// A client of a running `truce serve`, for the commands that talk to one
// (truce review, truce sim --serve).
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "truce/core/status.h"

namespace httplib {
class Client;
}

namespace truce::cli {

// A text field of a server's JSON answer, or `none` when it is missing or
// not text (an analyst's determination may hold anything).
std::string JsonText(const nlohmann::json& j, const char* key, const std::string& none = "");

class CenterClient {
 public:
  // `url` is the server's base, like http://127.0.0.1:8080 (a trailing /v1/... is ignored).
  static Result<CenterClient> Connect(const std::string& url);
  CenterClient(CenterClient&&) noexcept;
  ~CenterClient();

  Result<nlohmann::json> Get(const std::string& path);
  // POST /v1/register/entries with signed entries (JSON Lines). An error
  // carries the server's message and its first listed row error.
  Result<nlohmann::json> PostEntries(const std::string& jsonl);
  // The party a key acts for, from GET /v1/register/keys.
  Result<std::string> PartyOfKey(const std::string& key_name);
  const std::string& base() const { return base_; }

 private:
  CenterClient() = default;
  std::string base_;
  std::unique_ptr<httplib::Client> http_;
};

}  // namespace truce::cli
