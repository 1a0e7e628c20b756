#include "sim/scenario.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <random>

#include <nlohmann/json.hpp>

#include "sim/ground.h"
#include "sim/random.h"
#include "sim/reading.h"
#include "truce/geo/geodesic.h"
#include "truce/intake/report_body.h"

namespace truce::sim {
namespace {

using geo::LatLng;

// Points along a set of polylines, uniform by length.
class LineSampler {
 public:
  LineSampler() = default;
  explicit LineSampler(const std::vector<geo::Line>& lines) {
    for (const geo::Line& l : lines) {
      for (size_t i = 1; i < l.size(); ++i) {
        total_ += geo::DistanceM(l[i - 1], l[i]);
        segments_.push_back({l[i - 1], l[i], total_});
      }
    }
  }
  bool empty() const { return segments_.empty(); }
  double length_m() const { return total_; }
  // The point at `at_m` metres along (clamped).
  LatLng At(double at_m) const {
    at_m = std::clamp(at_m, 0.0, total_);
    auto it = std::lower_bound(segments_.begin(), segments_.end(), at_m,
                               [](const Segment& s, double v) { return s.end_m < v; });
    if (it == segments_.end()) --it;
    double start = it == segments_.begin() ? 0 : (it - 1)->end_m;
    double len = it->end_m - start;
    double f = len > 0 ? (at_m - start) / len : 0;
    return {it->a.lat + f * (it->b.lat - it->a.lat), it->a.lon + f * (it->b.lon - it->a.lon)};
  }
  LatLng Sample(Rng& rng) const { return At(rng.Uniform(0, total_)); }

 private:
  struct Segment {
    LatLng a, b;
    double end_m;
  };
  std::vector<Segment> segments_;
  double total_ = 0;
};

LatLng Offset(Rng& rng, LatLng p, double max_m) {
  return geo::Destination(p, rng.Uniform(0, 360), max_m * std::sqrt(rng.Uniform(0, 1)));
}

double Azimuth(LatLng from, LatLng to) {
  // Destination's inverse is not exposed; a local flat estimate is enough for
  // the sim's own directions (tens of km at mid latitudes).
  double dy = (to.lat - from.lat);
  double dx = (to.lon - from.lon) * std::cos(from.lat * M_PI / 180);
  double az = std::atan2(dx, dy) * 180 / M_PI;
  return az < 0 ? az + 360 : az;
}

double Wrap(double az) {
  az = std::fmod(az, 360);
  return az < 0 ? az + 360 : az;
}

// A post, sensor or platform of the center.
struct Monitor {
  SourceKind kind;
  std::string party;
  std::string name;
  LatLng at;
};

enum class Act { kShelling, kSmallArms, kDrone, kIed, kHeavyWeapon, kObstruction, kFlight, kFlare };

class Simulator {
 public:
  Simulator(const Mission& mission, Ground ground, const Options& options)
      : mission_(mission), ground_(std::move(ground)), options_(options), rng_(options.seed) {}

  Result<Scenario> Run() {
    TRUCE_RETURN_IF_ERROR(Prepare());
    int64_t day0 = StartMs();
    for (int day = 0; day < options_.days; ++day) {
      int64_t base = day0 + int64_t(day) * 24 * kHour;
      int n = rng_.Poisson(options_.events_per_day);
      for (int i = 0; i < n; ++i) AddEvent(base + HourOfDay() * kHour + int64_t(rng_.Uniform(0, 60)) * kMinute);
      if (rng_.Chance(0.6)) AddBurst(base + HourOfDay() * kHour);
      for (const std::string& party : center_parties_) {
        int invented = rng_.Poisson(2);
        for (int i = 0; i < invented; ++i) Invent(party, base + int64_t(rng_.Uniform(0, 24)) * kHour);
      }
    }
    std::stable_sort(out_.reports.begin(), out_.reports.end(), [](const SimReport& a, const SimReport& b) {
      return a.report.observed.start.utc_ms < b.report.observed.start.utc_ms;
    });
    return std::move(out_);
  }

