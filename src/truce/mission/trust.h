// The trust a mission pack gives an audit of its register: its origin, the
// center's log key, and the keys and witnesses it pins.
#pragma once

#include "truce/mission/mission.h"
#include "truce/register/export.h"

namespace truce {

std::vector<reg::TrustedKey> TrustedKeys(const Mission& mission);
Result<reg::AuditTrust> TrustFromMission(const Mission& mission);

}  // namespace truce
