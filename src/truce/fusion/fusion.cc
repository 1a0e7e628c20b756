#include "truce/fusion/fusion.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace truce::fusion {
namespace {

constexpr double kCellDeg = 0.05;
constexpr int64_t kBucketMs = 3600'000;
constexpr double kWideRadiusM = 20'000;
constexpr int64_t kLongIntervalMs = 3LL * 24 * kBucketMs;
constexpr double kEarthRadiusM = 6371008.8;

// Families of categories that can describe one event: a bit each.
enum : uint8_t { kExplosion = 1, kFire = 2, kPresence = 4, kPatrol = 8, kAir = 16 };

uint8_t Families(Category c) {
  switch (c) {
    case Category::kShelling:
      return kExplosion;
    case Category::kIed:
      return kExplosion | kPatrol;
    case Category::kAirstrike:
      return kExplosion | kAir;
    case Category::kDroneStrike:
      return kExplosion | kAir;
    case Category::kSmallArmsFire:
      return kFire | kPatrol;
    case Category::kGroundAssault:
      return kFire;
    case Category::kCivilianHarm:
      return kExplosion | kFire;
    case Category::kHeavyWeaponPresent:
      return kPresence;
    case Category::kMovement:
      return kPresence;
    case Category::kPatrolObstructed:
      return kPatrol;
    case Category::kFlight:
      return kAir;
    case Category::kOther:
      return kExplosion | kFire;
  }
  return 0;
}

// Haversine: the gates are hundreds of metres to kilometres, where the
// sphere is within 0.5% of the ellipsoid.
double SphereDistanceM(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = M_PI / 180;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
}

// How much a source's word weighs in the fused category and weapon.
double Weight(SourceKind k) {
  switch (k) {
    case SourceKind::kRadar:
    case SourceKind::kUav:
    case SourceKind::kPatrol:
      return 3;
    case SourceKind::kObserver:
      return 2.5;
    case SourceKind::kAcoustic:
      return 2;
    case SourceKind::kParty:
      return 1;
    case SourceKind::kNews:
      return 0.5;
  }
  return 1;
}

bool Technical(SourceKind k) { return k == SourceKind::kUav || k == SourceKind::kAcoustic || k == SourceKind::kRadar; }

bool Wide(const Member& m) { return m.radius_m > kWideRadiusM || m.end_ms - m.start_ms > kLongIntervalMs; }

}  // namespace

std::string_view CorroborationName(Corroboration c) {
  switch (c) {
    case Corroboration::kSingleSource:
      return "single_source";
    case Corroboration::kCorroborated:
      return "corroborated";
    case Corroboration::kTechnical:
      return "confirmed_technical";
    case Corroboration::kJointlyVerified:
      return "jointly_verified";
  }
  return "single_source";
}

Member MemberOf(const StoredReport& s) {
  const Report& r = s.report;
  Member m;
  m.id = s.id;
  m.entry = s.entry;
  m.start_ms = r.observed.start.utc_ms;
  m.end_ms = r.observed.end.utc_ms;
  m.offset_min = r.observed.start.offset_min;
  m.lat = r.location.lat;
  m.lon = r.location.lon;
  m.radius_m = r.location.uncertainty_m;
  m.kind = r.source.kind;
  m.category = r.category;
  m.source = r.source.Key();
  m.party = r.source.party;
  m.blames = r.blames;
  m.weapon_class = r.weapon_class;
  m.bearing = r.bearing;
  m.origin = r.origin;
  return m;
}

template <typename F>
void Fuser::ForEachKey(const Member& m, F f) const {
  // Half the slacks on each side: two reports that may link have inflated
  // extents that overlap, so they share at least one key.
  double reach = m.radius_m + settings_.space_slack_m / 2;
  double dlat = reach / 111'000.0;
  double dlon = dlat / std::max(0.05, std::cos(m.lat * M_PI / 180));
  int64_t lat0 = int64_t(std::floor((m.lat - dlat) / kCellDeg)), lat1 = int64_t(std::floor((m.lat + dlat) / kCellDeg));
  int64_t lon0 = int64_t(std::floor((m.lon - dlon) / kCellDeg)), lon1 = int64_t(std::floor((m.lon + dlon) / kCellDeg));
  int64_t t0 = (m.start_ms - settings_.time_slack_ms / 2) / kBucketMs;
  int64_t t1 = (m.end_ms + settings_.time_slack_ms / 2) / kBucketMs;
  for (int64_t t = t0; t <= t1; ++t) {
    for (int64_t a = lat0; a <= lat1; ++a) {
      for (int64_t o = lon0; o <= lon1; ++o) {
        uint64_t key = (uint64_t(t) * 0x9E3779B97F4A7C15ULL) ^ (uint64_t(a + 4000) << 20) ^ uint64_t(o + 8000);
        f(key);
      }
    }
  }
}