 private:
  Status Prepare() {
    std::vector<geo::Line> contact;
    bool control_areas = false;
    for (const geo::Zone& z : mission_.zones) {
      if (z.kind == geo::ZoneKind::kContactLine) contact.insert(contact.end(), z.lines.begin(), z.lines.end());
      control_areas |= z.kind == geo::ZoneKind::kControlArea;
    }
    contact_ = LineSampler(contact);
    if (contact_.empty() || !control_areas) {
      return Status::Invalid("mission " + mission_.id +
                             " has no contact_line or control_area zones: the simulator needs both");
    }
    for (const Party& p : mission_.parties) {
      (p.role == PartyRole::kCenter ? center_parties_ : conflict_parties_).push_back(p.id);
    }
    for (const Clause& c : mission_.clauses) {
      if (c.kind == ClauseKind::kCorridor || c.kind == ClauseKind::kMovement) {
        std::string zone = c.route_zone.empty() && !c.zones.empty() ? c.zones[0] : c.route_zone;
        if (const geo::Zone* z = mission_.FindZone(zone); z && !z->lines.empty()) {
          (c.kind == ClauseKind::kMovement ? route_ : road_) = LineSampler(z->lines);
        }
      }
      // A withdrawal's band is sampled along its line: measured once here.
      if (c.kind == ClauseKind::kWithdrawal && !c.weapon_classes.empty()) {
        if (const geo::Zone* from = mission_.FindZone(c.from_zone); from && !from->Outline().empty()) {
          withdrawals_.push_back({&c, LineSampler(from->Outline())});
        }
      }
    }
    if (road_.empty()) road_ = route_;
    if (center_parties_.empty() || conflict_parties_.empty()) {
      return Status::Invalid("mission " + mission_.id + " needs center and conflict parties for the simulator");
    }
    for (const WeaponClass& w : mission_.weapon_classes) {
      if (w.indirect && w.max_range_km >= 3 && w.max_range_km <= 40) indirect_.push_back(&w);
      if (w.id.find("uav") != std::string::npos || w.id.find("loitering") != std::string::npos) drones_.push_back(&w);
    }
    if (indirect_.empty()) {
      return Status::Invalid("mission " + mission_.id +
                             " has no indirect weapon class of 3 to 40 km range: the simulator's shelling needs one");
    }
    // The pack's observation posts, then observer teams, acoustic arrays and
    // radars spread along the line, the center parties taking turns.
    size_t turn = 0;
    auto next_party = [&] { return center_parties_[turn++ % center_parties_.size()]; };
    for (const geo::Zone& z : mission_.zones) {
      if (z.site_kind != "observation_post" || z.points.empty()) continue;
      std::string party;
      for (const std::string& c : center_parties_) {
        std::string prefix = c + "-";
        std::string id = z.id;
        for (char& ch : id) ch = char(std::toupper(static_cast<unsigned char>(ch)));
        if (id.rfind(prefix, 0) == 0) party = c;
      }
      monitors_.push_back({SourceKind::kObserver, party.empty() ? next_party() : party, z.id, z.points[0]});
    }
    int n = 0;
    for (double at = 6000; at < contact_.length_m(); at += 12000) {
      std::string p = next_party();
      monitors_.push_back(
          {SourceKind::kObserver, p, p + "-OT-" + std::to_string(++n), Offset(rng_, contact_.At(at), 4000)});
    }
    n = 0;
    for (double at = 10000; at < contact_.length_m(); at += 25000) {
      std::string p = next_party();
      monitors_.push_back(
          {SourceKind::kAcoustic, p, p + "-ACU-" + std::to_string(++n), Offset(rng_, contact_.At(at), 6000)});
    }
    n = 0;
    for (const std::string& p : center_parties_) {
      double at = contact_.length_m() * (1 + n) / double(center_parties_.size() + 1);
      monitors_.push_back(
          {SourceKind::kRadar, p, p + "-CBR-" + std::to_string(++n), Offset(rng_, contact_.At(at), 10000)});
      monitors_.push_back({SourceKind::kUav, p, p + "-UAV", contact_.At(at)});
    }
    return Status::Ok();
  }

