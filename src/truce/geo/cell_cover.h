// S2 cell ids as a one-dimensional spatial key: points near each other on
// the sphere mostly have near ids, so a box becomes a few id ranges that a
// B-tree index answers.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "truce/geo/geometry.h"

namespace truce::geo {

// The id of the leaf (level 30, ~1 cm) cell holding p, shifted right by one
// so it fits a signed 64-bit column and keeps its order.
int64_t CellKey(LatLng p);

// Key ranges [first, second] whose union covers the box (and a little more:
// callers filter by exact lat/lon after).
std::vector<std::pair<int64_t, int64_t>> CoverBox(const BoundingBox& box, int max_cells = 12);

}  // namespace truce::geo
