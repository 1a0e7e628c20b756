#include "truce/geo/zone.h"

#include <array>
#include <utility>

namespace truce::geo {
namespace {
constexpr std::array<std::pair<ZoneKind, std::string_view>, 8> kKinds{{
    {ZoneKind::kDeescalationArea, "deescalation_area"},
    {ZoneKind::kSecurityCorridor, "security_corridor"},
    {ZoneKind::kContactLine, "contact_line"},
    {ZoneKind::kControlArea, "control_area"},
    {ZoneKind::kWithdrawalLine, "withdrawal_line"},
    {ZoneKind::kPatrolRoute, "patrol_route"},
    {ZoneKind::kDistrict, "district"},
    {ZoneKind::kBuffer, "buffer"},
}};
}  // namespace

std::string_view ZoneKindName(ZoneKind k) {
  for (const auto& [kind, name] : kKinds) {
    if (kind == k) return name;
  }
  return "buffer";
}

std::optional<ZoneKind> ParseZoneKind(std::string_view s) {
  for (const auto& [kind, name] : kKinds) {
    if (name == s) return kind;
  }
  return std::nullopt;
}

std::string ZoneKindList() {
  std::string out;
  for (const auto& [kind, name] : kKinds) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace truce::geo
