// Reports as stored, the mission and its zones, and the health check
// (docs/API.md, "Reports").
#include <nlohmann/json.hpp>

#include "truce/center/filter_params.h"
#include "truce/report/json_out.h"
#include "truce/server/api.h"

namespace truce::server {
namespace {

using nlohmann::json;

void GetReports(const Api& api, const RouteMatch& m, HttpResponse& res) {
  auto filter = ParseReportFilter([&](const std::string& name) { return m.params->Get(name); }, api.center.mission());
  if (!filter.ok()) return SetError(res, 400, "invalid_argument", filter.status().message());
  std::string format = m.params->Get("format").value_or("json");
  if (format != "json" && format != "geojson") {
    return SetError(res, 400, "invalid_argument", "format must be json or geojson");
  }
  auto reports = api.center.reader().Query(*filter);
  if (!reports.ok()) return SetStatus(res, reports.status());
  json next = nullptr;
  if (reports->size() == filter->limit) next = reports->back().id;
  if (format == "geojson") {
    json body = report::ReportCollection(*reports);
    body["next_after"] = next;
    SetJson(res, 200, body);
    res.content_type = "application/geo+json";
    return;
  }
  json list = json::array();
  for (const auto& r : *reports) list.push_back(report::ReportJson(r));
  SetJson(res, 200, {{"reports", list}, {"count", reports->size()}, {"next_after", next}});
}

void GetReport(const Api& api, const RouteMatch& m, HttpResponse& res) {
  auto id = ParseNumber(m.segments[0], "the report id", 1, uint64_t(INT64_MAX));
  if (!id.ok()) return SetStatus(res, id.status());
  auto report = api.center.reader().Report(int64_t(*id));
  if (!report.ok()) return SetStatus(res, report.status());
  if (!*report) return SetError(res, 404, "not_found", "no report has id " + std::to_string(*id));
  SetJson(res, 200, report::ReportJson(**report));
}

}  // namespace

void AddReportRoutes(Api& api) {
  api.Add("GET", "/v1/reports", Audience::kOfficers,
          [&api](const auto&, const RouteMatch& m, HttpResponse& res) { GetReports(api, m, res); });
  api.Add("GET", "/v1/reports/{}", Audience::kOfficers,
          [&api](const auto&, const RouteMatch& m, HttpResponse& res) { GetReport(api, m, res); });
  api.Add("GET", "/v1/zones", Audience::kOfficers, [&api](const auto&, const auto&, HttpResponse& res) {
    auto zones = api.center.reader().Zones();
    if (!zones.ok()) return SetStatus(res, zones.status());
    SetJson(res, 200, report::ZonesGeoJson(*zones));
    res.content_type = "application/geo+json";
  });
  api.Add("GET", "/v1/mission", Audience::kOfficers, [&api](const auto&, const auto&, HttpResponse& res) {
    SetJson(res, 200, report::MissionJson(api.center.mission()));
  });
  api.Add("GET", "/healthz", Audience::kAnyone, [&api](const HttpRequest& req, const auto&, HttpResponse& res) {
    auto count = api.center.reader().CountReports();
    if (!count.ok()) return SetError(res, 503, "unavailable", count.status().message());
    json body = {{"status", "ok"}, {"mission", api.center.mission().id}};
    // How much the center holds is for its officers.
    if (api.center.mission().access.public_reads || api.SignedBy(req).ok()) body["reports"] = *count;
    SetJson(res, 200, body);
  });
}

}  // namespace truce::server