  int64_t StartMs() const { return FirstDayMs(mission_, options_); }

  // Fire follows a daily rhythm: most at dawn and in the evening, least
  // around midday (hours in the parties' UTC+3, returned in UTC).
  int64_t HourOfDay() {
    static const std::vector<double> kWeights = {5, 5, 4, 5, 8, 9, 8, 5, 3, 2, 2, 2,
                                                 2, 2, 3, 3, 4, 5, 7, 8, 8, 7, 6, 5};
    return (int64_t(rng_.Weighted(kWeights)) - kOffsetMin / 60 + 24) % 24;
  }

  // Who holds the ground at p at time t, by the pack's control areas: an act
  // is put down to the party holding the ground it was done from.
  std::string ControlParty(LatLng p, int64_t t) { return ground_.Holder(p, t); }

  TimeInterval Span(int64_t start, int64_t minutes) {
    return {{start, kOffsetMin}, {start + minutes * kMinute, kOffsetMin}};
  }

  // Fire from one party's ground onto another's, across the line.
  std::optional<Event> Fire(int64_t t, Act act, LatLng near, const std::string& only_party) {
    for (int attempt = 0; attempt < 40; ++attempt) {
      LatLng line = Offset(rng_, near, 1500);
      const WeaponClass* w = act == Act::kShelling ? rng_.Pick(indirect_) : nullptr;
      double reach = w ? rng_.Uniform(std::max(w->min_range_km, 1.0), w->max_range_km * 0.8) * 1000 : 600;
      double back = rng_.Uniform(0.2, 0.7) * reach;
      double az = rng_.Uniform(0, 360);
      LatLng from = geo::Destination(line, az, back);
      LatLng to = geo::Destination(from, Wrap(az + 180 + rng_.Normal(15)), reach);
      std::string shooter = ControlParty(from, t), target = ControlParty(to, t);
      if (shooter.empty() || target.empty() || shooter == target) continue;
      if (!only_party.empty() && shooter != only_party) continue;
      Event e;
      e.category = act == Act::kShelling ? Category::kShelling : Category::kSmallArmsFire;
      e.time = Span(t, act == Act::kShelling ? rng_.Int(2, 15) : rng_.Int(5, 25));
      e.at = act == Act::kShelling ? to : LatLng{(from.lat + to.lat) / 2, (from.lon + to.lon) / 2};
      e.fired_from = from;
      e.party = shooter;
      e.weapon_class = w ? w->id : (mission_.FindWeaponClass("small-arms") ? "small-arms" : "");
      e.count = act == Act::kShelling ? rng_.Int(1, 12) : 0;
      return e;
    }
    return std::nullopt;
  }

