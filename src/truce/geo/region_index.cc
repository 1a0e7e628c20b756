#include "truce/geo/region_index.h"

#include <s2/mutable_s2shape_index.h>
#include <s2/s2cell.h>
#include <s2/s2cell_id.h>
#include <s2/s2closest_edge_query.h>
#include <s2/s2earth.h>
#include <s2/s2error.h>
#include <s2/s2latlng.h>
#include <s2/s2lax_polyline_shape.h>
#include <s2/s2loop.h>
#include <s2/s2point_vector_shape.h>
#include <s2/s2polygon.h>
#include <s2/s2region_coverer.h>
#include <s2/s2shape_index_buffered_region.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <string>
#include <thread>

#include "truce/geo/geodesic.h"

namespace truce::geo {
namespace {

S2Point ToPoint(LatLng p) { return S2LatLng::FromDegrees(p.lat, p.lon).ToPoint(); }

bool SameVertex(LatLng a, LatLng b) { return a.lat == b.lat && a.lon == b.lon; }

Status CheckLatLng(LatLng p, const std::string& where) {
  if (!std::isfinite(p.lat) || !std::isfinite(p.lon) || p.lat < -90 || p.lat > 90 || p.lon < -180 || p.lon > 180) {
    return Status::Invalid(where + ": coordinate (" + std::to_string(p.lat) + ", " + std::to_string(p.lon) +
                           ") is out of range; GeoJSON positions are [lon, lat]");
  }
  return Status::Ok();
}

Status CheckWidth(const char* what, double metres) {
  if (!(metres > 0) || metres > 500'000) {
    return Status::Invalid(std::string(what) + " " + std::to_string(metres) + " m must be above 0 and at most 500 km");
  }
  return Status::Ok();
}

// Status of one covering cell for one region.
enum class CellFit { kOutside, kInside, kBoundary };

}  // namespace

struct RegionIndex::Impl {
  enum class Kind { kArea, kBuffer };

  struct Region {
    Kind kind = Kind::kArea;
    std::unique_ptr<S2Polygon> polygon;  // kArea
    // kBuffer: shape i is lines[i] (or, for points, one shape of them all).
    std::unique_ptr<MutableS2ShapeIndex> index;
    std::vector<Line> lines;
    std::vector<LatLng> points;
    double half_width_m = 0;
    // Spherical angles (radians) that bound the ellipsoidal half-width: any
    // point nearer than inner_rad on the sphere is inside; any point farther
    // than outer_rad is outside. See geodesic.h on M and N.
    double inner_rad = 0;
    double outer_rad = 0;
  };

  std::vector<Region> regions;

  // The overlay: disjoint, sorted leaf-id ranges [lo[i], hi[i]], each with
  // the regions whose coverings hold it, as (region << 1 | boundary).
  std::vector<uint64_t> lo, hi;
  std::vector<uint32_t> first, count;
  std::vector<uint32_t> tags;

  CellFit Classify(const Region& r, const S2Cell& cell) const {
    if (r.kind == Kind::kArea) {
      if (!r.polygon->MayIntersect(cell)) return CellFit::kOutside;
      if (r.polygon->Contains(cell)) return CellFit::kInside;
      return CellFit::kBoundary;
    }
    S2ClosestEdgeQuery query(r.index.get());
    S2ClosestEdgeQuery::CellTarget cell_target(cell);
    if (!query.IsDistanceLess(&cell_target, S1ChordAngle::Radians(r.outer_rad))) {
      return CellFit::kOutside;
    }
    S2ClosestEdgeQuery::PointTarget center(cell.GetCenter());
    double center_rad = query.GetDistance(&center).ToAngle().radians();
    double cap_rad = cell.GetCapBound().GetRadius().radians();
    if (center_rad + cap_rad < r.inner_rad) return CellFit::kInside;
    return CellFit::kBoundary;
  }

  void Cover(const Region& r, const S2Cell& cell, int max_level, int region,
             std::vector<std::tuple<uint64_t, uint64_t, uint32_t>>* out) const {
    CellFit fit = Classify(r, cell);
    if (fit == CellFit::kOutside) return;
    uint32_t tag = uint32_t(region) << 1;
    if (fit == CellFit::kInside || cell.level() >= max_level) {
      if (fit == CellFit::kBoundary) tag |= 1;
      out->emplace_back(cell.id().range_min().id(), cell.id().range_max().id(), tag);
      return;
    }
    for (int k = 0; k < 4; ++k) Cover(r, S2Cell(cell.id().child(k)), max_level, region, out);
  }

