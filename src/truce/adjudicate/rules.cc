#include "truce/adjudicate/rules.h"

#include <algorithm>

namespace truce::adjudicate {

bool IsHostileAct(Category c) {
  switch (c) {
    case Category::kShelling:
    case Category::kSmallArmsFire:
    case Category::kAirstrike:
    case Category::kDroneStrike:
    case Category::kIed:
    case Category::kGroundAssault:
      return true;
    default:
      return false;
  }
}

bool Breaks(const Clause& clause, Category category, std::string_view weapon_class) {
  switch (clause.kind) {
    case ClauseKind::kCeasefire:
      return IsHostileAct(category);
    case ClauseKind::kCorridor:
      // Any armed presence or hostile act of a party to the conflict inside.
      return IsHostileAct(category) || category == Category::kHeavyWeaponPresent;
    case ClauseKind::kWithdrawal:
      // A heavy weapon of a listed class; one seen but not told apart is
      // still a heavy weapon inside the zone.
      return category == Category::kHeavyWeaponPresent &&
             (weapon_class.empty() || clause.weapon_classes.empty() ||
              std::find(clause.weapon_classes.begin(), clause.weapon_classes.end(), weapon_class) !=
                  clause.weapon_classes.end());
    case ClauseKind::kMovement:
      return category == Category::kPatrolObstructed;
    case ClauseKind::kAirspace:
      return category == Category::kFlight || category == Category::kDroneStrike || category == Category::kAirstrike;
  }
  return false;
}

bool Binds(const Clause& clause, const Mission& mission, std::string_view party) {
  if (party.empty()) return true;
  if (!clause.binds.empty()) {
    return std::find(clause.binds.begin(), clause.binds.end(), party) != clause.binds.end();
  }
  const Party* p = mission.FindParty(party);
  return p && p->role == PartyRole::kConflict;
}

std::vector<const Clause*> ClausesBroken(const Mission& mission, const Tagger& tagger, Report act) {
  tagger.Tag(&act);
  std::vector<const Clause*> out;
  for (const std::string& id : act.clauses) {
    const Clause* c = mission.FindClause(id);
    if (c && Breaks(*c, act.category, act.weapon_class)) out.push_back(c);
  }
  return out;
}

}  // namespace truce::adjudicate
