// The report filters of `truce query` and GET /v1/reports, from their text
// form, checked against the mission. One function for both, so the CLI and
// the API accept exactly the same words.
//
//   from, to      RFC 3339 times; reports whose observed interval overlaps
//   bbox          west,south,east,north in degrees (the GeoJSON bbox order)
//   zone, clause  ids from the mission pack
//   category      a category word (shelling, small_arms_fire, ...)
//   party         the reporting party (source.party)
//   blames        the party a report holds responsible
//   source_kind   party, observer, uav, acoustic, radar, patrol, news
//   limit         1 to 10000 (default 100)
//   after         paging: only reports with a larger id
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "truce/mission/mission.h"
#include "truce/store/store.h"

namespace truce {

using ParamLookup = std::function<std::optional<std::string>(const std::string& name)>;
// The values of `params` by name; `params` must outlive the lookup.
ParamLookup LookupIn(const std::map<std::string, std::string>& params);

constexpr size_t kMaxQueryLimit = 10000;

Result<ReportFilter> ParseReportFilter(const ParamLookup& param, const Mission& mission);

// "west,south,east,north" in degrees (the GeoJSON bbox order): four plain
// decimals (an optional '-', digits, an optional fraction; no exponent, no
// '+', at most 24 characters each), longitudes in [-180, 180], latitudes in
// [-90, 90], west <= east and south <= north. A box across the antimeridian
// is refused: ask for the two sides. Messages begin "bbox: ".
Result<geo::BoundingBox> ParseBoundingBox(std::string_view text);

}  // namespace truce
