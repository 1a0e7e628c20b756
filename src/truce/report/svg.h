// The report's own drawings, as SVG text: the period's incidents over the
// mission's layers, and the trend of the last kTrendDays days. Drawn here
// rather than by a browser so the report is complete in itself and the
// same bytes every time (coordinates rounded to a tenth of a pixel).
#pragma once

#include <string>

#include "truce/report/daily.h"

namespace truce::report {

// Equirectangular at the area's middle latitude (distortion under 1% over
// a mission's hundred kilometres), north up, with a 10 km scale bar. The
// notable incidents are numbered as the report lists them.
std::string MapSvg(const DailyReport& report);
// Ceasefire violations a day (explosions, other fire) and other broken
// clauses, stacked, with the 7-day average as a line.
std::string TrendSvg(const DailyReport& report);

// A party's colour on the map and in the tables: by its place in the pack.
std::string PartyColour(const Mission& mission, const std::string& party);

// Text for XML and HTML: & < > " escaped.
std::string XmlEscape(std::string_view text);

}  // namespace truce::report
