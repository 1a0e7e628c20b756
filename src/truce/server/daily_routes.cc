// The daily report over HTTP (docs/API.md, "GET /v1/daily/{date}"): the
// report `truce report daily` writes, for the dashboard's page and for
// anyone the pack lets read findings.
//
// A report fuses a month of reports and a PDF starts a browser, so one is
// made at a time (a second request meanwhile gets 503 with Retry-After),
// and the last few answers are kept: the same date, cut-off, size and
// format against the same register give the same bytes, so a kept answer
// is the answer.

#include <deque>
#include <mutex>
#include <regex>

#include "truce/register/base64.h"
#include "truce/report/print.h"
#include "truce/report/render.h"
#include "truce/report/sources.h"
#include "truce/report/svg.h"
#include "truce/server/api.h"

namespace truce::server {
namespace {

constexpr size_t kKeptAnswers = 8;

struct Answer {
  std::string key, type, body;
};

struct Reports {
  std::mutex making;  // one report at a time
  std::mutex kept_mu;
  std::deque<Answer> kept;  // newest first
};

std::string SvgDataUri(const std::string& svg) { return "data:image/svg+xml;base64," + reg::Base64(svg); }

// The report's own page: inline styles and drawings only, nothing fetched,
// framed only by the dashboard.
void SetReportHeaders(HttpResponse& res) {
  res.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'");
  res.headers.emplace_back("X-Frame-Options", "SAMEORIGIN");
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
}

}  // namespace

void AddDailyRoutes(Api& api) {
  auto reports = std::make_shared<Reports>();
  api.Add("GET", "/v1/daily/{}", Audience::kOfficers,
          [&api, reports](const auto&, const RouteMatch& m, HttpResponse& res) {
            const std::string date = m.segments[0].substr(0, 16);
            const std::string to = m.params->Get("to").value_or("");
            const std::string cutoff = m.params->Get("cutoff").value_or("");
            const std::string format = m.params->Get("format").value_or("html");
            if (format != "html" && format != "pdf" && format != "md" && format != "json") {
              return SetError(res, 400, "invalid_argument",
                              "format: '" + format.substr(0, 16) + "' is not html, pdf, md or json");
            }
            auto size = m.params->Number("size", 1, kMaxIndex);
            if (!size.ok()) return SetStatus(res, size.status());
            auto zone = report::MissionZone(api.center.mission());
            if (!zone.ok()) return SetStatus(res, zone.status());
            auto period = to.empty() ? report::ParsePeriod(*zone, date, "", "", cutoff, api.options.clock->NowMs())
                                     : report::ParsePeriod(*zone, "", date, to, cutoff, api.options.clock->NowMs());
            if (!period.ok()) return SetStatus(res, period.status());
            auto latest = api.center.reader().LatestCheckpoint();
            if (!latest.ok()) return SetStatus(res, latest.status());
            const std::string key = date + "|" + to + "|" + cutoff + "|" + format + "|" +
                                    (*size ? std::to_string(**size) : "") + "|" + std::to_string(latest->first);
            auto send = [&](const Answer& a) {
              SetText(res, a.body, a.type);
              SetReportHeaders(res);
              if (format == "pdf") {
                res.headers.emplace_back("Content-Disposition",
                                         "inline; filename=\"daily-" + FormatCivilDay(period->last) + ".pdf\"");
              }
            };
            {
              std::lock_guard lock(reports->kept_mu);
              for (const Answer& a : reports->kept) {
                if (a.key == key) return send(a);
              }
            }
            std::unique_lock making(reports->making, std::try_to_lock);
            if (!making.owns_lock()) {
              res.headers.emplace_back("Retry-After", "2");
              return SetError(res, 503, "unavailable", "another report is being made; try again in a moment");
            }
            auto inputs = report::Gather(api.center, *period, *size ? std::optional<uint64_t>(**size) : std::nullopt);
            if (!inputs.ok()) return SetStatus(res, inputs.status());
            const report::DailyReport composed = report::Compose(*inputs);
            Answer a{key, "", ""};
            if (format == "json") {
              a.type = "application/json";
              a.body = report::RenderJson(composed);
            } else if (format == "md") {
              a.type = "text/markdown; charset=utf-8";
              a.body = report::RenderMarkdown(composed, SvgDataUri(report::MapSvg(composed)),
                                              SvgDataUri(report::TrendSvg(composed)));
            } else if (format == "pdf") {
              auto pdf = report::PrintPdf(report::RenderHtml(composed), inputs->register_point.as_of_ms);
              if (!pdf.ok()) return SetStatus(res, pdf.status());
              a.type = "application/pdf";
              a.body = std::move(pdf).value();
            } else {
              a.type = "text/html; charset=utf-8";
              a.body = report::RenderHtml(composed);
            }
            send(a);
            std::lock_guard lock(reports->kept_mu);
            reports->kept.push_front(std::move(a));
            if (reports->kept.size() > kKeptAnswers) reports->kept.pop_back();
          });
}

}  // namespace truce::server
