// What the server says about sign-in sessions and presence (docs/API.md,
// "Sign-in sessions", "Presence"): the shapes the dashboard codes against.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace truce::wire {

// {"challenge": ..., "expires": RFC 3339 UTC}
nlohmann::json ChallengeJson(const std::string& challenge, int64_t expires_ms);

// {"key": ..., "party": ..., "roles": ["lead", ...], "expires": RFC 3339 UTC}
nlohmann::json SessionJson(const std::string& key, const std::string& party, uint32_t roles, int64_t expires_ms);

// One reader looking at an item, since its first heartbeat.
struct Viewer {
  std::string key, party;
  int64_t since_ms = 0;
};

// {"item": ..., "viewers": [{"key": ..., "party": ..., "since": RFC 3339 UTC}, ...]}
nlohmann::json PresenceJson(const std::string& item, const std::vector<Viewer>& viewers);

}  // namespace truce::wire
