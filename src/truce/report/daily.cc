#include "truce/report/daily.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>

#include "truce/geo/place_words.h"
#include "truce/report/words.h"

namespace truce::report {
namespace {

using adjudicate::BrokenClause;

bool Breaks(const IncidentFacts& f, ClauseKind kind) {
  for (const BrokenClause& c : f.finding.determination.clauses) {
    if (c.kind == kind) return true;
  }
  return false;
}

bool IsViolation(const IncidentFacts& f) { return Breaks(f, ClauseKind::kCeasefire); }
bool IsAllegedOnly(const IncidentFacts& f) {
  return f.finding.determination.clauses.empty() && !f.finding.determination.alleged.empty();
}
bool IsMovementRestriction(const IncidentFacts& f) {
  return f.finding.incident.category == Category::kPatrolObstructed || Breaks(f, ClauseKind::kMovement);
}

// The periods counted against: [0] the report's, [1] the one before, ...
// up to kAveragePeriods before it.
struct Periods {
  std::array<Period, kAveragePeriods + 1> p;
  // Which of them holds t, or -1.
  int Of(int64_t t_ms) const {
    for (size_t k = 0; k < p.size(); ++k) {
      if (p[k].Holds(t_ms)) return int(k);
    }
    return -1;
  }
};

// Counts per period for one row or total.
struct Tally {
  std::array<int64_t, kAveragePeriods + 1> n{};
  Count Done() const {
    Count c;
    c.now = n[0];
    c.previous = n[1];
    int64_t sum = 0;
    for (int k = 1; k <= kAveragePeriods; ++k) sum += n[size_t(k)];
    c.average = double(sum) / kAveragePeriods;
    return c;
  }
};

struct RowTally {
  std::string label;
  Tally violations, explosions;
};

int Severity(const IncidentFacts& f) {
  int s = f.killed * 100 + f.injured * 30 + CategorySeverity(f.finding.incident.category);
  if (!f.finding.determination.clauses.empty()) s += 20;
  switch (f.finding.incident.corroboration) {
    case fusion::Corroboration::kJointlyVerified:
    case fusion::Corroboration::kTechnical:
      s += 10;
      break;
    case fusion::Corroboration::kCorroborated:
      s += 5;
      break;
    case fusion::Corroboration::kSingleSource:
      break;
  }
  return s;
}

std::string When(const DailyInputs& in, const IncidentFacts& f) {
  const auto& t = f.finding.incident.time;
  std::string out = in.zone.ClockTime(t.start.utc_ms);
  if (t.end.utc_ms - t.start.utc_ms >= 60'000) {
    out += "–" + in.zone.ClockTime(t.end.utc_ms);
    if (in.zone.DayOf(t.end.utc_ms) != in.zone.DayOf(t.start.utc_ms))
      out += " on " + ShortDay(in.zone.DayOf(t.end.utc_ms));
  }
  const CivilDay day = in.zone.DayOf(t.start.utc_ms);
  if (in.period.first != in.period.last || day != in.period.last) out += " on " + ShortDay(day);
  return out;
}

std::string PartyName(const Mission& m, const std::string& id) {
  const Party* p = m.FindParty(id);
  return p ? p->name + " (" + id + ")" : id;
}

std::string Paragraph(const DailyInputs& in, const IncidentFacts& f, const std::string& when,
                      const std::string& where) {
  const Mission& m = *in.mission;
  const fusion::Incident& inc = f.finding.incident;
  const adjudicate::Determination& d = f.finding.determination;
  char place[96];
  std::snprintf(place, sizeof place, "%.4f° N, %.4f° E, within %.0f m", inc.lat, inc.lon, inc.uncertainty_m);
  std::string p =
      "At " + when + ", " + CategoryPhrase(inc.category) + " " + where + " (" + place + ") [" + inc.id + "].";
  p += " " + std::to_string(inc.reports.size()) + (inc.reports.size() == 1 ? " report" : " reports") + " from " +
       std::to_string(inc.sources) + (inc.sources == 1 ? " source" : " independent sources");
  if (!f.sources.empty()) p += " (" + JoinWords(f.sources) + ")";
  p += ": " + std::string(CorroborationPhrase(inc.corroboration)) + ".";
  if (inc.contested) {
    p += " The sources disagree";
    if (!inc.contested_why.empty()) p += ": " + JoinWords(inc.contested_why);
    p += ".";
  }
  if (!d.responsible.empty()) {
    char prob[32];
    std::snprintf(prob, sizeof prob, "%.0f%%", d.attribution.probability * 100);
    p += " The center holds " + PartyName(m, d.responsible) + " responsible, with " + d.confidence + " confidence (" +
         prob + ", " + AttributionPhrase(d.attribution.method) + ").";
  } else if (!d.clauses.empty() || !d.alleged.empty()) {
    p += " Who is responsible could not be established.";
  }
  std::vector<std::string> broken, alleged;
  for (const auto& c : d.clauses) broken.push_back(c.id + " (" + std::string(ClauseKindName(c.kind)) + ")");
  for (const auto& c : d.alleged) alleged.push_back(c.id);
  if (!broken.empty()) p += " It breaks " + JoinWords(broken) + ".";
  if (!alleged.empty()) p += " On one source's word alone it would break " + JoinWords(alleged) + ".";
  if (broken.empty() && alleged.empty()) p += " It breaks no clause of the agreement.";
  if (f.killed > 0 || f.injured > 0) p += " " + CasualtyPhrase(f.killed, f.injured) + " reported.";
  p += " " + ReviewPhrase(f.state, f.cosigned_by) + ".";
  return p;
}

IncidentItem ItemOf(const DailyInputs& in, const IncidentFacts& f) {
  IncidentItem item;
  item.facts = &f;
  item.where = geo::DescribePlace(in.mission->gazetteer, {f.finding.incident.lat, f.finding.incident.lon}).words;
  item.when = When(in, f);
  item.paragraph = Paragraph(in, f, item.when, item.where);
  item.severity = Severity(f);
  return item;
}

std::string CountWords(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string AverageWords(double a) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", a);
  return buf;
}

std::string Summary(const DailyReport& r, const std::string& period_words) {
  const DailyInputs& in = *r.inputs;
  const bool day = in.period.first == in.period.last;
  const std::string previous = day ? "the previous day" : "the previous period of the same length";
  std::string s = std::string(day ? "On " : "In ") + period_words + " the center recorded " +
                  CountWords(r.violations.now, "ceasefire violation", "ceasefire violations") + ", including " +
                  CountWords(r.explosions.now, "explosion", "explosions") + ", compared with " +
                  CountWords(r.violations.previous, "violation", "violations") + " (" +
                  CountWords(r.explosions.previous, "explosion", "explosions") + ") in " + previous +
                  "; the average over the " + std::to_string(kAveragePeriods) + (day ? " days" : " periods") +
                  " before was " + AverageWords(r.violations.average) + ".";
  if (r.alleged.now > 0) {
    s += " " + CountWords(r.alleged.now, "claim", "claims") +
         " by one source alone, not borne out by another, are not counted as violations.";
  }
  const CountRow* top_zone = nullptr;
  for (const CountRow& row : r.by_zone) {
    if (row.violations.now > 0 && (!top_zone || row.violations.now > top_zone->violations.now)) top_zone = &row;
  }
  if (top_zone) s += " Most were in the " + top_zone->label + " (" + std::to_string(top_zone->violations.now) + ").";
  if (r.violations.now > 0) {
    std::vector<std::string> states;
    for (const char* st : {"final", "disputed", "unverifiable", "proposed", "awaiting"}) {
      auto it = r.by_state.find(st);
      if (it != r.by_state.end() && it->second > 0) states.push_back(std::to_string(it->second) + " " + StateWords(st));
    }
    if (!states.empty()) s += " Of the violations: " + JoinWords(states) + ".";
  }
  if (!r.withdrawal.empty()) {
    s += " " + CountWords(int64_t(r.withdrawal.size()), "sighting", "sightings") +
         " of weapons in violation of withdrawal lines.";
  }
  if (!r.corridor.empty()) {
    s += " " + CountWords(int64_t(r.corridor.size()), "case", "cases") + " of armed presence in the security corridor.";
  }
  if (r.killed > 0 || r.injured > 0) s += " " + CasualtyPhrase(r.killed, r.injured) + " among civilians reported.";
  if (!r.movement.empty()) {
    s += " The center's freedom of movement was restricted " + CountWords(int64_t(r.movement.size()), "time", "times") +
         ".";
  }
  if (!r.patrols.empty()) s += " " + r.patrol_summary;
  return s;
}

std::string PatrolSentence(const PatrolRecord& p) {
  char km[64];
  const patrol::PatrolPlan& plan = p.plan;
  std::string route = plan.from.empty() ? "along its waypoints" : "from " + plan.from + " to " + plan.to;
  std::string s = "Joint patrol " + p.id + " (" + JoinWords(plan.parties) + ") " + route;
  if (p.outcome) {
    std::snprintf(km, sizeof km, "%.1f of %.1f km", p.outcome->reached_km, p.route_km);
    s += ": " + p.outcome->outcome + ", reached " + km;
    if (!p.outcome->reasons.empty()) {
      std::string why = p.outcome->reasons;
      while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
      s += " (" + why + ")";
    }
  } else {
    std::snprintf(km, sizeof km, "%.1f of %.1f km", p.progress.furthest_m / 1000, p.route_km);
    s += ": " + std::string(p.state == "under_way" ? "under way, " : p.state + ", ") + km + " reached so far";
  }
  if (!p.alerts.empty()) s += "; " + CountWords(int64_t(p.alerts.size()), "alert", "alerts");
  return s + ".";
}

}  // namespace

bool IsExplosion(Category c) {
  return c == Category::kShelling || c == Category::kAirstrike || c == Category::kDroneStrike || c == Category::kIed;
}

DailyReport Compose(const DailyInputs& in) {
  const Mission& m = *in.mission;
  DailyReport r;
  r.inputs = &in;
  const std::string period_words = PeriodWords(in.period);
  r.title = "Daily report of the " + m.name + ": " + period_words;
  if (in.period.first != in.period.last) r.title = "Report of the " + m.name + ": " + period_words;
  // The zone with its offset at a moment (summer time, or rules changed
  // since the period, make it differ from moment to moment).
  auto zone_words = [&](int64_t ms) { return in.zone.name() + ", " + FormatUtcOffset(in.zone.OffsetMin(ms)); };
  if (in.period.cutoff_min) {
    r.cutoff = "Based on information received as of " + in.zone.ClockTime(in.period.to_ms) + " on " +
               LongDay(in.period.last) + " (" + zone_words(in.period.to_ms - 1) + ").";
    r.covers = "It covers " + in.zone.ClockTime(in.period.from_ms) + " on " + LongDay(in.period.first - 1) + " to " +
               in.zone.ClockTime(in.period.to_ms) + " on " + LongDay(in.period.last) + ".";
  } else {
    const int64_t as_of = in.register_point.as_of_ms;
    r.cutoff = "Based on information received as of " + in.zone.ClockTime(as_of) + " on " +
               LongDay(in.zone.DayOf(as_of)) + " (" + zone_words(as_of) + "), the register's newest entry then.";
    r.covers = "It covers " + period_words + ", from local midnight to midnight.";
  }

  Periods periods;
  for (int k = 0; k <= kAveragePeriods; ++k) periods.p[size_t(k)] = Before(in.zone, in.period, k);
  Tally violations, explosions, other_fire, alleged;
  std::map<std::string, RowTally> zones, parties, categories;
  std::vector<std::string> zone_order;
  for (const geo::Zone& z : m.zones) {
    using geo::ZoneKind;
    if (z.kind == ZoneKind::kDeescalationArea || z.kind == ZoneKind::kDistrict || z.kind == ZoneKind::kControlArea ||
        z.kind == ZoneKind::kSecurityCorridor) {
      zones[z.id].label = z.name;
      zone_order.push_back(z.id);
    }
  }
  std::vector<Period> trend_days;
  for (int k = kTrendDays - 1; k >= 0; --k) {
    trend_days.push_back(MakePeriod(in.zone, in.period.last - k, in.period.last - k, in.period.cutoff_min));
    r.trend.push_back({in.period.last - k});
  }

  for (const IncidentFacts& f : in.incidents) {
    const int64_t t = f.finding.incident.time.start.utc_ms;
    const bool violation = IsViolation(f);
    const bool explosion = IsExplosion(f.finding.incident.category);
    for (size_t k = 0; k < trend_days.size(); ++k) {
      if (!trend_days[k].Holds(t)) continue;
      if (violation && explosion) {
        ++r.trend[k].explosions;
      } else if (violation) {
        ++r.trend[k].other_fire;
      } else if (!f.finding.determination.clauses.empty()) {
        ++r.trend[k].other;
      }
    }
    const int k = periods.Of(t);
    if (k < 0) continue;
    if (k == 0) r.in_period.push_back(&f);
    if (IsAllegedOnly(f)) ++alleged.n[size_t(k)];
    if (!violation) continue;
    ++violations.n[size_t(k)];
    (explosion ? explosions : other_fire).n[size_t(k)]++;
    auto count_in = [&](RowTally& row) {
      ++row.violations.n[size_t(k)];
      if (explosion) ++row.explosions.n[size_t(k)];
    };
    for (const std::string& z : f.finding.zones) {
      auto it = zones.find(z);
      if (it != zones.end()) count_in(it->second);
    }
    const std::string& who = f.finding.determination.responsible;
    RowTally& party = parties[who.empty() ? std::string() : who];
    party.label = who.empty() ? "not established" : PartyName(m, who);
    count_in(party);
    RowTally& cat = categories[std::string(CategoryName(f.finding.incident.category))];
    cat.label = CategoryLabel(f.finding.incident.category);
    count_in(cat);
    if (k == 0) ++r.by_state[f.state];
  }
  r.violations = violations.Done();
  r.explosions = explosions.Done();
  r.other_fire = other_fire.Done();
  r.alleged = alleged.Done();
  auto rows = [](const std::map<std::string, RowTally>& from, const std::vector<std::string>& order) {
    std::vector<CountRow> out;
    for (const std::string& key : order) {
      const RowTally& t = from.at(key);
      CountRow row{key, t.label, t.violations.Done(), t.explosions.Done()};
      if (row.violations.now > 0 || row.violations.previous > 0 || row.violations.average > 0) out.push_back(row);
    }
    return out;
  };
  auto keys = [](const std::map<std::string, RowTally>& from) {
    std::vector<std::string> out;
    for (const auto& [k, v] : from) out.push_back(k);
    return out;
  };
  r.by_zone = rows(zones, zone_order);
  r.by_party = rows(parties, keys(parties));
  r.by_category = rows(categories, keys(categories));

  for (const IncidentFacts* f : r.in_period) {
    IncidentItem item = ItemOf(in, *f);
    if (Breaks(*f, ClauseKind::kWithdrawal)) r.withdrawal.push_back(item);
    if (Breaks(*f, ClauseKind::kCorridor)) r.corridor.push_back(item);
    if (IsMovementRestriction(*f)) r.movement.push_back(item);
    bool civilian = f->killed > 0 || f->injured > 0 || f->finding.incident.category == Category::kCivilianHarm;
    for (const std::string& z : f->finding.zones) {
      const geo::Zone* zone = m.FindZone(z);
      if (zone && zone->kind == geo::ZoneKind::kBuffer) civilian = true;
    }
    if (civilian) {
      r.civilian.push_back(item);
      r.killed += f->killed;
      r.injured += f->injured;
    }
    r.notable.push_back(std::move(item));
  }
  std::stable_sort(r.notable.begin(), r.notable.end(),
                   [](const IncidentItem& a, const IncidentItem& b) { return a.severity > b.severity; });
  if (r.notable.size() > kMaxNotable) r.notable.resize(kMaxNotable);

  int ended = 0, completed = 0;
  for (const PatrolRecord& p : in.patrols) {
    r.patrols.push_back({&p, PatrolSentence(p)});
    if (p.outcome) {
      ++ended;
      if (p.outcome->outcome == "completed") ++completed;
    }
  }
  if (!r.patrols.empty()) {
    r.patrol_summary = CountWords(int64_t(r.patrols.size()), "joint patrol was", "joint patrols were") + " planned; " +
                       std::to_string(ended) + " ended, " + std::to_string(completed) + " of them completed.";
    if (in.coverage) {
      char share[48];
      std::snprintf(share, sizeof share, " %.0f%% of the planned patrol distance was driven.",
                    in.coverage->coverage.share * 100);
      r.patrol_summary += share;
    }
  } else {
    r.patrol_summary = "No joint patrols were recorded in the period.";
  }
  r.summary = Summary(r, period_words);
  return r;
}

}  // namespace truce::report
