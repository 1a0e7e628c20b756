// Simplify: a line with fewer vertices that stays within a tolerance of it,
// for drawing a long track at a zoom where most of its vertices would fall
// on the same pixel (the dashboard's patrol tracks).
#pragma once

#include <vector>

#include "truce/geo/geometry.h"

namespace truce::geo {

// The indexes of the vertices kept: the first and the last always, and
// enough between them that the line through them stays within
// `tolerance_m` of every vertex (S2Polyline::SubsampleVertices, which also
// keeps a line that doubles back on itself doubling back).
std::vector<int> SimplifyLine(const Line& line, double tolerance_m);

}  // namespace truce::geo
