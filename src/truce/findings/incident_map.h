// The dashboard's map and timeline of incidents (docs/API.md, "GET
// /v1/incidents/map", "GET /v1/incidents/timeline"): what a browser can draw
// when the center holds 100,000 incidents, worked out on the server.
//
// The map clusters on a Web Mercator grid (EPSG:3857, the grid of 256-pixel
// tiles Leaflet and MapLibre draw): at zoom Z the world is 2^Z tiles across,
// and a grid cell is a quarter of a tile, 64 pixels, so the grid has
// 2^(Z+2) cells a side. A cell holding several incidents is one cluster; a
// cell holding one gives the incident itself. From zoom 14 (cells under
// 600 m at Idlib's latitude) every incident is given alone. Whatever the
// zoom, an answer has at most `max_features` features: past that, the grid is
// coarsened (cells twice as wide) until it fits, so the level used is the
// finest with at most that many occupied cells, whatever order incidents
// come in.
//
// Both are accumulators fed one incident at a time (LiveFindings scans under
// its lock and feeds them), so a request's memory is bounded by the features
// or bins it answers with, not by the incidents it looks at.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "truce/findings/findings.h"
#include "truce/geo/geometry.h"

namespace truce {

// The zoom from which incidents are never clustered (unless the cap forces it).
constexpr int kUnclusteredZoom = 14;
constexpr int kMaxMapZoom = 22;
constexpr size_t kMaxMapFeatures = 2000;
constexpr size_t kMaxTimelineBins = 1000;

struct MapQuery {
  geo::BoundingBox bbox;  // incidents whose fused place is inside (edges included)
  int zoom = 0;           // 0..kMaxMapZoom
  size_t max_features = kMaxMapFeatures;
};

// One incident, as a lone map feature shows it.
struct MapIncident {
  std::string id, state, category, responsible, corroboration;
  bool contested = false;
  TimeInterval time;
  double lat = 0, lon = 0, uncertainty_m = 0;
};

// One feature: several incidents of one cell (count > 1), or one.
struct MapCell {
  size_t count = 0;
  double lat = 0, lon = 0;               // the members' mean place, degrees
  geo::BoundingBox bbox;                 // the members' places
  std::map<std::string, size_t> states;  // review state name (or "none") → incidents
  std::optional<MapIncident> lone;       // when count == 1
};

struct IncidentMap {
  size_t total = 0;        // incidents matching the filter inside the bbox (the counts sum to it)
  bool clustered = false;  // whether any feature is a cluster
  bool complete = false;   // as IncidentPage::complete
  std::vector<MapCell> features;
};

class MapClusterer {
 public:
  explicit MapClusterer(const MapQuery& query);
  // Counts the incident if its place is in the bbox. `state` is its review
  // state's name, or "none".
  void Add(const Finding& f, std::string_view state);
  // The features, in the grid's order (north to south, west to east).
  IncidentMap Finish() &&;

 private:
  struct Cell {
    size_t count = 0;
    double sum_lat = 0, sum_lon = 0;
    geo::BoundingBox bbox;
    std::map<std::string, size_t> states;
    std::optional<MapIncident> lone;
  };
  uint64_t KeyOf(double lat, double lon) const;
  static void Merge(Cell& into, Cell&& from);
  void Coarsen();
  // From one feature per incident to the grid (zoom >= 14 past the cap).
  void StartGrid();

  MapQuery query_;
  int level_;         // the grid has 2^level_ cells a side
  bool grid_ = true;  // false: one feature per incident (zoom >= 14) until the cap
  size_t total_ = 0;
  std::vector<Cell> loose_;  // !grid_: one per incident, in the order added
  std::unordered_map<uint64_t, Cell> cells_;
};

struct TimelineQuery {
  std::optional<int64_t> from_ms, to_ms;  // default: the span of the matching incidents
  size_t bins = 200;
};

// Incidents counted by the start of their fused time, in `bins` equal bins
// of whole seconds from `from_ms`; `to_ms` is the end of the last bin.
struct IncidentTimeline {
  std::optional<int64_t> from_ms, to_ms;  // none when no span was given and nothing matched
  int64_t bin_seconds = 0;
  std::vector<uint64_t> counts;
  std::map<std::string, std::vector<uint64_t>, std::less<>> states;  // review state name (or "none") → counts
  bool complete = false;
};

class TimelineCounter {
 public:
  // REQUIRES: from_ms <= to_ms, bins >= 1.
  TimelineCounter(int64_t from_ms, int64_t to_ms, size_t bins);
  // Counts an incident starting at t_ms, if inside [from, to).
  void Add(int64_t t_ms, std::string_view state);
  IncidentTimeline Finish() &&;

 private:
  IncidentTimeline out_;
  int64_t bin_ms_;
};

}  // namespace truce