bool Fuser::Links(const Member& a, const Member& b) const {
  if ((Families(a.category) & Families(b.category)) == 0) return false;
  int64_t gap = std::max(a.start_ms, b.start_ms) - std::min(a.end_ms, b.end_ms);
  if (gap > settings_.time_slack_ms) return false;
  if (a.source == b.source && gap > 0) return false;
  double gate = std::sqrt(a.radius_m * a.radius_m + b.radius_m * b.radius_m) + settings_.space_slack_m;
  return SphereDistanceM(a.lat, a.lon, b.lat, b.lon) <= gate;
}

double Fuser::Closeness(const Member& a, const Member& b) const {
  double gate2 = a.radius_m * a.radius_m + b.radius_m * b.radius_m;
  double d = SphereDistanceM(a.lat, a.lon, b.lat, b.lon);
  int64_t gap = std::max<int64_t>(0, std::max(a.start_ms, b.start_ms) - std::min(a.end_ms, b.end_ms));
  double t = double(gap) / double(std::max<int64_t>(1, settings_.time_slack_ms));
  return d * d / std::max(1.0, gate2) + t * t;
}

bool Fuser::Better(size_t s, size_t h) const {
  if (anchor_[s] < 0) return true;
  size_t cur = size_t(anchor_[s]);
  double a = Closeness(members_[s], members_[h]), b = Closeness(members_[s], members_[cur]);
  return a < b || (a == b && members_[h].id < members_[cur].id);
}

void Fuser::Attach(size_t s, size_t h) {
  if (anchor_[s] >= 0) {
    auto& old = attached_[size_t(anchor_[s])];
    old.erase(std::find(old.begin(), old.end(), uint32_t(s)));
  }
  anchor_[s] = int64_t(h);
  attached_[h].push_back(uint32_t(s));
}

size_t Fuser::Find(size_t i) {
  while (parent_[i] != i) {
    parent_[i] = parent_[parent_[i]];
    i = parent_[i];
  }
  return i;
}

void Fuser::Union(size_t a, size_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return;
  if (rank_[a] < rank_[b]) std::swap(a, b);
  parent_[b] = uint32_t(a);
  if (rank_[a] == rank_[b]) ++rank_[a];
  std::swap(next_[a], next_[b]);  // splice the two circular member lists
}

size_t Fuser::Add(const Member& m) {
  uint32_t i = uint32_t(members_.size());
  members_.push_back(m);
  bool hard = !IsClaim(m.kind);
  hard_.push_back(hard);
  parent_.push_back(i);
  rank_.push_back(0);
  next_.push_back(i);
  anchor_.push_back(-1);
  attached_.emplace_back();
  soft_links_.emplace_back();
  stamp_.push_back(0);
  if (Wide(m)) return i;
  ++visit_;
  ForEachKey(m, [&](uint64_t key) {
    std::vector<uint32_t>& bucket = grid_[key];
    for (uint32_t j : bucket) {
      if (stamp_[j] == visit_) continue;
      stamp_[j] = visit_;
      if (!Links(members_[j], members_[i])) continue;
      if (hard && hard_[j]) {
        Union(i, j);
      } else if (hard) {
        if (Better(j, i)) Attach(j, i);
      } else if (hard_[j]) {
        if (Better(i, j)) Attach(i, j);
      } else {
        soft_links_[i].push_back(j);
        soft_links_[j].push_back(i);
      }
    }
    bucket.push_back(i);
  });
  return i;
}

std::vector<size_t> Fuser::HardComponent(size_t root) {
  std::vector<size_t> out;
  size_t j = root;
  do {
    out.push_back(j);
    for (uint32_t s : attached_[j]) out.push_back(s);
    j = next_[j];
  } while (j != root);
  return out;
}

// The soft reports reachable from s over links between unanchored ones.
std::vector<size_t> Fuser::SoftGroup(size_t s, std::vector<char>* seen) {
  std::vector<size_t> out{s}, todo{s};
  (*seen)[s] = 1;
  while (!todo.empty()) {
    size_t k = todo.back();
    todo.pop_back();
    for (uint32_t n : soft_links_[k]) {
      if ((*seen)[n] || anchor_[n] >= 0) continue;
      (*seen)[n] = 1;
      out.push_back(n);
      todo.push_back(n);
    }
  }
  return out;
}

std::vector<size_t> Fuser::GroupOf(size_t i) {
  std::vector<size_t> g;
  if (hard_[i]) {
    g = HardComponent(Find(i));
  } else if (anchor_[i] >= 0) {
    g = HardComponent(Find(size_t(anchor_[i])));
  } else {
    std::vector<char> seen(members_.size(), 0);
    g = SoftGroup(i, &seen);
  }
  std::sort(g.begin(), g.end(), [&](size_t a, size_t b) { return members_[a].id < members_[b].id; });
  return g;
}

