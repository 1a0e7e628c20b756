// Distances on the WGS84 ellipsoid (GeographicLib, Karney 2013). These are
// the exact answers the fast cell index (region_index.h) defers to near a
// boundary. Metres and degrees.
#pragma once

#include "truce/geo/geometry.h"

namespace truce::geo {

// Geodesic distance between two points, metres.
double DistanceM(LatLng a, LatLng b);
// The direction from `from` to `to` where the geodesic leaves `from`,
// clockwise from true north, [0, 360).
double AzimuthDeg(LatLng from, LatLng to);

// Shortest geodesic distance from p to the geodesic segment a–b, metres.
// Found by golden-section search along the segment, which is unimodal for
// segments much shorter than the Earth's radius (road and front-line
// vertices are at most tens of kilometres apart).
double DistanceToSegmentM(LatLng p, LatLng a, LatLng b);

struct NearestPoint {
  LatLng point;
  double distance_m = 0;
};

// The point of the geodesic segment a–b nearest to p, and its distance.
NearestPoint NearestOnSegment(LatLng p, LatLng a, LatLng b);

// The point of a set of polylines nearest to p (every segment tried: for
// the few dozen vertices of a road or front line).
NearestPoint NearestOnLines(LatLng p, const std::vector<Line>& lines);

// The point reached from `from` after `distance_m` along `azimuth_deg`.
LatLng Destination(LatLng from, double azimuth_deg, double distance_m);
// The points at each of `distances_m` along one geodesic: one line set up,
// many points read off it (cheaper than a Destination each).
std::vector<LatLng> PointsAlong(LatLng from, double azimuth_deg, const std::vector<double>& distances_m);

// Meridional (M) and prime-vertical (N) radii of curvature at a latitude,
// metres. Every local ratio of geodesic to spherical distance lies between
// M and N over the sphere's radius; the index uses that to know how far the
// sphere may be trusted.
double MeridionalRadiusM(double lat_deg);
double PrimeVerticalRadiusM(double lat_deg);

}  // namespace truce::geo
