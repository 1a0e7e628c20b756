// Plain geometry values, in WGS84 degrees. Nothing here knows S2 or any
// projection: the index (region_index.h) and the geodesic functions
// (geodesic.h) give these values their meaning on the sphere and ellipsoid.
#pragma once

#include <vector>

namespace truce::geo {

struct LatLng {
  double lat = 0;  // degrees, [-90, 90]
  double lon = 0;  // degrees, [-180, 180]
};

// A closed ring; the last vertex repeats the first, as in GeoJSON.
using Ring = std::vector<LatLng>;
using Line = std::vector<LatLng>;

// RFC 7946: the first ring is the outer boundary, the rest are holes.
struct Polygon {
  std::vector<Ring> rings;
};

// A bounding box in degrees; west may exceed east across the antimeridian
// only in theory: truce's missions do not straddle it, and boxes are refused
// that do (intake/query validation).
struct BoundingBox {
  double south = 0, west = 0, north = 0, east = 0;
  bool Contains(LatLng p) const { return p.lat >= south && p.lat <= north && p.lon >= west && p.lon <= east; }
};

}  // namespace truce::geo
