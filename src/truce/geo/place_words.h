// Where a point is, in the words of a monitoring report: "3 km north of
// Ariha", "in Saraqib" — from the mission's gazetteer, as the OSCE SMM
// wrote its places ("2km north-west of Zolote").
#pragma once

#include <string>

#include "truce/geo/gazetteer.h"
#include "truce/geo/geometry.h"

namespace truce::geo {

struct PlaceWords {
  const Place* place = nullptr;  // the nearest place; null with an empty gazetteer
  double distance_m = 0;
  std::string direction;  // of the point from the place: north, north-east, ...; empty when in it
  std::string words;      // "3 km north of Ariha", "in Ariha", or "35.81000° N, 36.61000° E"
};

// The nearest place of the gazetteer. Inside the place's radius the point
// is "in" it; past that, whole kilometres (at least 1) on an eight-point
// compass. Ties go to the place listed first, so the words do not depend
// on anything but the gazetteer.
PlaceWords DescribePlace(const Gazetteer& gazetteer, LatLng point);

// The eight-point compass word for an azimuth in degrees.
std::string CompassPoint(double azimuth_deg);

}  // namespace truce::geo
