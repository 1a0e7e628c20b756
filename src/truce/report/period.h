// The period a report covers and the cut-off of the information it uses
// (docs/USER-GUIDE.md, "The daily report").
//
// Days are the mission's local days (core/local_time.h). Without a cut-off
// a day runs from local midnight to the next. With one — the SMM's "based
// on information received as of 19:30" — a day is the 24 hours up to that
// time: the report for 10 March with --cutoff 19:30 covers 19:30 on 9
// March to 19:30 on 10 March, and only what the register held at 19:30 on
// 10 March. A period report (--from, --to) covers whole days the same way.
// Each period has a previous one of the same length just before it, which
// is how "compared with the previous reporting period" is counted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "truce/core/local_time.h"
#include "truce/core/status.h"

namespace truce::report {

struct Period {
  CivilDay first = 0, last = 0;    // local days, inclusive
  std::optional<int> cutoff_min;   // minutes after local midnight
  int64_t from_ms = 0, to_ms = 0;  // [from, to): an incident belongs by the start of its time

  int days() const { return last - first + 1; }
  bool Holds(int64_t t_ms) const { return from_ms <= t_ms && t_ms < to_ms; }
};

// The period of days [first, last] in `zone`, cut off at `cutoff_min`.
// REQUIRES: first <= last.
Period MakePeriod(const LocalZone& zone, CivilDay first, CivilDay last, std::optional<int> cutoff_min);
// The period `n` lengths before `p` (n = 1: the previous reporting period).
Period Before(const LocalZone& zone, const Period& p, int n);

// What the user asked for: --date, or --from and --to, with an optional
// --cutoff HH:MM; refused with the option named: a date not in the
// calendar, --to before --from, a period over 366 days, a cut-off in the
// future by `now_ms`.
Result<Period> ParsePeriod(const LocalZone& zone, const std::string& date, const std::string& from,
                           const std::string& to, const std::string& cutoff, int64_t now_ms);

// "10 March 2020", "1 to 7 March 2020", "28 February to 6 March 2020".
std::string PeriodWords(const Period& p);

}  // namespace truce::report
