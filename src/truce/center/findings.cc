#include "truce/center/findings.h"

#include "truce/center/filter_params.h"

namespace truce {

Result<std::vector<Finding>> FindAll(Center& center, const std::function<void(size_t, size_t)>& progress) {
  TRUCE_ASSIGN_OR_RETURN(const Tagger* tagger, center.tagger());
  TRUCE_ASSIGN_OR_RETURN(int64_t total, center.store().CountReports());
  std::vector<StoredReport> reports;
  reports.reserve(size_t(total));
  ReportFilter filter;
  filter.limit = kMaxQueryLimit;
  while (true) {
    TRUCE_ASSIGN_OR_RETURN(auto page, center.store().Query(filter));
    if (page.empty()) break;
    filter.after_id = page.back().id;
    bool more = page.size() == filter.limit;
    reports.insert(reports.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
    if (progress) progress(reports.size(), size_t(total));
    if (!more) break;
  }
  std::vector<size_t> order(reports.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    int64_t sa = reports[a].report.observed.start.utc_ms, sb = reports[b].report.observed.start.utc_ms;
    return sa != sb ? sa < sb : reports[a].id < reports[b].id;
  });
  fusion::Fuser fuser;
  for (size_t i : order) fuser.Add(reports[i]);
  std::unordered_map<int64_t, const StoredReport*> by_id;
  for (const StoredReport& r : reports) by_id[r.id] = &r;
  adjudicate::Attributor attributor(center.mission(), *tagger);
  std::vector<Finding> out;
  for (const std::vector<size_t>& idx : fuser.Groups()) {
    Finding f;
    f.incident = fuser.Summarise(idx);
    std::vector<fusion::Member> members;
    for (size_t j : idx) members.push_back(fuser.member(j));
    f.determination = adjudicate::Propose(center.mission(), *tagger, attributor, f.incident, members);
    for (int64_t id : f.incident.reports) f.source_ids.push_back(by_id[id]->report.source_report_id);
    out.push_back(std::move(f));
  }
  std::sort(out.begin(), out.end(),
            [](const Finding& a, const Finding& b) { return a.incident.reports[0] < b.incident.reports[0]; });
  return out;
}

nlohmann::json FindingJson(const Finding& f) {
  const fusion::Incident& inc = f.incident;
  const adjudicate::Determination& d = f.determination;
  nlohmann::json clauses = nlohmann::json::array();
  for (const auto& c : d.clauses) clauses.push_back(c.id);
  nlohmann::json alleged = nlohmann::json::array();
  for (const auto& c : d.alleged) alleged.push_back(c.id);
  nlohmann::json parties = nlohmann::json::object();
  for (const auto& [p, w] : d.attribution.parties) parties[p.empty() ? "none" : p] = std::round(w * 1000) / 1000;
  nlohmann::json attribution = {{"method", d.attribution.method}, {"parties", parties}};
  if (d.attribution.sector) {
    const auto& s = *d.attribution.sector;
    attribution["sector"] = {{"from", {{"lat", std::round(s.impact_lat * 1e5) / 1e5}, {"lon", std::round(s.impact_lon * 1e5) / 1e5}}},
                             {"azimuth_deg", std::round(s.azimuth_deg * 10) / 10},
                             {"error_deg", std::round(s.error_deg * 10) / 10},
                             {"range_km", {s.min_km, s.max_km}}};
  }
  return {{"incident", inc.id},
          {"reports", f.source_ids},
          {"report_ids", inc.reports},
          {"category", CategoryName(inc.category)},
          {"time", {{"start", FormatRfc3339(inc.time.start)}, {"end", FormatRfc3339(inc.time.end)}}},
          {"location", {{"lat", std::round(inc.lat * 1e5) / 1e5}, {"lon", std::round(inc.lon * 1e5) / 1e5},
                        {"uncertainty_m", inc.uncertainty_m}}},
          {"weapon_class", inc.weapon_class.empty() ? nlohmann::json() : nlohmann::json(inc.weapon_class)},
          {"corroboration", fusion::CorroborationName(inc.corroboration)},
          {"sources", inc.sources},
          {"contested", inc.contested},
          {"blamed", inc.blamed},
          {"responsible", d.responsible.empty() ? nlohmann::json() : nlohmann::json(d.responsible)},
          {"probability", std::round(d.attribution.probability * 1000) / 1000},
          {"clauses", clauses},
          {"alleged", alleged},
          {"confidence", d.confidence},
          {"attribution", attribution},
          {"reasons", d.reasons}};
}

}  // namespace truce
