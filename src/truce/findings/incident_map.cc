#include "truce/findings/incident_map.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace truce {
namespace {

// Web Mercator is cut off where it makes the world square.
constexpr double kMaxMercatorLat = 85.05112878;

MapIncident IncidentOf(const Finding& f, std::string_view state) {
  const fusion::Incident& inc = f.incident;
  return {inc.id,
          std::string(state),
          std::string(CategoryName(inc.category)),
          f.determination.responsible,
          std::string(fusion::CorroborationName(inc.corroboration)),
          inc.contested,
          inc.time,
          inc.lat,
          inc.lon,
          inc.uncertainty_m};
}

}  // namespace

MapClusterer::MapClusterer(const MapQuery& query)
    : query_(query), level_(std::clamp(query.zoom, 0, kMaxMapZoom) + 2), grid_(query.zoom < kUnclusteredZoom) {}

// The cell's column from the longitude and row from the Mercator ordinate,
// both as fractions of the world, at level_. Row 0 is the north.
uint64_t MapClusterer::KeyOf(double lat, double lon) const {
  const double side = std::ldexp(1.0, level_);
  const double phi = std::clamp(lat, -kMaxMercatorLat, kMaxMercatorLat) * std::numbers::pi / 180;
  const double x = (lon + 180) / 360;
  const double y = (1 - std::log(std::tan(phi) + 1 / std::cos(phi)) / std::numbers::pi) / 2;
  const auto col = uint64_t(std::clamp(std::floor(x * side), 0.0, side - 1));
  const auto row = uint64_t(std::clamp(std::floor(y * side), 0.0, side - 1));
  return row << 32 | col;
}

void MapClusterer::Merge(Cell& into, Cell&& from) {
  if (into.count == 0) {
    into = std::move(from);
    return;
  }
  into.count += from.count;
  into.sum_lat += from.sum_lat;
  into.sum_lon += from.sum_lon;
  into.bbox.south = std::min(into.bbox.south, from.bbox.south);
  into.bbox.west = std::min(into.bbox.west, from.bbox.west);
  into.bbox.north = std::max(into.bbox.north, from.bbox.north);
  into.bbox.east = std::max(into.bbox.east, from.bbox.east);
  for (const auto& [state, n] : from.states) into.states[state] += n;
  into.lone.reset();
}

void MapClusterer::Coarsen() {
  // A cell of level L holds the four of level L+1 whose row and column
  // halve to its own.
  std::unordered_map<uint64_t, Cell> coarse;
  for (auto& [key, cell] : cells_) {
    const uint64_t row = key >> 32, col = key & 0xffffffffu;
    Merge(coarse[(row >> 1) << 32 | (col >> 1)], std::move(cell));
  }
  cells_ = std::move(coarse);
  --level_;
}

void MapClusterer::StartGrid() {
  grid_ = true;
  for (Cell& c : loose_) Merge(cells_[KeyOf(c.sum_lat, c.sum_lon)], std::move(c));
  loose_.clear();
  loose_.shrink_to_fit();
  while (cells_.size() > query_.max_features && level_ > 0) Coarsen();
}

void MapClusterer::Add(const Finding& f, std::string_view state) {
  const fusion::Incident& inc = f.incident;
  if (!query_.bbox.Contains({inc.lat, inc.lon})) return;
  ++total_;
  Cell one;
  one.count = 1;
  one.sum_lat = inc.lat;
  one.sum_lon = inc.lon;
  one.bbox = {inc.lat, inc.lon, inc.lat, inc.lon};
  one.states[std::string(state)] = 1;
  if (!grid_) {
    one.lone = IncidentOf(f, state);
    loose_.push_back(std::move(one));
    if (loose_.size() > query_.max_features) StartGrid();
    return;
  }
  Cell& cell = cells_[KeyOf(inc.lat, inc.lon)];
  if (cell.count == 0) one.lone = IncidentOf(f, state);  // the others are dropped at once
  Merge(cell, std::move(one));
  while (cells_.size() > query_.max_features && level_ > 0) Coarsen();
}

IncidentMap MapClusterer::Finish() && {
  IncidentMap out;
  out.total = total_;
  auto feature = [&](Cell&& c) {
    MapCell m;
    m.count = c.count;
    // Metre precision, as incidents' places are given.
    m.lat = std::round(c.sum_lat / double(c.count) * 1e5) / 1e5;
    m.lon = std::round(c.sum_lon / double(c.count) * 1e5) / 1e5;
    m.bbox = c.bbox;
    m.states = std::move(c.states);
    m.lone = std::move(c.lone);
    out.clustered = out.clustered || m.count > 1;
    out.features.push_back(std::move(m));
  };
  if (!grid_) {
    for (Cell& c : loose_) feature(std::move(c));
    return out;
  }
  std::vector<std::pair<uint64_t, Cell*>> order;
  order.reserve(cells_.size());
  for (auto& [key, cell] : cells_) order.emplace_back(key, &cell);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [key, cell] : order) feature(std::move(*cell));
  return out;
}

TimelineCounter::TimelineCounter(int64_t from_ms, int64_t to_ms, size_t bins) {
  // Whole seconds per bin, at least one, so that the bins cover [from, to).
  const int64_t span = std::max<int64_t>(to_ms - from_ms, 1);
  const int64_t per_bin = (span + int64_t(bins) - 1) / int64_t(bins);
  bin_ms_ = std::max<int64_t>(1, (per_bin + 999) / 1000) * 1000;
  out_.from_ms = from_ms;
  out_.to_ms = from_ms + bin_ms_ * int64_t(bins);
  out_.bin_seconds = bin_ms_ / 1000;
  out_.counts.assign(bins, 0);
}

void TimelineCounter::Add(int64_t t_ms, std::string_view state) {
  if (t_ms < *out_.from_ms || t_ms >= *out_.to_ms) return;
  const size_t bin = size_t((t_ms - *out_.from_ms) / bin_ms_);
  ++out_.counts[bin];
  auto it = out_.states.find(state);
  if (it == out_.states.end()) {
    it = out_.states.emplace(std::string(state), std::vector<uint64_t>(out_.counts.size(), 0)).first;
  }
  ++it->second[bin];
}

IncidentTimeline TimelineCounter::Finish() && { return std::move(out_); }

}  // namespace truce
