#include "truce/geo/geojson.h"

#include <cmath>
#include <string_view>

namespace truce::geo {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;

Status PathError(const std::string& path, const std::string& what) { return Status::Invalid(path + ": " + what); }

Result<LatLng> ParsePosition(element e, const std::string& path) {
  array a;
  if (e.get_array().get(a) != simdjson::SUCCESS || a.size() < 2 || a.size() > 3) {
    return PathError(path, "a position must be [lon, lat] or [lon, lat, altitude]");
  }
  double lon, lat;
  if (a.at(0).get_double().get(lon) != simdjson::SUCCESS || a.at(1).get_double().get(lat) != simdjson::SUCCESS) {
    return PathError(path, "longitude and latitude must be numbers");
  }
  if (!(lon >= -180 && lon <= 180)) {
    return PathError(path, "longitude " + std::to_string(lon) + " is outside [-180, 180]");
  }
  if (!(lat >= -90 && lat <= 90)) {
    return PathError(path, "latitude " + std::to_string(lat) + " is outside [-90, 90] (GeoJSON is [lon, lat])");
  }
  return LatLng{lat, lon};
}

Result<std::vector<LatLng>> ParsePositions(element e, const std::string& path, size_t min) {
  array a;
  if (e.get_array().get(a) != simdjson::SUCCESS) return PathError(path, "must be an array");
  std::vector<LatLng> out;
  size_t i = 0;
  for (element p : a) {
    TRUCE_ASSIGN_OR_RETURN(LatLng ll, ParsePosition(p, path + "[" + std::to_string(i) + "]"));
    out.push_back(ll);
    ++i;
  }
  if (out.size() < min) {
    return PathError(path, "needs at least " + std::to_string(min) + " positions, has " + std::to_string(out.size()));
  }
  return out;
}

Result<Polygon> ParsePolygon(element e, const std::string& path) {
  array rings;
  if (e.get_array().get(rings) != simdjson::SUCCESS || rings.size() == 0) {
    return PathError(path, "a polygon is a non-empty array of rings");
  }
  Polygon polygon;
  size_t i = 0;
  for (element r : rings) {
    std::string rp = path + "[" + std::to_string(i++) + "]";
    TRUCE_ASSIGN_OR_RETURN(Ring ring, ParsePositions(r, rp, 4));
    if (ring.front().lat != ring.back().lat || ring.front().lon != ring.back().lon) {
      return PathError(rp, "a ring must end at the position it starts from");
    }
    polygon.rings.push_back(std::move(ring));
  }
  return polygon;
}

template <typename T, typename F>
Result<std::vector<T>> ParseEach(element e, const std::string& path, F parse_one) {
  array a;
  if (e.get_array().get(a) != simdjson::SUCCESS || a.size() == 0) {
    return PathError(path, "must be a non-empty array");
  }
  std::vector<T> out;
  size_t i = 0;
  for (element x : a) {
    TRUCE_ASSIGN_OR_RETURN(T v, parse_one(x, path + "[" + std::to_string(i++) + "]"));
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

Result<Geometry> ParseGeometry(element geometry) {
  if (!geometry.is_object()) return Status::Invalid("geometry: must be an object");
  std::string_view type;
  if (geometry["type"].get_string().get(type) != simdjson::SUCCESS) {
    return Status::Invalid("geometry.type: missing or not a string");
  }
  element coords;
  if (geometry["coordinates"].get(coords) != simdjson::SUCCESS) {
    return Status::Invalid("geometry.coordinates: missing");
  }
  const std::string path = "geometry.coordinates";
  Geometry g;
  if (type == "Point") {
    g.type = Geometry::Type::kPoint;
    TRUCE_ASSIGN_OR_RETURN(LatLng p, ParsePosition(coords, path));
    g.points.push_back(p);
  } else if (type == "MultiPoint") {
    g.type = Geometry::Type::kMultiPoint;
    TRUCE_ASSIGN_OR_RETURN(g.points, ParsePositions(coords, path, 1));
  } else if (type == "LineString") {
    g.type = Geometry::Type::kLineString;
    TRUCE_ASSIGN_OR_RETURN(Line line, ParsePositions(coords, path, 2));
    g.lines.push_back(std::move(line));
  } else if (type == "MultiLineString") {
    g.type = Geometry::Type::kMultiLineString;
    TRUCE_ASSIGN_OR_RETURN(
        g.lines,
        (ParseEach<Line>(coords, path, [](element x, const std::string& p) { return ParsePositions(x, p, 2); })));
  } else if (type == "Polygon") {
    g.type = Geometry::Type::kPolygon;
    TRUCE_ASSIGN_OR_RETURN(Polygon polygon, ParsePolygon(coords, path));
    g.polygons.push_back(std::move(polygon));
  } else if (type == "MultiPolygon") {
    g.type = Geometry::Type::kMultiPolygon;
    TRUCE_ASSIGN_OR_RETURN(g.polygons, (ParseEach<Polygon>(coords, path, ParsePolygon)));
  } else {
    return Status::Invalid("geometry.type: '" + std::string(type) +
                           "' is not one of Point, MultiPoint, LineString, MultiLineString, "
                           "Polygon, MultiPolygon");
  }
  return g;
}

}  // namespace truce::geo
