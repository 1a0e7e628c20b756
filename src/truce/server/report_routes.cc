// Reports as stored, the mission and its zones, and the health check
// (docs/API.md, "Reports").
#include <nlohmann/json.hpp>

#include <iterator>

#include "truce/center/filter_params.h"
#include "truce/intake/batch.h"
#include "truce/server/api.h"
#include "truce/wire/mission.h"
#include "truce/wire/reports.h"
#include "truce/wire/submissions.h"

namespace truce::server {
namespace {

void GetReports(const Api& api, const RouteMatch& m, HttpResponse& res) {
  auto filter = ParseReportFilter([&](const std::string& name) { return m.params->Get(name); }, api.center.mission());
  if (!filter.ok()) return SetError(res, 400, "invalid_argument", filter.status().message());
  std::string format = m.params->Get("format").value_or("json");
  if (format != "json" && format != "geojson") {
    return SetError(res, 400, "invalid_argument", "format must be json or geojson");
  }
  auto reports = api.center.reader().Query(*filter);
  if (!reports.ok()) return SetStatus(res, reports.status());
  std::optional<int64_t> next;
  if (reports->size() == filter->limit) next = reports->back().id;
  SetJson(res, 200, wire::ReportPage(*reports, next, format == "geojson"));
  if (format == "geojson") res.content_type = "application/geo+json";
}

void GetReport(const Api& api, const RouteMatch& m, HttpResponse& res) {
  auto id = ParseNumber(m.segments[0], "the report id", 1, uint64_t(INT64_MAX));
  if (!id.ok()) return SetStatus(res, id.status());
  auto report = api.center.reader().Report(int64_t(*id));
  if (!report.ok()) return SetStatus(res, report.status());
  if (!*report) return SetError(res, 404, "not_found", "no report has id " + std::to_string(*id));
  SetJson(res, 200, wire::ReportJson(**report));
}

// What a file checked in the browser may hold: the dashboard checks a field
// office's day of reports; bulk loads go through truce ingest.
constexpr size_t kMaxCheckBytes = 16 << 20;
constexpr size_t kMaxCheckRows = 20000;

// Reads a file of reports as intake would, and says what is wrong with each
// bad line, storing nothing: the dashboard shows the errors, then signs the
// good reports in the browser.
void CheckReports(const Api& api, const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
  const std::string name = m.params->Get("format").value_or("auto");
  auto format = intake::ParseInputFormat(name);
  if (!format)
    return SetError(res, 400, "invalid_argument",
                    "format must be csv, jsonl, json or geojson, not '" + name.substr(0, 40) + "'");
  if (req.body.size() > kMaxCheckBytes) {
    return SetError(res, 413, "too_large",
                    "a file checked here may be at most 16 MiB; load larger ones with truce ingest");
  }
  auto tagger = api.center.tagger();
  if (!tagger.ok()) return SetStatus(res, tagger.status());
  intake::BatchReader reader(req.body, *format, api.center.mission(), **tagger);
  if (!reader.status().ok()) return SetError(res, 422, "invalid_argument", reader.status().message());
  std::vector<Report> reports;
  std::vector<size_t> lines;
  std::vector<intake::RowError> errors;
  intake::Chunk chunk;
  while (reader.Next(4096, &chunk)) {
    if (reports.size() + errors.size() + chunk.reports.size() + chunk.errors.size() > kMaxCheckRows) {
      return SetError(res, 413, "too_large",
                      "a file checked here may hold at most " + std::to_string(kMaxCheckRows) +
                          " reports; load larger ones with truce ingest");
    }
    std::move(chunk.reports.begin(), chunk.reports.end(), std::back_inserter(reports));
    lines.insert(lines.end(), chunk.lines.begin(), chunk.lines.end());
    std::move(chunk.errors.begin(), chunk.errors.end(), std::back_inserter(errors));
  }
  const char* names[] = {"auto", "json", "jsonl", "csv", "geojson"};
  SetJson(res, 200, wire::ReportCheckAnswer(names[int(reader.format())], reports, lines, errors));
}

}  // namespace

void AddReportRoutes(Api& api) {
  api.Add("POST", "/v1/reports/check", Audience::kOfficers,
          [&api](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) { CheckReports(api, req, m, res); });
  api.Add("GET", "/v1/reports", Audience::kOfficers,
          [&api](const auto&, const RouteMatch& m, HttpResponse& res) { GetReports(api, m, res); });
  api.Add("GET", "/v1/reports/{}", Audience::kOfficers,
          [&api](const auto&, const RouteMatch& m, HttpResponse& res) { GetReport(api, m, res); });
  api.Add("GET", "/v1/zones", Audience::kOfficers, [&api](const auto&, const auto&, HttpResponse& res) {
    auto zones = api.center.reader().Zones();
    if (!zones.ok()) return SetStatus(res, zones.status());
    SetJson(res, 200, wire::ZonesGeoJson(*zones));
    res.content_type = "application/geo+json";
  });
  api.Add("GET", "/v1/mission", Audience::kOfficers, [&api](const auto&, const auto&, HttpResponse& res) {
    SetJson(res, 200, wire::MissionJson(api.center.mission()));
  });
  api.Add("GET", "/healthz", Audience::kAnyone, [&api](const HttpRequest& req, const auto&, HttpResponse& res) {
    auto count = api.center.reader().CountReports();
    if (!count.ok()) return SetError(res, 503, "unavailable", count.status().message());
    // How much the center holds is for its officers.
    std::optional<int64_t> reports;
    if (api.center.mission().access.public_reads || api.Officer(req).ok()) reports = *count;
    SetJson(res, 200, wire::HealthJson(api.center.mission().id, reports));
  });
}

}  // namespace truce::server
