#include "truce/findings/findings.h"

#include "truce/center/filter_params.h"

#include <algorithm>
#include <thread>

namespace truce {

std::vector<Finding> FindingsOf(const fusion::Fuser& fuser, const std::vector<std::vector<size_t>>& groups,
                                const std::vector<std::string>& source_ids, const Mission& mission,
                                const Tagger& tagger, const adjudicate::Attributor& attributor) {
  std::vector<Finding> out(groups.size());
  auto work = [&](size_t first, size_t step) {
    for (size_t k = first; k < groups.size(); k += step) {
      Finding& f = out[k];
      f.incident = fuser.Summarise(groups[k]);
      std::vector<fusion::Member> members;
      for (size_t j : groups[k]) {
        members.push_back(fuser.member(j));
        f.source_ids.push_back(source_ids[j]);
      }
      f.determination = adjudicate::Propose(mission, tagger, attributor, f.incident, members);
      thread_local std::vector<int> zones;
      tagger.ZonesAt({f.incident.lat, f.incident.lon}, f.incident.time.start.utc_ms, f.incident.time.end.utc_ms,
                     &zones);
      for (int z : zones) f.zones.push_back(mission.zones[size_t(z)].id);
    }
  };
  // Threads pay off only for many incidents (a server's first pass, or
  // `truce incidents`), not for the few one new report touches.
  const size_t threads = groups.size() < 256 ? 1 : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work, t, threads);
  work(0, threads);
  for (auto& t : pool) t.join();
  return out;
}

Result<std::vector<Finding>> FindAll(Center& center, const std::function<void(size_t, size_t)>& progress) {
  TRUCE_ASSIGN_OR_RETURN(const Tagger* tagger, center.tagger());
  TRUCE_ASSIGN_OR_RETURN(int64_t total, center.reader().CountReports());
  // Reports go into the fusion page by page and are not kept: fusion does
  // not depend on their order, and a million stored reports are gigabytes.
  fusion::Fuser fuser;
  std::vector<std::string> source_ids;  // by fusion member
  source_ids.reserve(size_t(total));
  ReportFilter filter;
  filter.limit = kMaxQueryLimit;
  while (true) {
    TRUCE_ASSIGN_OR_RETURN(auto page, center.reader().Query(filter));
    if (page.empty()) break;
    filter.after_id = page.back().id;
    for (const StoredReport& r : page) {
      fuser.Add(r);
      source_ids.push_back(r.report.source_report_id);
    }
    if (progress) progress(source_ids.size(), size_t(total));
    if (page.size() < filter.limit) break;
  }
  adjudicate::Attributor attributor(center.mission(), *tagger);
  std::vector<Finding> out = FindingsOf(fuser, fuser.Groups(), source_ids, center.mission(), *tagger, attributor);
  std::sort(out.begin(), out.end(),
            [](const Finding& a, const Finding& b) { return a.incident.reports[0] < b.incident.reports[0]; });
  return out;
}

nlohmann::json FindingBody(const Finding& f) {
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
    attribution["sector"] = {
        {"from", {{"lat", std::round(s.impact_lat * 1e5) / 1e5}, {"lon", std::round(s.impact_lon * 1e5) / 1e5}}},
        {"azimuth_deg", std::round(s.azimuth_deg * 10) / 10},
        {"error_deg", std::round(s.error_deg * 10) / 10},
        {"range_km", {s.min_km, s.max_km}}};
  }
  return {{"incident", inc.id},
          {"reports", f.source_ids},
          {"report_ids", inc.reports},
          {"category", CategoryName(inc.category)},
          {"time", {{"start", FormatRfc3339(inc.time.start)}, {"end", FormatRfc3339(inc.time.end)}}},
          {"location",
           {{"lat", std::round(inc.lat * 1e5) / 1e5},
            {"lon", std::round(inc.lon * 1e5) / 1e5},
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
