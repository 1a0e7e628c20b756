// Reading GeoJSON geometry (RFC 7946) into plain geometry values.
//
// Shared by the mission loader (zones, gazetteer, sites) and report intake
// (FeatureCollections of reports). Errors name the JSON path of the bad
// member: "coordinates[3][1]: latitude 95 is out of range".
#pragma once

#include <simdjson.h>

#include <string>
#include <vector>

#include "truce/core/status.h"
#include "truce/geo/geometry.h"

namespace truce::geo {

struct Geometry {
  enum class Type { kPoint, kMultiPoint, kLineString, kMultiLineString, kPolygon, kMultiPolygon };
  Type type = Type::kPoint;
  std::vector<LatLng> points;     // Point, MultiPoint
  std::vector<Line> lines;        // LineString, MultiLineString
  std::vector<Polygon> polygons;  // Polygon, MultiPolygon
};

// Parses a GeoJSON geometry object. Positions must be [lon, lat] or
// [lon, lat, alt] within range.
Result<Geometry> ParseGeometry(simdjson::dom::element geometry);

}  // namespace truce::geo
