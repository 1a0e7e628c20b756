#include "truce/geo/geodesic.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace truce::geo {
namespace {
const GeographicLib::Geodesic& Wgs84() { return GeographicLib::Geodesic::WGS84(); }
}  // namespace

double DistanceM(LatLng a, LatLng b) {
  double s12;
  Wgs84().Inverse(a.lat, a.lon, b.lat, b.lon, s12);
  return s12;
}

double AzimuthDeg(LatLng from, LatLng to) {
  double azi1, azi2;
  Wgs84().Inverse(from.lat, from.lon, to.lat, to.lon, azi1, azi2);
  return azi1 < 0 ? azi1 + 360 : azi1;
}

NearestPoint NearestOnSegment(LatLng p, LatLng a, LatLng b) {
  double length, azi1, azi2;
  Wgs84().Inverse(a.lat, a.lon, b.lat, b.lon, length, azi1, azi2);
  if (length < 1e-3) return {a, DistanceM(p, a)};
  GeographicLib::GeodesicLine line = Wgs84().Line(a.lat, a.lon, azi1);
  auto at = [&](double s) {
    LatLng q;
    line.Position(s, q.lat, q.lon);
    return q;
  };
  // Golden-section search; 40 steps shrink the bracket by 0.618^40 ≈ 4e-9,
  // under a millimetre for a 100 km segment.
  const double g = (std::sqrt(5.0) - 1) / 2;
  double lo = 0, hi = length;
  double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
  double f1 = DistanceM(p, at(x1)), f2 = DistanceM(p, at(x2));
  for (int i = 0; i < 40 && hi - lo > 1e-3; ++i) {
    if (f1 < f2) {
      hi = x2, x2 = x1, f2 = f1;
      x1 = hi - g * (hi - lo), f1 = DistanceM(p, at(x1));
    } else {
      lo = x1, x1 = x2, f1 = f2;
      x2 = lo + g * (hi - lo), f2 = DistanceM(p, at(x2));
    }
  }
  NearestPoint best = f1 < f2 ? NearestPoint{at(x1), f1} : NearestPoint{at(x2), f2};
  for (LatLng end : {a, b}) {
    double d = DistanceM(p, end);
    if (d < best.distance_m) best = {end, d};
  }
  return best;
}

double DistanceToSegmentM(LatLng p, LatLng a, LatLng b) { return NearestOnSegment(p, a, b).distance_m; }

NearestPoint NearestOnLines(LatLng p, const std::vector<Line>& lines) {
  NearestPoint best{p, std::numeric_limits<double>::infinity()};
  for (const Line& line : lines) {
    for (size_t i = 0; i + 1 < line.size(); ++i) {
      NearestPoint n = NearestOnSegment(p, line[i], line[i + 1]);
      if (n.distance_m < best.distance_m) best = n;
    }
  }
  return best;
}

LatLng Destination(LatLng from, double azimuth_deg, double distance_m) {
  LatLng to;
  Wgs84().Direct(from.lat, from.lon, azimuth_deg, distance_m, to.lat, to.lon);
  return to;
}

std::vector<LatLng> PointsAlong(LatLng from, double azimuth_deg, const std::vector<double>& distances_m) {
  const GeographicLib::GeodesicLine line = Wgs84().Line(
      from.lat, from.lon, azimuth_deg,
      GeographicLib::Geodesic::LATITUDE | GeographicLib::Geodesic::LONGITUDE | GeographicLib::Geodesic::DISTANCE_IN);
  std::vector<LatLng> out(distances_m.size());
  for (size_t i = 0; i < distances_m.size(); ++i) line.Position(distances_m[i], out[i].lat, out[i].lon);
  return out;
}

double MeridionalRadiusM(double lat_deg) {
  const double a = Wgs84().EquatorialRadius();
  const double f = Wgs84().Flattening();
  const double e2 = f * (2 - f);
  const double s = std::sin(lat_deg * M_PI / 180);
  return a * (1 - e2) / std::pow(1 - e2 * s * s, 1.5);
}

double PrimeVerticalRadiusM(double lat_deg) {
  const double a = Wgs84().EquatorialRadius();
  const double f = Wgs84().Flattening();
  const double e2 = f * (2 - f);
  const double s = std::sin(lat_deg * M_PI / 180);
  return a / std::sqrt(1 - e2 * s * s);
}

}  // namespace truce::geo
