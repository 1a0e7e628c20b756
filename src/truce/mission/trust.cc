#include "truce/mission/trust.h"

namespace truce {

std::vector<reg::TrustedKey> TrustedKeys(const Mission& mission) {
  std::vector<reg::TrustedKey> keys;
  for (const PinnedKey& k : mission.keys) keys.push_back({k.party, k.roles, k.key});
  return keys;
}

Result<reg::AuditTrust> TrustFromMission(const Mission& mission) {
  return reg::MakeTrust(mission.log.origin, mission.log.log_key, TrustedKeys(mission));
}

}  // namespace truce