std::vector<std::vector<size_t>> Fuser::Groups() {
  std::vector<std::vector<size_t>> out;
  std::vector<char> seen(members_.size(), 0);
  for (size_t i = 0; i < members_.size(); ++i) {
    if (hard_[i] && Find(i) == i) {
      out.push_back(HardComponent(i));
    } else if (!hard_[i] && anchor_[i] < 0 && !seen[i]) {
      out.push_back(SoftGroup(i, &seen));
    }
  }
  for (auto& g : out) {
    std::sort(g.begin(), g.end(), [&](size_t a, size_t b) { return members_[a].id < members_[b].id; });
  }
  std::sort(out.begin(), out.end(),
            [&](const auto& a, const auto& b) { return members_[a[0]].id < members_[b[0]].id; });
  return out;
}

std::vector<Incident> Fuser::Incidents() {
  std::vector<Incident> out;
  for (const auto& g : Groups()) out.push_back(Summarise(g));
  return out;
}

Incident Fuser::Summarise(const std::vector<size_t>& idx) const {
  Incident inc;
  // Named by its first hard report: hard reports only ever join, so the name
  // stays with the event; a claim that moves to a closer event takes no
  // name with it. An incident of claims alone is named by its first claim.
  int64_t name = members_[idx[0]].id;
  bool named_by_hard = false;
  for (size_t i : idx) {
    if (hard_[i] && (!named_by_hard || members_[i].id < name)) {
      name = members_[i].id;
      named_by_hard = true;
    }
  }
  inc.id = "I-" + std::to_string(name);
  // Place: the inverse-variance mean (the radius read as two standard
  // deviations), on a plane tangent at the first report.
  double w_sum = 0, lat = 0, lon = 0;
  std::map<Category, double> cat_votes;
  std::map<std::string, double> weapon_votes;
  std::vector<int64_t> starts, ends;
  std::set<std::string> blamed, categories;
  std::set<std::string> independent;
  std::set<std::string> monitor_parties;
  bool technical = false, patrol = false;
  for (size_t i : idx) {
    const Member& m = members_[i];
    inc.reports.push_back(m.id);
    double sigma = std::max(25.0, m.radius_m / 2);
    double w = 1 / (sigma * sigma);
    w_sum += w;
    lat += w * m.lat;
    lon += w * m.lon;
    cat_votes[m.category] += Weight(m.kind);
    if (!m.weapon_class.empty()) weapon_votes[m.weapon_class] += Weight(m.kind);
    starts.push_back(m.start_ms);
    ends.push_back(m.end_ms);
    if (!m.blames.empty()) blamed.insert(m.blames);
    // A party's claims are one source however many it files.
    independent.insert(m.kind == SourceKind::kParty ? "party:" + m.party : m.source);
    if (!IsClaim(m.kind) && !m.party.empty()) {
      monitor_parties.insert(m.party);
    }
    technical |= Technical(m.kind);
    patrol |= m.kind == SourceKind::kPatrol;
  }
  inc.lat = lat / w_sum;
  inc.lon = lon / w_sum;
  inc.uncertainty_m = std::round(2 / std::sqrt(w_sum));
  inc.category =
      std::max_element(cat_votes.begin(), cat_votes.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
  if (!weapon_votes.empty()) {
    inc.weapon_class = std::max_element(weapon_votes.begin(), weapon_votes.end(), [](auto& a, auto& b) {
                         return a.second < b.second;
                       })->first;
  }
  std::sort(starts.begin(), starts.end());
  std::sort(ends.begin(), ends.end());
  int32_t offset = members_[idx[0]].offset_min;
  int64_t start = starts[starts.size() / 2];
  int64_t end = std::max(start, ends[ends.size() / 2]);
  inc.time = {{start, offset}, {end, offset}};
  inc.sources = int(independent.size());
  inc.blamed.assign(blamed.begin(), blamed.end());
  if (patrol || monitor_parties.size() >= 2) {
    inc.corroboration = Corroboration::kJointlyVerified;
  } else if (technical) {
    inc.corroboration = Corroboration::kTechnical;
  } else if (independent.size() >= 2) {
    inc.corroboration = Corroboration::kCorroborated;
  }
  if (blamed.size() >= 2) {
    inc.contested = true;
    std::string who;
    for (const std::string& b : blamed) who += (who.empty() ? "" : ", ") + b;
    inc.contested_why.push_back("sources blame different parties: " + who);
  }
  // Sources that disagree on what happened, beyond the vague "other".
  std::set<Category> told;
  for (size_t i : idx) {
    if (members_[i].category != Category::kOther) told.insert(members_[i].category);
  }
  if (told.size() >= 2 && independent.size() >= 2) {
    inc.contested = true;
    std::string what;
    for (Category c : told) what += (what.empty() ? "" : ", ") + std::string(CategoryName(c));
    inc.contested_why.push_back("sources describe it differently: " + what);
  }
  return inc;
}

}  // namespace truce::fusion
