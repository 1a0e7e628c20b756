// What an incident's page draws, as GeoJSON (RFC 7946) the browser can hand
// to its map as it is: every position worked out here on the WGS84
// ellipsoid (geo/geodesic.h), so the page does no geodesy.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "truce/findings/findings.h"

namespace truce::wire {

// A FeatureCollection; each feature's "role" property says what it is:
//   fused_place         Point: the incident's place {uncertainty_m}
//   report_place        Point: where a report puts it {report, source_report_id, source_kind, uncertainty_m}
//   observer            Point: a monitor's position for a sighting {report, what}
//   bearing_ray         LineString: from the observer along its azimuth to the
//                       far end of the distance band {report, azimuth_deg, error_deg}
//   distance_band       Polygon: azimuth ± error between min_m and max_m from
//                       the observer {report, azimuth_deg, error_deg, min_m, max_m}
//   firing_point        Point: a firing point located by technical means
//                       (counter-battery radar) {report, source_kind, uncertainty_m}
//   attribution_sector  Polygon: the sector attribution sampled, from the
//                       impact along the combined back-azimuth ± error
//                       {azimuth_deg, error_deg, range_km: [min, max]}
// Features come in that order, per report in the order given. Positions are
// [lon, lat] in degrees to 6 decimals; polygons' rings run anticlockwise
// and are closed; arcs are sampled every 2 degrees of azimuth at most.
nlohmann::json IncidentGeometryJson(const Finding& finding, const std::vector<StoredReport>& reports);

}  // namespace truce::wire
