// Route: the line a patrol is planned to drive, measured along the ground
// (docs/USER-GUIDE.md, "Patrols"). A vehicle's fix is placed on it as a
// distance along the route from its start and a distance off it: progress
// and deviation are read from those two numbers.
#pragma once

#include <vector>

#include "truce/core/status.h"
#include "truce/geo/geometry.h"

namespace truce::patrol {

// Where a point lies against a route.
struct RoutePlace {
  double along_m = 0;  // distance along the route to the nearest point on it
  double off_m = 0;    // distance from the point to that nearest point
  geo::LatLng nearest;
};

class Route {
 public:
  // At least two vertices, each a valid position; repeated vertices are
  // dropped. Segment lengths are geodesic (WGS84).
  static Result<Route> Make(const geo::Line& line);

  double length_m() const { return along_.back(); }
  const geo::Line& line() const { return line_; }

  // The nearest point of the route to p. A route that passes near itself
  // (a loop, an out-and-back) has more than one candidate within a few tens
  // of metres: the one nearest `hint_along_m` (where the patrol was last
  // seen) is taken, so progress does not jump across the loop.
  //
  // Each segment is measured in its own local plane, scaled by the
  // ellipsoid's radii at its middle: for road segments of a few kilometres
  // that is within a metre of the geodesic answer and a hundred times
  // cheaper, which a stream of vehicle fixes needs.
  RoutePlace Locate(geo::LatLng p, double hint_along_m = -1) const;

  // The point `along_m` from the start (clamped to the route).
  geo::LatLng PointAt(double along_m) const;
  // The part of the route between two distances along it, as a line.
  geo::Line Slice(double from_m, double to_m) const;

 private:
  struct Segment {
    double kx = 0, ky = 0;  // metres per degree of longitude and latitude here
    double dx = 0, dy = 0;  // the segment in local metres
    double length2 = 0;     // dx² + dy²
  };
  geo::Line line_;
  std::vector<double> along_;  // distance to each vertex, geodesic
  std::vector<Segment> segments_;
};

}  // namespace truce::patrol
