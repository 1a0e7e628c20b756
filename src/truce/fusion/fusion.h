// Fusion: reports → incidents (docs/USER-GUIDE.md, "How reports become an incident").
//
// Two reports describe the same event when
//   * their categories can describe one event (shelling and an airstrike
//     can; shelling and a heavy weapon parked in a field cannot),
//   * their observed intervals overlap or lie within `time_slack_ms`,
//   * their places lie within sqrt(r1² + r2²) + `space_slack_m` of each other
//     (r: each report's uncertainty radius; two estimates of one point with
//     radii r1, r2 differ by about that much), and
//   * they come from different sources, or from one source at overlapping
//     times (an observation post reporting two bursts a minute apart saw two
//     things).
// Reports are hard (the center's monitors, sensors and patrols) or soft (a
// party's claim, a news item: late, rounded, and given a wide radius).
// Hard reports linked to each other form an incident. A soft report hangs
// on the one hard report it is closest to among those it links with
// (distance over the gate, squared, plus the time gap over the slack,
// squared; ties to the smaller report id), so two claims with 3 km radii do
// not chain two nearby shellings into one. Soft reports that link with no
// hard report form incidents among themselves.
// None of this depends on the order reports arrive in, so adding reports one
// by one (each joins an incident, merges several or starts one) gives
// exactly the incidents a batch fusion of the whole store gives.
//
// Reports are found by a hash of (hour, 0.05° cell): each report is filed
// under every hour and cell its interval and its inflated radius touch, so a
// new report meets only its possible partners. A report whose radius is over
// 20 km or whose interval is over 3 days describes an area or a period, not
// an event, and stays an incident of its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "truce/core/report.h"

namespace truce::fusion {

struct Settings {
  int64_t time_slack_ms = 10 * 60'000;
  double space_slack_m = 300;
};

// How well an incident is established (docs/USER-GUIDE.md, "How reports become an incident").
enum class Corroboration { kSingleSource, kCorroborated, kTechnical, kJointlyVerified };
std::string_view CorroborationName(Corroboration c);

// A party's claim or a news item: a soft report, which hangs on a monitor's
// report rather than linking incidents (see above).
inline bool IsClaim(SourceKind k) { return k == SourceKind::kParty || k == SourceKind::kNews; }

// The parts of a report fusion and attribution use.
struct Member {
  int64_t id = 0;  // the center's report id
  uint64_t entry = 0;
  int64_t start_ms = 0, end_ms = 0;
  int32_t offset_min = 0;
  double lat = 0, lon = 0, radius_m = 0;
  SourceKind kind = SourceKind::kParty;
  Category category = Category::kOther;
  std::string source;  // Source::Key(): who said it
  std::string party;   // source.party
  std::string blames;
  std::string weapon_class;
  std::optional<Bearing> bearing;
  std::optional<Origin> origin;
};

Member MemberOf(const StoredReport& r);

struct Incident {
  // "I-" + the smallest id among its hard reports (or, with none, among its
  // claims): it stays with the event as reports join.
  std::string id;
  std::vector<int64_t> reports;  // center report ids, ascending
  Category category = Category::kOther;
  TimeInterval time;
  double lat = 0, lon = 0, uncertainty_m = 0;
  std::string weapon_class;
  Corroboration corroboration = Corroboration::kSingleSource;
  bool contested = false;
  std::vector<std::string> contested_why;
  std::vector<std::string> blamed;  // distinct parties blamed by its sources
  int sources = 0;                  // independent sources
};

class Fuser {
 public:
  explicit Fuser(Settings settings = {}) : settings_(settings) {}

  // Adds a report: it joins an incident, merges several, or starts one.
  // Returns its position, for GroupOf. Amortised constant time plus the
  // reports it may link with.
  size_t Add(const Member& m);
  size_t Add(const StoredReport& r) { return Add(MemberOf(r)); }

  size_t size() const { return members_.size(); }
  const Member& member(size_t i) const { return members_[i]; }

  // The members (positions) of the incident holding member i, by report id.
  std::vector<size_t> GroupOf(size_t i);
  // Every incident's members, ordered by their smallest report id.
  std::vector<std::vector<size_t>> Groups();
  Incident Summarise(const std::vector<size_t>& group) const;
  // Every incident, summarised.
  std::vector<Incident> Incidents();

 private:
  bool Links(const Member& a, const Member& b) const;
  double Closeness(const Member& a, const Member& b) const;
  // Whether hard report h is a better anchor for soft report s than its own.
  bool Better(size_t s, size_t h) const;
  void Attach(size_t s, size_t h);
  size_t Find(size_t i);
  void Union(size_t a, size_t b);
  std::vector<size_t> HardComponent(size_t root);
  std::vector<size_t> SoftGroup(size_t s, std::vector<char>* seen);
  template <typename F>
  void ForEachKey(const Member& m, F f) const;

  Settings settings_;
  std::vector<Member> members_;
  std::vector<char> hard_;
  // Hard reports: union-find, and a circular list of each component's
  // members (spliced on union) so a component is listed in linear time.
  std::vector<uint32_t> parent_, rank_, next_;
  // Soft reports: the hard report each hangs on (-1: none), and links
  // between soft reports that hang on nothing.
  std::vector<int64_t> anchor_;
  std::vector<std::vector<uint32_t>> attached_;  // hard → softs hanging on it
  std::vector<std::vector<uint32_t>> soft_links_;
  std::vector<uint32_t> stamp_;
  uint32_t visit_ = 0;
  std::unordered_map<uint64_t, std::vector<uint32_t>> grid_;
};

}  // namespace truce::fusion
