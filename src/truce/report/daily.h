// The daily report (docs/USER-GUIDE.md, "The daily report"): what the
// center found in a period, in the sections of the OSCE SMM's daily
// reports — the cut-off, a summary, ceasefire violations with explosions
// apart, weapons against withdrawal lines and presence in the corridor,
// notable incidents, civilian casualties, restrictions of the center's
// freedom of movement, patrols, a map, a trend, and the register's
// checkpoint the report rests on.
//
// Compose is a pure function of its inputs: the same inputs give the same
// report, byte for byte once rendered (render.h). Gathering the inputs
// from a center is sources.h's job.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "truce/core/local_time.h"
#include "truce/findings/findings.h"
#include "truce/findings/patrol_board.h"
#include "truce/mission/mission.h"
#include "truce/report/period.h"

namespace truce::report {

// The trend chart's length and the notable incidents' number.
constexpr int kTrendDays = 30;
constexpr size_t kMaxNotable = 10;
// How many earlier periods the average is over ("the 7-day average").
constexpr int kAveragePeriods = 7;

// One incident as the report has it: the center's finding from the
// reports the register held at the cut-off, and where its review stood.
struct IncidentFacts {
  Finding finding;
  // The review state of a determination of exactly this finding (final,
  // disputed, unverifiable, proposed), or "awaiting" when none has been
  // proposed yet or the finding has changed since the last one.
  std::string state = "awaiting";
  std::vector<std::string> cosigned_by;  // center parties, with a final or partly cosigned one
  int killed = 0, injured = 0;           // the most any one of its reports gave (reports of one event overlap)
  std::vector<std::string> sources;      // Source::Describe() of each distinct source
  // UCDP GED's fatality estimates over the reports that give a figure: the
  // lowest, the highest, and the best — the center's own monitors' figure
  // (the highest of theirs) when they gave one, else the lower median.
  int killed_low = 0, killed_best = 0, killed_high = 0;
};

// The register as the report used it.
struct RegisterPoint {
  uint64_t size = 0;
  std::string root;        // base64 of the Merkle root, as in the checkpoint
  std::string checkpoint;  // the center's signed checkpoint note of that size
  int64_t as_of_ms = 0;    // when its newest entry was signed
};

struct DailyInputs {
  const Mission* mission = nullptr;
  LocalZone zone = LocalZone::Utc();
  Period period;
  // Every incident starting from the earliest period the report compares
  // with (the trend's first day or the 7th period before) to the period's end.
  std::vector<IncidentFacts> incidents;
  std::vector<PatrolRecord> patrols;  // those whose window overlaps the period
  std::optional<PatrolBoard::CorridorCoverage> coverage;
  RegisterPoint register_point;
};

// A count this period, in the one before, and the mean over the
// kAveragePeriods before this one.
struct Count {
  int64_t now = 0, previous = 0;
  double average = 0;
};

struct CountRow {
  std::string key;    // zone id, party id, category wire name
  std::string label;  // for people
  Count violations, explosions;
};

// A notable incident, and an entry of the sections that list incidents.
struct IncidentItem {
  const IncidentFacts* facts = nullptr;
  std::string where;      // "3 km north of Ariha"
  std::string when;       // "14:20–14:30" local, or "14:20 on 9 March"
  std::string paragraph;  // the SMM-style paragraph
  int severity = 0;       // larger first
};

struct PatrolItem {
  const PatrolRecord* patrol = nullptr;
  std::string summary;  // one sentence
};

struct TrendDay {
  CivilDay day = 0;
  int64_t explosions = 0, other_fire = 0, other = 0;  // ceasefire violations by kind, other violations
};

struct DailyReport {
  const DailyInputs* inputs = nullptr;
  std::string title;    // "Daily report of the ... : 15 March 2020"
  std::string cutoff;   // "Based on information received as of 19:30 on 15 March 2020 (UTC+2)."
  std::string covers;   // "It covers 19:30 on 14 March to 19:30 on 15 March 2020 (Asia/Damascus, UTC+2)."
  std::string summary;  // the day in words
  // Incidents starting in the period, by id.
  std::vector<const IncidentFacts*> in_period;

  Count violations, explosions, other_fire, alleged;
  std::vector<CountRow> by_zone, by_party, by_category;
  std::map<std::string, int64_t> by_state;  // of the period's violations: final, disputed, ...

  std::vector<IncidentItem> withdrawal;  // heavy weapons against withdrawal lines
  std::vector<IncidentItem> corridor;    // presence in the security corridor
  std::vector<IncidentItem> notable;     // most serious first
  std::vector<IncidentItem> civilian;
  int killed = 0, injured = 0;
  std::vector<IncidentItem> movement;  // restrictions of the center's freedom of movement
  std::vector<PatrolItem> patrols;
  std::string patrol_summary;
  std::vector<TrendDay> trend;  // kTrendDays, oldest first, ending with the period's last day
};

// REQUIRES: inputs.mission set; `inputs` outlives the report.
DailyReport Compose(const DailyInputs& inputs);

// The kinds of fire the SMM counted apart: explosions (shelling, air and
// drone strikes, IEDs) and other fire.
bool IsExplosion(Category c);

}  // namespace truce::report