  std::optional<Event> Place(int64_t t, Act act) {
    for (int attempt = 0; attempt < 40; ++attempt) {
      Event e;
      switch (act) {
        case Act::kDrone: {
          if (drones_.empty()) return std::nullopt;
          e.at = Offset(rng_, contact_.Sample(rng_), 12000);
          e.category = Category::kDroneStrike;
          e.weapon_class = rng_.Pick(drones_)->id;
          std::string victim = ControlParty(e.at, t);
          if (victim.empty()) continue;
          // An enemy of the ground's holder: whoever holds ground across the line.
          LatLng across = Offset(rng_, contact_.Sample(rng_), 5000);
          e.party = ControlParty(across, t);
          if (e.party.empty() || e.party == victim) continue;
          e.time = Span(t, 2);
          break;
        }
        case Act::kIed:
          if (road_.empty()) return std::nullopt;
          e.at = Offset(rng_, road_.Sample(rng_), 50);
          e.category = Category::kIed;
          e.party = ControlParty(e.at, t);
          e.time = Span(t, 1);
          break;
        case Act::kObstruction:
          if (route_.empty()) return std::nullopt;
          e.at = Offset(rng_, route_.Sample(rng_), 100);
          e.category = Category::kPatrolObstructed;
          e.party = ControlParty(e.at, t);
          e.time = Span(t, rng_.Int(20, 60));
          break;
        case Act::kHeavyWeapon: {
          if (withdrawals_.empty()) return std::nullopt;
          const auto& [c, line] = withdrawals_[size_t(rng_.Int(0, int(withdrawals_.size()) - 1))];
          e.at = Offset(rng_, line.Sample(rng_), c->distance_km * 1000);
          e.category = Category::kHeavyWeaponPresent;
          e.weapon_class = rng_.Pick(c->weapon_classes);
          const WeaponClass* w = mission_.FindWeaponClass(e.weapon_class);
          if (w && w->max_range_km < 3) continue;  // rifles are not what withdrawals watch for
          e.party = ControlParty(e.at, t);
          e.count = rng_.Int(1, 6);
          e.time = Span(t, rng_.Int(0, 10));
          break;
        }
        case Act::kFlare:
          // An illumination flare over the line at night: seen, reported,
          // and no breach of anything.
          e.at = Offset(rng_, contact_.Sample(rng_), 2000);
          e.category = Category::kOther;
          e.party = ControlParty(e.at, t);
          e.time = Span(t, 2);
          break;
        case Act::kFlight:
          e.at = Offset(rng_, contact_.Sample(rng_), 15000);
          e.category = Category::kFlight;
          e.weapon_class = drones_.empty() ? "" : drones_[0]->id;
          e.party = rng_.Pick(conflict_parties_);
          e.time = Span(t, rng_.Int(10, 40));
          break;
        default:
          return std::nullopt;
      }
      if (e.party.empty()) continue;
      return e;
    }
    return std::nullopt;
  }

  void AddEvent(int64_t t) {
    static const std::vector<double> kMix = {46, 22, 6, 5, 10, 4, 7, 4};
    Act act = Act(rng_.Weighted(kMix));
    std::optional<Event> e =
        (act == Act::kShelling || act == Act::kSmallArms) ? Fire(t, act, contact_.Sample(rng_), "") : Place(t, act);
    if (e) Record(std::move(*e));
  }

  // An escalation: one party shells along a stretch of the line for an hour
  // or two, and the other answers.
  void AddBurst(int64_t t) {
    LatLng anchor = contact_.Sample(rng_);
    int k = rng_.Int(5, 10);
    std::string first;
    for (int i = 0; i < k; ++i) {
      LatLng near = geo::Destination(anchor, rng_.Uniform(0, 360), rng_.Uniform(0, 15000));
      std::optional<Event> e =
          Fire(t + int64_t(rng_.Uniform(0, 120)) * kMinute, Act::kShelling, near, i < k / 2 ? first : "");
      if (!e) continue;
      if (first.empty()) first = e->party;
      Record(std::move(*e));
    }
  }

  void Record(Event e) {
    e.id = "ev-" + std::to_string(out_.events.size() + 1);
    e.clauses = ClausesBroken(mission_, ground_, e);
    Describe(e);
    out_.events.push_back(std::move(e));
  }

  // ---- what the sources say ----

  Report Base(SourceKind kind, const std::string& party, const std::string& name, const Event& e) {
    Report r;
    r.source = {kind, party, name};
    r.source_report_id = name + "/" + std::to_string(++sequence_[name]);
    r.category = e.category;
    r.observed = e.time;
    return r;
  }

  void Emit(Report r, const Event* e) { out_.reports.push_back({std::move(r), e ? e->id : "", e ? e->party : ""}); }

  void Jitter(Report* r, int64_t before_min, int64_t after_min) {
    r->observed.start.utc_ms -= int64_t(rng_.Uniform(0, double(before_min))) * kMinute;
    r->observed.end.utc_ms += int64_t(rng_.Uniform(0, double(after_min))) * kMinute;
  }

  void PlaceNear(Report* r, LatLng at, double error_m, double stated_m) {
    LatLng p = geo::Destination(at, rng_.Uniform(0, 360), std::abs(rng_.Normal(error_m)));
    r->location = {std::round(p.lat * 1e5) / 1e5, std::round(p.lon * 1e5) / 1e5, stated_m, ""};
  }

