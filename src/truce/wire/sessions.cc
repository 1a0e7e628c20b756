#include "truce/wire/sessions.h"

#include "truce/core/time.h"
#include "truce/register/keyring.h"

namespace truce::wire {
namespace {

std::string Utc(int64_t ms) { return FormatRfc3339(Instant{ms, 0}); }

// Each role's name, in the order of its bit (observer first).
std::vector<std::string> RoleList(uint32_t roles) {
  std::vector<std::string> out;
  for (uint32_t bit = reg::kObserver; bit <= reg::kWitness; bit <<= 1) {
    if (roles & bit) out.push_back(reg::RoleNames(bit));
  }
  return out;
}

}  // namespace

nlohmann::json ChallengeJson(const std::string& challenge, int64_t expires_ms) {
  return {{"challenge", challenge}, {"expires", Utc(expires_ms)}};
}

nlohmann::json SessionJson(const std::string& key, const std::string& party, uint32_t roles, int64_t expires_ms) {
  return {{"key", key}, {"party", party}, {"roles", RoleList(roles)}, {"expires", Utc(expires_ms)}};
}

nlohmann::json PresenceJson(const std::string& item, const std::vector<Viewer>& viewers) {
  nlohmann::json list = nlohmann::json::array();
  for (const Viewer& v : viewers) list.push_back({{"key", v.key}, {"party", v.party}, {"since", Utc(v.since_ms)}});
  return {{"item", item}, {"viewers", std::move(list)}};
}

}  // namespace truce::wire
