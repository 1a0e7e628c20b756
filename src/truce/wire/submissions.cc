#include "truce/wire/submissions.h"

#include "truce/intake/report_body.h"

namespace truce::wire {

using nlohmann::json;

json RowErrorsJson(const std::vector<intake::RowError>& errors) {
  json out = json::array();
  for (const auto& e : errors) {
    json j = {{"message", e.message}};
    if (e.line > 0) j["line"] = e.line;
    if (!e.field.empty()) j["field"] = e.field;
    out.push_back(j);
  }
  return out;
}

json SubmitAnswer(const IngestSummary& s) {
  json reports = json::array();
  for (size_t i = 0; i < s.ids.size(); ++i) {
    reports.push_back({{"id", s.ids[i]},
                       {"source_report_id", s.reports[i].source_report_id},
                       {"duplicate", bool(s.duplicate[i])},
                       {"zones", s.reports[i].zones},
                       {"clauses", s.reports[i].clauses}});
  }
  json entries = json::array();
  for (auto [line, index] : s.entries) entries.push_back({{"line", line}, {"index", index}});
  return {{"accepted", s.appended},
          {"duplicates", s.duplicates},
          {"rejected", RowErrorsJson(s.errors)},
          {"reports", reports},
          {"entries", entries},
          {"register", {{"size", s.tree_size}, {"checkpoint", s.checkpoint}}}};
}

nlohmann::json ReportCheckAnswer(std::string_view format, const std::vector<Report>& reports,
                                 const std::vector<size_t>& lines, const std::vector<intake::RowError>& errors) {
  nlohmann::json good = nlohmann::json::array();
  for (size_t i = 0; i < reports.size(); ++i) {
    good.push_back({{"line", i < lines.size() ? lines[i] : 0},
                    {"report", intake::ReportBody(reports[i])},
                    {"zones", reports[i].zones},
                    {"clauses", reports[i].clauses}});
  }
  return {{"format", format}, {"reports", std::move(good)}, {"errors", RowErrorsJson(errors)}};
}

}  // namespace truce::wire
