#include "truce/geo/zone.h"

#include "truce/core/name_table.h"

namespace truce::geo {
namespace {
constexpr NameTable<ZoneKind, 8> kKinds{{
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

std::string_view ZoneKindName(ZoneKind k) { return NameOf(kKinds, k, "buffer"); }
std::optional<ZoneKind> ParseZoneKind(std::string_view s) { return ValueOf(kKinds, s); }
std::string ZoneKindList() { return NameList(kKinds); }

}  // namespace truce::geo
