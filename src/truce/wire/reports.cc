#include "truce/wire/reports.h"

#include <cstdio>

#include "truce/intake/report_body.h"

namespace truce::wire {

using nlohmann::json;

json ReportJson(const StoredReport& s) {
  // The fields as submitted, then what the center added: its own number
  // (the source's id moves to source_report_id), the tags, the time received.
  json j = intake::ReportBody(s.report);
  j["source_report_id"] = std::move(j["id"]);
  j["id"] = s.id;
  j["zones"] = s.report.zones;
  j["clauses"] = s.report.clauses;
  if (s.received_ms > 0) j["received"] = FormatRfc3339({s.received_ms, 0});
  return j;
}

json ReportFeature(const StoredReport& s) {
  json props = ReportJson(s);
  json coords = json::array({s.report.location.lon, s.report.location.lat});
  props["uncertainty_m"] = s.report.location.uncertainty_m;
  if (!s.report.location.place.empty()) props["place"] = s.report.location.place;
  props.erase("location");
  return {{"type", "Feature"},
          {"id", s.id},
          {"geometry", {{"type", "Point"}, {"coordinates", coords}}},
          {"properties", props}};
}

json ReportCollection(const std::vector<StoredReport>& reports) {
  json features = json::array();
  for (const auto& r : reports) features.push_back(ReportFeature(r));
  return {{"type", "FeatureCollection"}, {"features", features}};
}

json ReportList(const std::vector<StoredReport>& reports) {
  json list = json::array();
  for (const auto& r : reports) list.push_back(ReportJson(r));
  return list;
}

json ReportPage(const std::vector<StoredReport>& reports, std::optional<int64_t> next_after, bool geojson) {
  json next = next_after ? json(*next_after) : json(nullptr);
  if (geojson) {
    json body = ReportCollection(reports);
    body["next_after"] = next;
    return body;
  }
  return {{"reports", ReportList(reports)}, {"count", reports.size()}, {"next_after", next}};
}

std::string ReportTable(const std::vector<StoredReport>& reports) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-8s %-25s %-20s %-16s %-22s %s\n", "ID", "OBSERVED", "CATEGORY", "SOURCE", "WHERE",
                "ZONES / CLAUSES");
  out += line;
  for (const StoredReport& s : reports) {
    const Report& r = s.report;
    std::string source = std::string(SourceKindName(r.source.kind));
    if (!r.source.party.empty()) source += ":" + r.source.party;
    char where[64];
    if (!r.location.place.empty()) {
      std::snprintf(where, sizeof where, "%s", r.location.place.c_str());
    } else {
      std::snprintf(where, sizeof where, "%.4f,%.4f", r.location.lat, r.location.lon);
    }
    std::string tags;
    for (const auto& z : r.zones) tags += (tags.empty() ? "" : " ") + z;
    if (!r.clauses.empty()) tags += " |";
    for (const auto& c : r.clauses) tags += " " + c;
    std::snprintf(line, sizeof line, "%-8lld %-25s %-20s %-16s %-22s %s\n", (long long)s.id,
                  FormatRfc3339(r.observed.start).c_str(), std::string(CategoryName(r.category)).c_str(),
                  source.c_str(), where, tags.c_str());
    out += line;
  }
  return out;
}

}  // namespace truce::wire
