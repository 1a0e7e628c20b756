#include "sim/reading.h"

#include <algorithm>

namespace truce::sim {
namespace {

bool IsFireOrAttack(Category c) {
  return c == Category::kShelling || c == Category::kSmallArmsFire || c == Category::kDroneStrike ||
         c == Category::kIed;
}

bool Lists(const Clause& clause, const std::string& weapon_class) {
  return clause.weapon_classes.empty() || std::find(clause.weapon_classes.begin(), clause.weapon_classes.end(),
                                                    weapon_class) != clause.weapon_classes.end();
}

// In force at some moment of [from, to]: it has begun by the end and not
// ended by the start.
bool InForce(const Clause& clause, const TimeInterval& t) {
  return clause.in_force_from.utc_ms <= t.end.utc_ms &&
         (!clause.in_force_until || clause.in_force_until->utc_ms > t.start.utc_ms);
}

}  // namespace

bool Forbids(const Clause& clause, const Event& e) {
  switch (clause.kind) {
    case ClauseKind::kCeasefire:
      return IsFireOrAttack(e.category);
    case ClauseKind::kCorridor:
      return IsFireOrAttack(e.category) || e.category == Category::kHeavyWeaponPresent;
    case ClauseKind::kWithdrawal:
      // A listed weapon that fires from inside the band was not withdrawn
      // from it either. Fire with no weapon class (small arms, in a pack
      // without that class) is of no listed class.
      if (e.category == Category::kHeavyWeaponPresent) return Lists(clause, e.weapon_class);
      return (e.category == Category::kShelling || e.category == Category::kSmallArmsFire) && !e.weapon_class.empty() &&
             Lists(clause, e.weapon_class);
    case ClauseKind::kMovement:
      return e.category == Category::kPatrolObstructed;
    case ClauseKind::kAirspace:
      return e.category == Category::kFlight || e.category == Category::kDroneStrike;
  }
  return false;
}

std::vector<geo::LatLng> PlacesThatCount(const Clause& clause, const Event& e) {
  switch (clause.kind) {
    case ClauseKind::kWithdrawal:
      return {e.WeaponAt()};
    case ClauseKind::kCeasefire:
    case ClauseKind::kCorridor:
      if (e.fired_from) return {*e.fired_from, e.at};
      return {e.at};
    default:
      return {e.at};
  }
}

bool Covers(const Mission& mission, const Ground& ground, const Clause& clause, geo::LatLng p, const Event& e) {
  const int64_t from = e.time.start.utc_ms, to = e.time.end.utc_ms;
  bool inside = clause.zones.empty() || std::any_of(clause.zones.begin(), clause.zones.end(), [&](const auto& id) {
                  const geo::Zone* z = mission.FindZone(id);
                  return z && ground.Holds(*z, p, from, to);
                });
  return inside && ground.WithinBand(clause, p);
}

bool BindsParty(const Mission& mission, const Clause& clause, const std::string& party) {
  if (!clause.binds.empty()) return std::find(clause.binds.begin(), clause.binds.end(), party) != clause.binds.end();
  const Party* p = mission.FindParty(party);
  return p && p->role == PartyRole::kConflict;
}

std::vector<std::string> ClausesBroken(const Mission& mission, const Ground& ground, const Event& e) {
  std::vector<std::string> out;
  for (const Clause& c : mission.clauses) {
    if (!InForce(c, e.time) || !Forbids(c, e) || !BindsParty(mission, c, e.party)) continue;
    std::vector<geo::LatLng> places = PlacesThatCount(c, e);
    if (std::any_of(places.begin(), places.end(), [&](geo::LatLng p) { return Covers(mission, ground, c, p, e); })) {
      out.push_back(c.id);
    }
  }
  return out;
}

}  // namespace truce::sim
