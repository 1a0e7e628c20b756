// The simulator's own reading of the agreement: which of the pack's clauses
// an event it made broke (docs/SIMULATOR.md, "Which clauses an event
// broke").
//
// It is written apart from the center's rules (adjudicate/rules.h) and
// shares no code with them, so that the truth `truce score` compares the
// findings with is a second reading, not the center's own: a fault in how
// the center reads the agreement lowers the scores. It reads the clauses
// as data (kind, time in force, zones, withdrawal band, weapon classes,
// binds) and the event as the simulator knows it, with no uncertainty:
// the act it made, where the weapon stood, where it struck, who did it.
//
// A clause is broken when all four hold:
//   * it is in force at some moment of the event;
//   * the act is one its kind forbids (Forbids below);
//   * one of the act's places that count for its kind is inside the clause's
//     ground (Covers below) while the clause is in force;
//   * it binds the party that did it: its `binds`, or else every conflict
//     party.
#pragma once

#include <string>
#include <vector>

#include "sim/event.h"
#include "sim/ground.h"
#include "truce/mission/mission.h"

namespace truce::sim {

// Whether a clause of this kind forbids the act, whatever its place:
//   ceasefire   fire and attacks: shelling, small-arms fire, drone strikes, IEDs;
//   corridor    the same, and a heavy weapon's presence (an armed presence);
//   withdrawal  a weapon of a class the clause lists (any, if it lists none)
//               present or firing;
//   movement    an obstructed patrol;
//   airspace    a flight, a drone strike.
// An illumination flare breaks nothing.
bool Forbids(const Clause& clause, const Event& e);

// The places of the act that count for the clause's kind: for a withdrawal,
// where the weapon stood; for a ceasefire or a corridor, where the weapon
// stood and where it struck (fire is an act at both ends); otherwise where
// it happened.
std::vector<geo::LatLng> PlacesThatCount(const Clause& clause, const Event& e);

// Whether the clause covers p at some moment of the event: it names no zones
// (the whole mission area) or one of its zones holds p then; and, for a
// withdrawal measured from a line (from_zone), p is within distance_km of it.
bool Covers(const Mission& mission, const Ground& ground, const Clause& clause, geo::LatLng p, const Event& e);

// Whether the clause binds the party: listed in `binds`, or, with no list,
// a conflict party.
bool BindsParty(const Mission& mission, const Clause& clause, const std::string& party);

// The ids of the clauses the event broke, in the pack's order.
std::vector<std::string> ClausesBroken(const Mission& mission, const Ground& ground, const Event& e);

}  // namespace truce::sim
