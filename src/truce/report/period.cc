#include "truce/report/period.h"

namespace truce::report {

Period MakePeriod(const LocalZone& zone, CivilDay first, CivilDay last, std::optional<int> cutoff_min) {
  Period p;
  p.first = first;
  p.last = last;
  p.cutoff_min = cutoff_min;
  if (cutoff_min) {
    p.from_ms = zone.At(first - 1, *cutoff_min);
    p.to_ms = zone.At(last, *cutoff_min);
  } else {
    p.from_ms = zone.StartOf(first);
    p.to_ms = zone.StartOf(last + 1);
  }
  return p;
}

Period Before(const LocalZone& zone, const Period& p, int n) {
  const int shift = n * p.days();
  return MakePeriod(zone, p.first - shift, p.last - shift, p.cutoff_min);
}

Result<Period> ParsePeriod(const LocalZone& zone, const std::string& date, const std::string& from,
                           const std::string& to, const std::string& cutoff, int64_t now_ms) {
  CivilDay first = 0, last = 0;
  if (!date.empty()) {
    if (!from.empty() || !to.empty()) return Status::Invalid("give --date, or --from and --to, not both");
    TRUCE_ASSIGN_OR_RETURN(first, ParseCivilDay(date, "--date"));
    last = first;
  } else {
    if (from.empty() || to.empty()) return Status::Invalid("give --date D, or --from D1 and --to D2 (YYYY-MM-DD)");
    TRUCE_ASSIGN_OR_RETURN(first, ParseCivilDay(from, "--from"));
    TRUCE_ASSIGN_OR_RETURN(last, ParseCivilDay(to, "--to"));
    if (last < first) return Status::Invalid("--to " + to + " is before --from " + from);
    if (last - first + 1 > 366) return Status::Invalid("the period is over 366 days: report on a year at most");
  }
  std::optional<int> cutoff_min;
  if (!cutoff.empty()) {
    TRUCE_ASSIGN_OR_RETURN(int m, ParseClockTime(cutoff, "--cutoff"));
    cutoff_min = m;
  }
  Period p = MakePeriod(zone, first, last, cutoff_min);
  if (cutoff_min && p.to_ms > now_ms) {
    return Status::Invalid("--cutoff " + cutoff + " on " + LongDay(last) + " (" + zone.name() +
                           ") is in the future: a report can only be based on information already received");
  }
  return p;
}

std::string PeriodWords(const Period& p) {
  if (p.first == p.last) return LongDay(p.first);
  const std::string a = LongDay(p.first), b = LongDay(p.last);
  // Share the year (and the month) when they are the same.
  if (a.substr(a.size() - 4) == b.substr(b.size() - 4)) {
    const std::string a_day = ShortDay(p.first), b_day = ShortDay(p.last);
    const auto month_of = [](const std::string& s) { return s.substr(s.find(' ') + 1); };
    if (month_of(a_day) == month_of(b_day)) return a_day.substr(0, a_day.find(' ')) + " to " + b;
    return a_day + " to " + b;
  }
  return a + " to " + b;
}

}  // namespace truce::report