  // Categories monitors sometimes mistake for each other.
  Category Confuse(Category c, double p) {
    if (!rng_.Chance(p)) return c;
    switch (c) {
      case Category::kShelling:
        return rng_.Chance(0.5) ? Category::kAirstrike : Category::kDroneStrike;
      case Category::kDroneStrike:
        return Category::kShelling;
      case Category::kIed:
        return Category::kShelling;
      case Category::kSmallArmsFire:
        return Category::kGroundAssault;
      default:
        return c;
    }
  }

  // Fire and attacks: what the parties' claims and the news are about.
  static bool Hostile(const Event& e) {
    return e.category == Category::kShelling || e.category == Category::kSmallArmsFire ||
           e.category == Category::kDroneStrike || e.category == Category::kIed;
  }

  bool Explosive(const Event& e) const {
    return e.category == Category::kShelling || e.category == Category::kDroneStrike || e.category == Category::kIed;
  }

  void Describe(const Event& e) {
    bool hostile = Hostile(e);
    for (const Monitor& m : monitors_) {
      double d = geo::DistanceM(m.at, e.at);
      switch (m.kind) {
        case SourceKind::kObserver:
          if (Explosive(e) && d < 10000 && rng_.Chance(0.85 * std::exp(-d / 5000)))
            Sight(m, e, d);
          else if (e.category == Category::kSmallArmsFire && d < 3000 && rng_.Chance(0.7))
            Sight(m, e, d);
          else if (e.category == Category::kOther && d < 8000 && rng_.Chance(0.6))
            Sight(m, e, d);
          else if (!hostile && e.category != Category::kPatrolObstructed && d < 4000 && rng_.Chance(0.3)) {
            Report r = Base(m.kind, m.party, m.name, e);
            PlaceNear(&r, e.at, 300, 1000);
            Emit(std::move(r), &e);
          }
          break;
        case SourceKind::kAcoustic:
          if (Explosive(e) && d < 12000 && rng_.Chance(0.6)) Hear(m, e, d);
          break;
        case SourceKind::kRadar:
          if (e.category == Category::kShelling && d < 25000 && rng_.Chance(0.55)) Locate(m, e);
          break;
        case SourceKind::kUav:
          if (rng_.Chance(e.category == Category::kHeavyWeaponPresent ? 0.35 : 0.1)) Overfly(m, e);
          break;
        default:
          break;
      }
    }
    if (hostile) {
      for (const std::string& p : center_parties_) {
        if (rng_.Chance(0.35)) Claim(p, e);
      }
      if (rng_.Chance(0.2)) News(e);
    }
    if (e.category == Category::kPatrolObstructed && rng_.Chance(0.95)) {
      Report r = Base(SourceKind::kPatrol, "", "JP-" + mission_.id, e);
      PlaceNear(&r, e.at, 80, 300);
      r.text = "Joint patrol stopped by a crowd and a roadblock; route shortened.";
      Emit(std::move(r), &e);
    }
  }

