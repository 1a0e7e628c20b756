// RegionIndex: which of a mission's regions contain a point, fast.
//
// A region is an area (polygons), a buffer around lines (a security
// corridor: every point within half_width_m of the road, by geodesic
// distance on the WGS84 ellipsoid), or a buffer around points (a protected
// site). Build() covers each region with S2 cells classified as wholly
// inside or on the boundary, and overlays all coverings into one sorted list
// of leaf-id ranges. A lookup is then one binary search; only a point in a
// boundary cell pays for the exact test (S2 containment for areas; for
// buffers the spherical distance, and the geodesic one from GeographicLib
// only within the fraction of a percent where the two may disagree). Points outside every covering cost
// the binary search alone.
//
// Thread safety: after Build(), const methods may be called concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "truce/core/status.h"
#include "truce/geo/geometry.h"

namespace truce::geo {

class RegionIndex {
 public:
  RegionIndex();
  ~RegionIndex();
  RegionIndex(RegionIndex&&) noexcept;
  RegionIndex& operator=(RegionIndex&&) noexcept;

  // Each Add returns the region's number (0, 1, 2, ... in call order), or
  // an error naming what is wrong with the geometry.
  Result<int> AddArea(const std::vector<Polygon>& polygons);
  Result<int> AddLineBuffer(const std::vector<Line>& lines, double half_width_m);
  Result<int> AddPointBuffer(const std::vector<LatLng>& points, double radius_m);

  // REQUIRES: called once, after the last Add and before any lookup.
  // max_level bounds the boundary cells' size (level 16 ≈ 150 m): finer
  // means fewer exact tests but a longer build and a larger index.
  void Build(int max_level = 16);

  // Appends to *out, in increasing order, the regions that contain p.
  void Lookup(LatLng p, std::vector<int>* out) const;

  // The exact test for one region, bypassing the cell covering.
  bool Contains(int region, LatLng p) const;

  // Distance in metres from p to a buffer region's lines or points
  // (geodesic, on the ellipsoid), or to an area (0 inside; outside, to its
  // boundary on the sphere, within about 0.5%).
  double DistanceM(int region, LatLng p) const;

  int size() const;
  // Number of leaf-id ranges after the overlay: a measure of index size.
  size_t range_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace truce::geo