  double BufferDistanceM(const Region& r, LatLng p) const {
    S2ClosestEdgeQuery query(r.index.get());
    query.mutable_options()->set_max_distance(S1ChordAngle::Radians(r.outer_rad));
    S2ClosestEdgeQuery::PointTarget target(ToPoint(p));
    double best = std::numeric_limits<double>::infinity();
    bool any = false;
    for (const auto& result : query.FindClosestEdges(&target)) {
      any = true;
      if (r.points.empty()) {
        const Line& line = r.lines[result.shape_id()];
        int e = result.edge_id();
        best = std::min(best, DistanceToSegmentM(p, line[e], line[e + 1]));
      } else {
        best = std::min(best, geo::DistanceM(p, r.points[result.edge_id()]));
      }
    }
    if (any) return best;
    // Farther than the band: answer from the sphere, which is within a
    // fraction of a percent and only used to report "far".
    query.mutable_options()->set_max_distance(S1ChordAngle::Infinity());
    return S2Earth::ToMeters(query.GetDistance(&target));
  }

  Result<int> AddBuffer(Region r) {
    double min_abs_lat = 90, max_abs_lat = 0;
    auto widen = [&](LatLng p) {
      min_abs_lat = std::min(min_abs_lat, std::fabs(p.lat));
      max_abs_lat = std::max(max_abs_lat, std::fabs(p.lat));
    };
    bool north = false, south = false;
    auto hemisphere = [&](LatLng p) { (p.lat >= 0 ? north : south) = true; };
    for (const Line& line : r.lines) {
      std::for_each(line.begin(), line.end(), widen);
      std::for_each(line.begin(), line.end(), hemisphere);
    }
    std::for_each(r.points.begin(), r.points.end(), widen);
    // A line across the equator passes latitude 0, where M is smallest.
    if (north && south) min_abs_lat = 0;
    // The band reaches half_width_m beyond the vertices: about 1° per 111 km.
    double reach_deg = r.half_width_m / 111'000.0 + 0.01;
    min_abs_lat = std::max(0.0, min_abs_lat - reach_deg);
    max_abs_lat = std::min(90.0, max_abs_lat + reach_deg);
    double m_min = MeridionalRadiusM(min_abs_lat);
    double n_max = PrimeVerticalRadiusM(max_abs_lat);
    // A relative slack of 1e-6 covers rounding in S2's chord angles.
    r.inner_rad = r.half_width_m / n_max * (1 - 1e-6);
    r.outer_rad = r.half_width_m / m_min * (1 + 1e-6);
    regions.push_back(std::move(r));
    return int(regions.size() - 1);
  }
};

RegionIndex::RegionIndex() : impl_(std::make_unique<Impl>()) {}
RegionIndex::~RegionIndex() = default;
RegionIndex::RegionIndex(RegionIndex&&) noexcept = default;
RegionIndex& RegionIndex::operator=(RegionIndex&&) noexcept = default;

Result<int> RegionIndex::AddArea(const std::vector<Polygon>& polygons) {
  std::vector<std::unique_ptr<S2Loop>> loops;
  for (size_t pi = 0; pi < polygons.size(); ++pi) {
    const Polygon& polygon = polygons[pi];
    if (polygon.rings.empty()) return Status::Invalid("polygon " + std::to_string(pi) + " has no rings");
    for (size_t ri = 0; ri < polygon.rings.size(); ++ri) {
      std::string where = "polygon " + std::to_string(pi) + ", ring " + std::to_string(ri);
      const Ring& ring = polygon.rings[ri];
      std::vector<S2Point> vertices;
      for (size_t vi = 0; vi < ring.size(); ++vi) {
        TRUCE_RETURN_IF_ERROR(CheckLatLng(ring[vi], where + ", vertex " + std::to_string(vi)));
        // Repeated vertices are common in hand-digitised data and harmless.
        if (vi > 0 && SameVertex(ring[vi], ring[vi - 1])) continue;
        vertices.push_back(ToPoint(ring[vi]));
      }
      if (ring.size() < 4 || !SameVertex(ring.front(), ring.back())) {
        return Status::Invalid(where +
                               ": a ring needs at least 4 positions and must end where it "
                               "starts (RFC 7946 §3.1.6)");
      }
      vertices.pop_back();
      if (vertices.size() < 3) return Status::Invalid(where + ": fewer than 3 distinct vertices");
      auto loop = std::make_unique<S2Loop>();
      loop->set_s2debug_override(S2Debug::DISABLE);
      loop->Init(vertices);
      S2Error error;
      if (loop->FindValidationError(&error)) {
        return Status::Invalid(where + ": " + error.text());
      }
      // Either winding is accepted: S2 takes the side that is under half the
      // sphere, which is what a zone's author means.
      loop->Normalize();
      loops.push_back(std::move(loop));
    }
  }
  if (loops.empty()) return Status::Invalid("an area needs at least one polygon");
  auto polygon = std::make_unique<S2Polygon>();
  polygon->set_s2debug_override(S2Debug::DISABLE);
  polygon->InitNested(std::move(loops));
  S2Error error;
  if (polygon->FindValidationError(&error)) {
    return Status::Invalid("the polygons overlap or cross: " + error.text());
  }
  Impl::Region r;
  r.kind = Impl::Kind::kArea;
  r.polygon = std::move(polygon);
  impl_->regions.push_back(std::move(r));
  return int(impl_->regions.size() - 1);
}

Result<int> RegionIndex::AddLineBuffer(const std::vector<Line>& lines, double half_width_m) {
  TRUCE_RETURN_IF_ERROR(CheckWidth("half width", half_width_m));
  if (lines.empty()) return Status::Invalid("a corridor needs at least one line");
  Impl::Region r;
  r.kind = Impl::Kind::kBuffer;
  r.half_width_m = half_width_m;
  r.index = std::make_unique<MutableS2ShapeIndex>();
  for (size_t li = 0; li < lines.size(); ++li) {
    Line line;
    for (size_t vi = 0; vi < lines[li].size(); ++vi) {
      TRUCE_RETURN_IF_ERROR(
          CheckLatLng(lines[li][vi], "line " + std::to_string(li) + ", vertex " + std::to_string(vi)));
      if (!line.empty() && SameVertex(line.back(), lines[li][vi])) continue;
      line.push_back(lines[li][vi]);
    }
    if (line.size() < 2) {
      return Status::Invalid("line " + std::to_string(li) + " needs at least 2 distinct vertices");
    }
    std::vector<S2Point> vertices;
    for (LatLng p : line) vertices.push_back(ToPoint(p));
    r.index->Add(std::make_unique<S2LaxPolylineShape>(vertices));
    r.lines.push_back(std::move(line));
  }
  return impl_->AddBuffer(std::move(r));
}

Result<int> RegionIndex::AddPointBuffer(const std::vector<LatLng>& points, double radius_m) {
  TRUCE_RETURN_IF_ERROR(CheckWidth("radius", radius_m));
  if (points.empty()) return Status::Invalid("a point buffer needs at least one point");
  Impl::Region r;
  r.kind = Impl::Kind::kBuffer;
  r.half_width_m = radius_m;
  r.index = std::make_unique<MutableS2ShapeIndex>();
  std::vector<S2Point> vertices;
  for (size_t i = 0; i < points.size(); ++i) {
    TRUCE_RETURN_IF_ERROR(CheckLatLng(points[i], "point " + std::to_string(i)));
    vertices.push_back(ToPoint(points[i]));
  }
  r.index->Add(std::make_unique<S2PointVectorShape>(std::move(vertices)));
  r.points = points;
  return impl_->AddBuffer(std::move(r));
}

void RegionIndex::Build(int max_level) {
  using Entry = std::tuple<uint64_t, uint64_t, uint32_t>;  // lo, hi, tag
  // Covering the regions is most of a center's start-up (a second for the
  // idlib pack): each region on whichever core is free, then joined in
  // region order, so the index is the same however the work was shared.
  const size_t n_regions = impl_->regions.size();
  std::vector<std::vector<Entry>> covered(n_regions);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n_regions; i = next++) {
      const Impl::Region& r = impl_->regions[i];
      S2RegionCoverer::Options options;
      options.set_max_cells(16);
      options.set_max_level(std::min(max_level, 12));
      S2RegionCoverer coverer(options);
      S2CellUnion start;
      if (r.kind == Impl::Kind::kArea) {
        start = coverer.GetCovering(*r.polygon);
      } else {
        S2ShapeIndexBufferedRegion band(r.index.get(), S1ChordAngle::Radians(r.outer_rad));
        start = coverer.GetCovering(band);
      }
      for (S2CellId id : start) impl_->Cover(r, S2Cell(id), max_level, int(i), &covered[i]);
    }
  };
  // The shape indexes are built lazily on first use; built here, before
  // the threads read them.
  for (Impl::Region& r : impl_->regions) {
    if (r.index) r.index->ForceBuild();
  }
  const size_t n_threads = std::min<size_t>(std::max(1u, std::thread::hardware_concurrency()), n_regions);
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < n_threads; ++t) helpers.emplace_back(work);
  work();
  for (std::thread& t : helpers) t.join();
  std::vector<Entry> entries;
  for (auto& c : covered) entries.insert(entries.end(), c.begin(), c.end());

  // Overlay: sweep the range ends; between two consecutive ends the set of
  // open entries is constant and becomes one range.
  std::vector<std::pair<uint64_t, int>> events;  // position, +(k+1) opens / -(k+1) closes
  events.reserve(entries.size() * 2);
  for (size_t k = 0; k < entries.size(); ++k) {
    events.emplace_back(std::get<0>(entries[k]), int(k + 1));
    events.emplace_back(std::get<1>(entries[k]) + 1, -int(k + 1));
  }
  std::sort(events.begin(), events.end());
  std::vector<int> open;
  std::vector<uint32_t> set;
  uint64_t prev = 0;
  for (size_t e = 0; e < events.size();) {
    uint64_t pos = events[e].first;
    if (!open.empty() && pos > prev) {
      set.clear();
      for (int k : open) set.push_back(std::get<2>(entries[k]));
      std::sort(set.begin(), set.end());
      size_t n = impl_->lo.size();
      bool same_as_last = n > 0 && impl_->hi[n - 1] + 1 == prev && impl_->count[n - 1] == set.size() &&
                          std::equal(set.begin(), set.end(), impl_->tags.begin() + impl_->first[n - 1]);
      if (same_as_last) {
        impl_->hi[n - 1] = pos - 1;
      } else {
        impl_->lo.push_back(prev);
        impl_->hi.push_back(pos - 1);
        impl_->first.push_back(uint32_t(impl_->tags.size()));
        impl_->count.push_back(uint32_t(set.size()));
        impl_->tags.insert(impl_->tags.end(), set.begin(), set.end());
      }
    }
    for (; e < events.size() && events[e].first == pos; ++e) {
      int k = events[e].second;
      if (k > 0) {
        open.push_back(k - 1);
      } else {
        open.erase(std::find(open.begin(), open.end(), -k - 1));
      }
    }
    prev = pos;
  }
}