  // A monitor's report: where it stood, what it made out, and which way and
  // how far by eye or ear.
  void Sight(const Monitor& m, const Event& e, double d) {
    Report r = Base(m.kind, m.party, m.name, e);
    Jitter(&r, 3, 8);
    r.category = e.category == Category::kOther ? Category::kOther : Confuse(e.category, 0.1);
    Sighting g;
    g.from_lat = m.at.lat;
    g.from_lon = m.at.lon;
    g.what = e.category == Category::kSmallArmsFire ? Observation::kSmallArmsBurst
             : e.category == Category::kOther       ? Observation::kIlluminationFlare
             // Far off, a rocket's trail is what is seen, not where it lands.
             : d > 6000 && rng_.Chance(0.3) ? Observation::kProjectileInFlight
             : rng_.Chance(0.7)             ? Observation::kImpact
             : rng_.Chance(0.2)             ? Observation::kAirburst
                                            : Observation::kExplosionUndetermined;
    double seen_az = Wrap(Azimuth(m.at, e.at) + rng_.Normal(5));
    g.azimuth_deg = std::round(seen_az);
    if (g.azimuth_deg >= 360) g.azimuth_deg = 0;
    g.error_deg = 15;
    double est_km = std::max(0.2, d * (1 + rng_.Normal(0.15)) / 1000);
    g.min_m = std::floor(est_km * 0.7 * 2) / 2 * 1000;
    g.max_m = std::ceil(est_km * 1.3 * 2) / 2 * 1000;
    r.sighting = g;
    // Close enough to walk to the crater: the direction the round came from.
    if (e.category == Category::kShelling && e.fired_from && d < 4000 && rng_.Chance(0.35)) {
      r.bearing = Bearing{std::round(Wrap(Azimuth(e.at, *e.fired_from) + rng_.Normal(7))), 15};
      if (r.bearing->azimuth_deg >= 360) r.bearing->azimuth_deg = 0;
    }
    Emit(std::move(r), &e);
  }

  void Hear(const Monitor& m, const Event& e, double d) {
    Report r = Base(m.kind, m.party, m.name, e);
    Jitter(&r, 1, 1);
    r.category = e.category == Category::kIed ? Category::kShelling : e.category;
    Sighting g{m.at.lat,
               m.at.lon,
               Observation::kExplosionUndetermined,
               std::round(Wrap(Azimuth(m.at, e.at) + rng_.Normal(2)) * 10) / 10,
               5,
               0,
               0};
    if (g.azimuth_deg >= 360) g.azimuth_deg = 0;
    double est = d * (1 + rng_.Normal(0.1));
    g.min_m = std::max(0.0, std::floor(est * 0.75 / 100) * 100);
    g.max_m = std::ceil(est * 1.25 / 100) * 100;
    r.sighting = g;
    if (e.fired_from && rng_.Chance(0.7)) {
      r.bearing = Bearing{std::round(Wrap(Azimuth(e.at, *e.fired_from) + rng_.Normal(6))), 12};
      if (r.bearing->azimuth_deg >= 360) r.bearing->azimuth_deg = 0;
    }
    Emit(std::move(r), &e);
  }

  void Locate(const Monitor& m, const Event& e) {
    Report r = Base(m.kind, m.party, m.name, e);
    Jitter(&r, 1, 1);
    PlaceNear(&r, e.at, 120, 300);
    r.weapon_class = e.weapon_class;
    LatLng o = geo::Destination(*e.fired_from, rng_.Uniform(0, 360), std::abs(rng_.Normal(100)));
    r.origin = Origin{std::round(o.lat * 1e5) / 1e5, std::round(o.lon * 1e5) / 1e5, 250};
    Emit(std::move(r), &e);
  }

  void Overfly(const Monitor& m, const Event& e) {
    Report r = Base(m.kind, m.party, m.name, e);
    Jitter(&r, 5, 5);
    PlaceNear(&r, e.at, 60, 150);
    r.weapon_class = e.weapon_class;
    r.count = e.count;
    Emit(std::move(r), &e);
  }

  std::string Blame(const std::string& truth, double p_right) {
    if (rng_.Chance(p_right) || conflict_parties_.size() < 2) return truth;
    std::vector<std::string> others;
    for (const std::string& c : conflict_parties_) {
      if (c != truth) others.push_back(c);
    }
    return rng_.Pick(others);
  }

  // A center party's own claim: from its own sources and the side it backs,
  // late and rounded, sometimes blaming the wrong side or inflating.
  void Claim(const std::string& party, const Event& e) {
    Report r = Base(SourceKind::kParty, party, party + "-MOD", e);
    r.source.name.clear();
    Jitter(&r, 30, 45);
    r.category = Confuse(e.category, 0.1);
    PlaceNear(&r, e.at, 1000, 3000);
    r.weapon_class = rng_.Chance(0.5) ? e.weapon_class : "";
    r.count = e.count > 0 ? int(std::round(e.count * rng_.Uniform(1, 2.5))) : 0;
    r.blames = Blame(e.party, 0.75);
    Emit(std::move(r), &e);
  }

