#include "truce/patrol/tracker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "truce/core/time.h"
#include "truce/geo/geodesic.h"

namespace truce::patrol {
namespace {

std::string Km(double m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f km", m / 1000);
  return buf;
}

std::string Minutes(int64_t ms) { return std::to_string((ms + 30'000) / 60'000) + " min"; }

std::string When(int64_t ms) { return FormatRfc3339(Instant{ms, 0}); }

}  // namespace

std::string_view AlertKindName(AlertKind k) {
  switch (k) {
    case AlertKind::kOffRoute:
      return "off_route";
    case AlertKind::kBackOnRoute:
      return "back_on_route";
    case AlertKind::kHalt:
      return "halt";
    case AlertKind::kTurnedBack:
      return "turned_back";
    case AlertKind::kSilent:
      return "silent";
    case AlertKind::kArrived:
      return "arrived";
  }
  return "off_route";
}

int64_t Schedule::PlannedAt(double along_m) const {
  double ms = speed_mps > 0 ? along_m / speed_mps * 1000 : 0;
  for (const PlannedHalt& h : halts) {
    if (h.along_m < along_m) ms += double(h.duration_ms);
  }
  return start_ms + int64_t(std::llround(ms));
}

Tracker::Tracker(Route route, Schedule schedule, TrackSettings settings)
    : route_(std::move(route)), schedule_(std::move(schedule)), settings_(settings) {}

int64_t Tracker::AllowedHaltMs(double along_m) const {
  for (const PlannedHalt& h : schedule_.halts) {
    if (std::abs(h.along_m - along_m) <= settings_.planned_halt_reach_m) return h.duration_ms + settings_.halt_grace_ms;
  }
  return settings_.unplanned_halt_ms;
}

Status Tracker::Add(const Fix& fix, std::vector<Alert>* alerts) {
  if (fix.quality <= 0) return Status::Invalid("no position fix (quality 0): skipped");
  if (!std::isfinite(fix.at.lat) || !std::isfinite(fix.at.lon) || std::abs(fix.at.lat) > 90 ||
      std::abs(fix.at.lon) > 180) {
    return Status::Invalid("not a position (latitude -90..90, longitude -180..180)");
  }
  auto it = vehicles_.find(fix.vehicle);
  if (it != vehicles_.end()) {
    const Vehicle& last = it->second;
    if (fix.t_ms < last.t_ms) {
      return Status::Invalid("out of order: " + When(fix.t_ms) + " is before this vehicle's last fix at " +
                             When(last.t_ms));
    }
    const double moved = geo::DistanceM(last.at, fix.at);
    if (fix.t_ms == last.t_ms) {
      return Status::Invalid(moved < 1 ? "a repeat of the fix at " + When(fix.t_ms)
                                       : "a second fix at " + When(fix.t_ms) + ", " + Km(moved) + " from the first");
    }
    const double speed = moved / (double(fix.t_ms - last.t_ms) / 1000);
    if (speed > settings_.max_speed_mps) {
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "impossible speed: %.0f km/h from the fix at %s (a patrol vehicle: at most %.0f km/h)", speed * 3.6,
                    When(last.t_ms).c_str(), settings_.max_speed_mps * 3.6);
      return Status::Invalid(buf);
    }
  }
  vehicles_[fix.vehicle] = {fix.t_ms, fix.at};

  Progress& p = progress_;
  const RoutePlace place = route_.Locate(fix.at, p.started ? p.along_m : 0);
  auto raise = [&](AlertKind kind, std::string detail) {
    alerts->push_back({kind, fix.t_ms, fix.at, place.along_m, fix.vehicle, std::move(detail)});
  };
  p.started = true;
  p.fixes++;
  p.last_fix_ms = std::max(p.last_fix_ms, fix.t_ms);
  p.along_m = place.along_m;
  p.off_m = place.off_m;
  silence_alerted_ = false;

  const bool off = place.off_m > settings_.off_route_m;
  if (off && !p.off_route) {
    raise(AlertKind::kOffRoute, Km(place.off_m) + " off the route at " + Km(place.along_m) + " along it (tolerance " +
                                    std::to_string(int(settings_.off_route_m)) + " m)");
  } else if (!off && p.off_route) {
    raise(AlertKind::kBackOnRoute, "back on the route at " + Km(place.along_m) + " along it");
  }
  p.off_route = off;

  if (!off) {
    if (place.along_m > p.furthest_m) {
      p.furthest_m = place.along_m;
      p.turned_back = false;
    }
    // Late against the plan now: the plan had it at furthest_m then.
    p.behind_ms = fix.t_ms - schedule_.PlannedAt(p.furthest_m);
    if (!p.turned_back && !p.arrived && p.furthest_m - place.along_m > settings_.turned_back_m) {
      p.turned_back = true;
      raise(AlertKind::kTurnedBack, "turned back: " + Km(place.along_m) + " along the route, " +
                                        Km(p.furthest_m - place.along_m) + " short of the furthest point reached (" +
                                        Km(p.furthest_m) + ")");
    }
    if (!p.arrived && route_.length_m() - p.furthest_m <= settings_.arrived_m) {
      p.arrived = true;
      raise(AlertKind::kArrived, "reached the end of the route");
    }
  }

  // Standing still: timed from the first fix of the stop.
  if (halt_anchor_ && geo::DistanceM(halt_anchor_->at, fix.at) <= settings_.halt_radius_m) {
    const int64_t stopped = fix.t_ms - halt_anchor_->t_ms;
    const int64_t allowed = AllowedHaltMs(halt_along_m_);
    p.halted = stopped >= 60'000;
    if (!halt_alerted_ && !p.arrived && stopped > allowed) {
      halt_alerted_ = true;
      raise(AlertKind::kHalt, "standing still since " + When(halt_anchor_->t_ms) + " at " + Km(halt_along_m_) +
                                  " along the route: longer than the " + Minutes(allowed) + " allowed there");
    }
  } else {
    halt_anchor_ = Vehicle{fix.t_ms, fix.at};
    halt_along_m_ = place.along_m;
    halt_alerted_ = false;
    p.halted = false;
  }
  return Status::Ok();
}

std::optional<Alert> Tracker::CheckSilence(int64_t now_ms) {
  const Progress& p = progress_;
  if (silence_alerted_ || p.arrived) return std::nullopt;
  // Before the first fix, silence is counted from the planned start.
  const int64_t since = p.started ? p.last_fix_ms : schedule_.start_ms;
  if (now_ms - since <= settings_.silent_after_ms) return std::nullopt;
  silence_alerted_ = true;
  Alert a;
  a.kind = AlertKind::kSilent;
  a.t_ms = now_ms;
  a.along_m = p.along_m;
  if (p.started) {
    a.at = route_.PointAt(p.along_m);
    a.detail = "no fix for " + Minutes(now_ms - since) + " (the last at " + When(since) + ", " + Km(p.along_m) +
               " along the route)";
  } else {
    a.at = route_.PointAt(0);
    a.detail = "no fix " + Minutes(now_ms - since) + " after the planned start at " + When(since);
  }
  return a;
}

}  // namespace truce::patrol
