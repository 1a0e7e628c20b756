#include "truce/wire/errors.h"

namespace truce::wire {

nlohmann::json ErrorJson(const std::string& code, const std::string& message, nlohmann::json details) {
  return {{"error", {{"code", code}, {"message", message}, {"details", std::move(details)}}}};
}

std::string FixedErrorBody(const std::string& code, const std::string& message) {
  return R"({"error":{"code":")" + code + R"(","message":")" + message + R"(","details":[]}})";
}

}  // namespace truce::wire
