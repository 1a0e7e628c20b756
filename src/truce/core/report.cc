#include "truce/core/report.h"

#include <array>
#include <utility>

namespace truce {
namespace {

constexpr std::array<std::pair<SourceKind, std::string_view>, 7> kSourceKinds{{
    {SourceKind::kParty, "party"},
    {SourceKind::kObserver, "observer"},
    {SourceKind::kUav, "uav"},
    {SourceKind::kAcoustic, "acoustic"},
    {SourceKind::kRadar, "radar"},
    {SourceKind::kPatrol, "patrol"},
    {SourceKind::kNews, "news"},
}};

constexpr std::array<std::pair<Category, std::string_view>, 12> kCategories{{
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

constexpr std::array<std::pair<Observation, std::string_view>, 6> kObservations{{
    {Observation::kImpact, "impact"},
    {Observation::kAirburst, "airburst"},
    {Observation::kExplosionUndetermined, "explosion_undetermined"},
    {Observation::kProjectileInFlight, "projectile_in_flight"},
    {Observation::kSmallArmsBurst, "small_arms_burst"},
    {Observation::kIlluminationFlare, "illumination_flare"},
}};

template <typename Table>
std::string List(const Table& table) {
  std::string out;
  for (const auto& [value, name] : table) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace

std::string_view SourceKindName(SourceKind k) {
  for (const auto& [value, name] : kSourceKinds) {
    if (value == k) return name;
  }
  return "party";
}

std::optional<SourceKind> ParseSourceKind(std::string_view s) {
  for (const auto& [value, name] : kSourceKinds) {
    if (name == s) return value;
  }
  return std::nullopt;
}

std::string_view ObservationName(Observation o) {
  for (const auto& [value, name] : kObservations) {
    if (value == o) return name;
  }
  return "explosion_undetermined";
}

std::optional<Observation> ParseObservation(std::string_view s) {
  for (const auto& [value, name] : kObservations) {
    if (name == s) return value;
  }
  return std::nullopt;
}

std::string ObservationList() { return List(kObservations); }

std::string_view CategoryName(Category c) {
  for (const auto& [value, name] : kCategories) {
    if (value == c) return name;
  }
  return "other";
}

std::optional<Category> ParseCategory(std::string_view s) {
  for (const auto& [value, name] : kCategories) {
    if (name == s) return value;
  }
  // Hyphens and spaces are common in hand-written CSV ("small-arms fire").
  std::string norm(s);
  for (char& c : norm) {
    if (c == '-' || c == ' ') c = '_';
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  }
  if (norm != s) {
    for (const auto& [value, name] : kCategories) {
      if (name == norm) return value;
    }
  }
  return std::nullopt;
}

std::string SourceKindList() { return List(kSourceKinds); }
std::string CategoryList() { return List(kCategories); }

std::string Source::Describe() const {
  std::string s(SourceKindName(kind));
  if (!name.empty()) s += " " + name;
  if (!party.empty()) s += name.empty() ? " " + party : " (" + party + ")";
  return s;
}

std::string Source::Key() const {
  return std::string(SourceKindName(kind)) + ":" + party + ":" + name;
}

}  // namespace truce