void RegionIndex::Lookup(LatLng p, std::vector<int>* out) const {
  const Impl& m = *impl_;
  uint64_t leaf = S2CellId(ToPoint(p)).id();
  auto it = std::upper_bound(m.lo.begin(), m.lo.end(), leaf);
  if (it == m.lo.begin()) return;
  size_t i = size_t(it - m.lo.begin()) - 1;
  if (leaf > m.hi[i]) return;
  for (uint32_t k = m.first[i], end = m.first[i] + m.count[i]; k < end; ++k) {
    uint32_t tag = m.tags[k];
    int region = int(tag >> 1);
    if ((tag & 1) == 0 || Contains(region, p)) out->push_back(region);
  }
}

bool RegionIndex::Contains(int region, LatLng p) const {
  const Impl::Region& r = impl_->regions[size_t(region)];
  if (r.kind == Impl::Kind::kArea) return r.polygon->Contains(ToPoint(p));
  // The sphere settles every point outside the thin band where sphere and
  // ellipsoid may disagree; only inside it is the geodesic distance needed.
  S2ClosestEdgeQuery query(r.index.get());
  S2ClosestEdgeQuery::PointTarget target(ToPoint(p));
  double rad = query.GetDistance(&target).ToAngle().radians();
  if (rad < r.inner_rad) return true;
  if (rad > r.outer_rad) return false;
  return impl_->BufferDistanceM(r, p) <= r.half_width_m;
}

double RegionIndex::DistanceM(int region, LatLng p) const {
  const Impl::Region& r = impl_->regions[size_t(region)];
  if (r.kind == Impl::Kind::kBuffer) return impl_->BufferDistanceM(r, p);
  S2Point point = ToPoint(p);
  if (r.polygon->Contains(point)) return 0;
  S2ClosestEdgeQuery query(&r.polygon->index());
  S2ClosestEdgeQuery::PointTarget target(point);
  return S2Earth::ToMeters(query.GetDistance(&target));
}

int RegionIndex::size() const { return int(impl_->regions.size()); }
size_t RegionIndex::range_count() const { return impl_->lo.size(); }

}  // namespace truce::geo