  void News(const Event& e) {
    // News names a town or village: only what happened in one is reported.
    const geo::Place* nearest = nullptr;
    for (const geo::Place& p : mission_.gazetteer.places()) {
      if (geo::DistanceM(p.position, e.at) <= p.radius_m) nearest = &p;
    }
    if (!nearest) return;
    Report r = Base(SourceKind::kNews, "", "Local news", e);
    Jitter(&r, 60, 120);
    r.location = {nearest->position.lat, nearest->position.lon, nearest->radius_m, nearest->name};
    r.blames = Blame(e.party, 0.6);
    Emit(std::move(r), &e);
  }

  // A claim of fire that never happened.
  void Invent(const std::string& party, int64_t t) {
    Event fake;
    fake.category = Category::kShelling;
    fake.time = Span(t, rng_.Int(10, 40));
    fake.at = Offset(rng_, contact_.Sample(rng_), 5000);
    fake.party = rng_.Pick(conflict_parties_);
    Report r = Base(SourceKind::kParty, party, party + "-MOD", fake);
    r.source.name.clear();
    PlaceNear(&r, fake.at, 0, 3000);
    r.blames = fake.party;
    Emit(std::move(r), nullptr);
  }

  const Mission& mission_;
  Ground ground_;  // who holds the ground where, and which zones hold a place
  Options options_;
  Rng rng_;
  Scenario out_;
  LineSampler contact_, road_, route_;
  std::vector<std::string> center_parties_, conflict_parties_;
  std::vector<std::pair<const Clause*, LineSampler>> withdrawals_;
  std::vector<const WeaponClass*> indirect_, drones_;
  std::vector<Monitor> monitors_;
  std::map<std::string, int> sequence_;
};

nlohmann::json OrNull(const std::string& s) { return s.empty() ? nlohmann::json() : nlohmann::json(s); }

}  // namespace

int64_t FirstDayMs(const Mission& mission, const Options& options) {
  if (options.start) return options.start->utc_ms;
  int64_t last = 0;
  for (const Clause& c : mission.clauses) last = std::max(last, c.in_force_from.utc_ms);
  return (last / (24 * kHour) + 1) * 24 * kHour;
}

Result<Scenario> Simulate(const Mission& mission, const Options& options) {
  if (options.days < 1 || options.days > 366) return Status::Invalid("--days must be between 1 and 366");
  if (!(options.events_per_day > 0) || options.events_per_day > 1e6) {
    return Status::Invalid("--events-per-day must be above 0 and at most 1000000");
  }
  TRUCE_ASSIGN_OR_RETURN(Ground ground, Ground::Build(mission));
  return Simulator(mission, std::move(ground), options).Run();
}

nlohmann::json ReportJson(const SimReport& r) {
  nlohmann::json b = intake::ReportBody(r.report);
  if (r.report.sighting) b.erase("location");
  return b;
}

std::string ReportLine(const SimReport& r) { return ReportJson(r).dump(); }

std::string TruthLine(const SimReport& r) {
  return nlohmann::json{{"report", r.report.source_report_id}, {"event", OrNull(r.event)}, {"party", OrNull(r.party)}}
      .dump();
}

std::string EventLine(const Event& e) {
  nlohmann::json j = {{"event", e.id},
                      {"category", CategoryName(e.category)},
                      {"start", FormatRfc3339(e.time.start)},
                      {"end", FormatRfc3339(e.time.end)},
                      {"lat", e.at.lat},
                      {"lon", e.at.lon},
                      {"party", OrNull(e.party)},
                      {"weapon_class", OrNull(e.weapon_class)},
                      {"clauses", e.clauses}};
  if (e.fired_from) j["fired_from"] = {{"lat", e.fired_from->lat}, {"lon", e.fired_from->lon}};
  return j.dump();
}

}  // namespace truce::sim
