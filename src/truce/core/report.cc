#include "truce/core/report.h"

#include "truce/core/name_table.h"

namespace truce {
namespace {

constexpr NameTable<SourceKind, 7> kSourceKinds{{
    {SourceKind::kParty, "party"},
    {SourceKind::kObserver, "observer"},
    {SourceKind::kUav, "uav"},
    {SourceKind::kAcoustic, "acoustic"},
    {SourceKind::kRadar, "radar"},
    {SourceKind::kPatrol, "patrol"},
    {SourceKind::kNews, "news"},
}};

constexpr NameTable<Category, 12> kCategories{{
    {Category::kShelling, "shelling"},
    {Category::kSmallArmsFire, "small_arms_fire"},
    {Category::kAirstrike, "airstrike"},
    {Category::kDroneStrike, "drone_strike"},
    {Category::kIed, "ied"},
    {Category::kGroundAssault, "ground_assault"},
    {Category::kHeavyWeaponPresent, "heavy_weapon_present"},
    {Category::kPatrolObstructed, "patrol_obstructed"},
    {Category::kCivilianHarm, "civilian_harm"},
    {Category::kFlight, "flight"},
    {Category::kMovement, "movement"},
    {Category::kOther, "other"},
}};

constexpr NameTable<Observation, 6> kObservations{{
    {Observation::kImpact, "impact"},
    {Observation::kAirburst, "airburst"},
    {Observation::kExplosionUndetermined, "explosion_undetermined"},
    {Observation::kProjectileInFlight, "projectile_in_flight"},
    {Observation::kSmallArmsBurst, "small_arms_burst"},
    {Observation::kIlluminationFlare, "illumination_flare"},
}};

}  // namespace

std::string_view SourceKindName(SourceKind k) { return NameOf(kSourceKinds, k, "party"); }
std::optional<SourceKind> ParseSourceKind(std::string_view s) { return ValueOf(kSourceKinds, s); }

std::string_view ObservationName(Observation o) { return NameOf(kObservations, o, "explosion_undetermined"); }
std::optional<Observation> ParseObservation(std::string_view s) { return ValueOf(kObservations, s); }
std::string ObservationList() { return NameList(kObservations); }

std::string_view CategoryName(Category c) { return NameOf(kCategories, c, "other"); }

std::optional<Category> ParseCategory(std::string_view s) {
  if (auto c = ValueOf(kCategories, s)) return c;
  // Hyphens and spaces are common in hand-written CSV ("small-arms fire").
  std::string norm(s);
  for (char& c : norm) {
    if (c == '-' || c == ' ') c = '_';
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  if (norm != s) return ValueOf(kCategories, norm);
  return std::nullopt;
}

std::string SourceKindList() { return NameList(kSourceKinds); }
std::string CategoryList() { return NameList(kCategories); }

std::string Source::Describe() const {
  std::string s(SourceKindName(kind));
  if (!name.empty()) s += " " + name;
  if (!party.empty()) s += name.empty() ? " " + party : " (" + party + ")";
  return s;
}

std::string Source::Key() const { return std::string(SourceKindName(kind)) + ":" + party + ":" + name; }

}  // namespace truce
