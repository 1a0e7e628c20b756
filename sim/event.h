// What really happened in a simulated scenario: one event, as the
// simulator made it. Every field is the simulator's own choice (it drew the
// place, picked the weapon, and put the act down to the party holding the
// ground it was done from), not anything the center worked out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/report.h"
#include "truce/core/time.h"
#include "truce/geo/geometry.h"

namespace truce::sim {

inline constexpr int64_t kMinute = 60'000;  // ms
inline constexpr int64_t kHour = 60 * kMinute;
inline constexpr int32_t kOffsetMin = 180;  // both center parties keep UTC+3

struct Event {
  std::string id;
  Category category = Category::kOther;
  TimeInterval time;
  geo::LatLng at;                         // the impact, or where it was
  std::optional<geo::LatLng> fired_from;  // indirect and direct fire: where the weapon stood
  std::string party;                      // who did it
  std::string weapon_class;
  int count = 0;
  std::vector<std::string> clauses;  // the clauses it broke (sim/reading.h)

  // Where the weapon or the actor was: the firing point of fire, else the
  // event's place.
  geo::LatLng WeaponAt() const { return fired_from.value_or(at); }
};

}  // namespace truce::sim
