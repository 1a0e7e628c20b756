// A composed report written out: HTML (complete in one file, its map and
// trend inline as SVG, laid out for A4 when printed), Markdown (its map
// and trend as image files beside it) and JSON (every figure, for other
// tools; docs/API.md, "GET /v1/daily/{date}"). Each is a pure function of
// the report: the same report, the same bytes.
#pragma once

#include <string>

#include "truce/report/daily.h"

namespace truce::report {

std::string RenderHtml(const DailyReport& report);
// `map_image` and `trend_image`: the files' names as the Markdown links them.
std::string RenderMarkdown(const DailyReport& report, const std::string& map_image, const std::string& trend_image);
std::string RenderJson(const DailyReport& report);

// The section headings, in order, as every format writes them.
inline constexpr const char* kSections[] = {
    "Summary",
    "Ceasefire violations",
    "Weapons in violation of withdrawal lines",
    "Presence in the security corridor",
    "Notable incidents",
    "Civilian casualties and damage to civilian objects",
    "Restrictions of the center's freedom of movement",
    "Patrols",
    "Map of the period's incidents",
    "Trend over the last 30 days",
    "The register at the cut-off",
};

}  // namespace truce::report
