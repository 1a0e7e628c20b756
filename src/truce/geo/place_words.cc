#include "truce/geo/place_words.h"

#include <array>
#include <cmath>
#include <cstdio>

#include "truce/geo/geodesic.h"

namespace truce::geo {

std::string CompassPoint(double azimuth_deg) {
  static constexpr std::array<const char*, 8> kPoints = {"north", "north-east", "east", "south-east",
                                                         "south", "south-west", "west", "north-west"};
  double a = std::fmod(azimuth_deg, 360.0);
  if (a < 0) a += 360;
  return kPoints[size_t(std::lround(a / 45.0)) % 8];
}

PlaceWords DescribePlace(const Gazetteer& gazetteer, LatLng point) {
  PlaceWords out;
  for (const Place& p : gazetteer.places()) {
    const double d = DistanceM(p.position, point);
    if (!out.place || d < out.distance_m) out.place = &p, out.distance_m = d;
  }
  if (!out.place) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.5f° %s, %.5f° %s", std::fabs(point.lat), point.lat < 0 ? "S" : "N",
                  std::fabs(point.lon), point.lon < 0 ? "W" : "E");
    out.words = buf;
    return out;
  }
  if (out.distance_m <= out.place->radius_m) {
    out.words = "in " + out.place->name;
    return out;
  }
  out.direction = CompassPoint(AzimuthDeg(out.place->position, point));
  const long km = std::max(1L, std::lround(out.distance_m / 1000));
  out.words = std::to_string(km) + " km " + out.direction + " of " + out.place->name;
  return out;
}

}  // namespace truce::geo
