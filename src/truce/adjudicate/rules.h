// Which acts break which kinds of clause (docs/MISSION-PACKS.md, "What each
// kind means to the center"). One table, used by the determinations. The
// simulator's ground truth does not use it: it has its own reading of the
// agreement (sim/reading.h), so that a fault here lowers `truce score`.
#pragma once

#include <string_view>

#include <vector>
#include "truce/core/report.h"

#include "truce/mission/mission.h"
#include "truce/mission/tagger.h"

namespace truce::adjudicate {

// Fire and attacks: what a ceasefire forbids.
bool IsHostileAct(Category c);

// Whether an act of `category` with `weapon_class` (may be empty) breaks
// `clause`, given that the clause is in force at the act's time and place
// (the tagger's answer). The party is checked separately (Binds).
bool Breaks(const Clause& clause, Category category, std::string_view weapon_class);

// Whether the clause binds `party`; an undetermined party ("") is bound by
// every clause, since the act happened whoever did it.
bool Binds(const Clause& clause, const Mission& mission, std::string_view party);

// The clauses in force at `act`'s place and time (the tagger's answer) that
// an act of its category and weapon class breaks, in the pack's order;
// whom they bind is for the caller (Binds). `act` needs category,
// observed, location and weapon_class.
std::vector<const Clause*> ClausesBroken(const Mission& mission, const Tagger& tagger, Report act);

}  // namespace truce::adjudicate
