#include <cmath>

#include <nlohmann/json.hpp>

#include "truce/report/render.h"
#include "truce/report/words.h"

namespace truce::report {
namespace {

using Json = nlohmann::ordered_json;

double Tenths(double v) { return std::round(v * 10) / 10; }

Json CountJson(const Count& c) { return {{"now", c.now}, {"previous", c.previous}, {"average", Tenths(c.average)}}; }

Json RowsJson(const std::vector<CountRow>& rows) {
  Json out = Json::array();
  for (const CountRow& r : rows) {
    out.push_back({{"key", r.key.empty() ? Json() : Json(r.key)},
                   {"label", r.label},
                   {"violations", CountJson(r.violations)},
                   {"explosions", CountJson(r.explosions)}});
  }
  return out;
}

Json ItemsJson(const DailyReport& r, const std::vector<IncidentItem>& items) {
  const LocalZone& zone = r.inputs->zone;
  Json out = Json::array();
  for (const IncidentItem& item : items) {
    const IncidentFacts& f = *item.facts;
    const fusion::Incident& inc = f.finding.incident;
    const adjudicate::Determination& d = f.finding.determination;
    Json clauses = Json::array(), alleged = Json::array();
    for (const auto& c : d.clauses) clauses.push_back(c.id);
    for (const auto& c : d.alleged) alleged.push_back(c.id);
    auto local = [&](const Instant& t) { return FormatRfc3339({t.utc_ms, zone.OffsetMin(t.utc_ms)}); };
    out.push_back({{"incident", inc.id},
                   {"category", CategoryName(inc.category)},
                   {"start", local(inc.time.start)},
                   {"end", local(inc.time.end)},
                   {"where", item.where},
                   {"lat", std::round(inc.lat * 1e5) / 1e5},
                   {"lon", std::round(inc.lon * 1e5) / 1e5},
                   {"uncertainty_m", std::round(inc.uncertainty_m)},
                   {"reports", inc.reports.size()},
                   {"sources", f.sources},
                   {"corroboration", fusion::CorroborationName(inc.corroboration)},
                   {"responsible", d.responsible.empty() ? Json() : Json(d.responsible)},
                   {"confidence", d.confidence},
                   {"probability", std::round(d.attribution.probability * 1000) / 1000},
                   {"clauses", clauses},
                   {"alleged", alleged},
                   {"state", f.state},
                   {"killed", f.killed},
                   {"injured", f.injured},
                   {"text", item.paragraph}});
  }
  return out;
}

}  // namespace

std::string RenderJson(const DailyReport& r) {
  const DailyInputs& in = *r.inputs;
  const LocalZone& zone = in.zone;
  auto local = [&](int64_t ms) { return FormatRfc3339({ms, zone.OffsetMin(ms)}); };
  Json by_state = Json::object();
  for (const auto& [state, n] : r.by_state) by_state[state] = n;
  Json patrols = Json::array();
  for (const PatrolItem& p : r.patrols) {
    const PatrolRecord& rec = *p.patrol;
    patrols.push_back(
        {{"patrol", rec.id},
         {"state", rec.state},
         {"outcome", rec.outcome ? Json(rec.outcome->outcome) : Json()},
         {"reached_km", rec.outcome ? Tenths(rec.outcome->reached_km) : Tenths(rec.progress.furthest_m / 1000)},
         {"route_km", Tenths(rec.route_km)},
         {"alerts", rec.alerts.size()},
         {"text", p.summary}});
  }
  Json coverage;
  if (in.coverage) {
    const auto& c = in.coverage->coverage;
    Json never = Json::array();
    for (const auto& s : c.never_reached) never.push_back({Tenths(s.from_m / 1000), Tenths(s.to_m / 1000)});
    coverage = {{"road", in.coverage->road_zone},
                {"planned_km", Tenths(c.planned_m / 1000)},
                {"driven_km", Tenths(c.driven_m / 1000)},
                {"share", std::round(c.share * 1000) / 1000},
                {"never_reached_km", never}};
  }
  Json trend = Json::array();
  for (const TrendDay& d : r.trend) {
    trend.push_back({{"date", FormatCivilDay(d.day)},
                     {"explosions", d.explosions},
                     {"other_fire", d.other_fire},
                     {"other", d.other}});
  }
  Json out = {
      {"mission", {{"id", in.mission->id}, {"name", in.mission->name}, {"timezone", zone.name()}}},
      {"title", r.title},
      {"period",
       {{"first", FormatCivilDay(in.period.first)},
        {"last", FormatCivilDay(in.period.last)},
        {"from", local(in.period.from_ms)},
        {"to", local(in.period.to_ms)},
        {"cutoff", in.period.cutoff_min ? Json(zone.ClockTime(in.period.to_ms)) : Json()}}},
      {"cutoff", r.cutoff},
      {"covers", r.covers},
      {"summary", r.summary},
      {"violations",
       {{"total", CountJson(r.violations)},
        {"explosions", CountJson(r.explosions)},
        {"other_fire", CountJson(r.other_fire)},
        {"alleged_only", CountJson(r.alleged)},
        {"by_state", by_state},
        {"by_zone", RowsJson(r.by_zone)},
        {"by_party", RowsJson(r.by_party)},
        {"by_category", RowsJson(r.by_category)}}},
      {"withdrawal", ItemsJson(r, r.withdrawal)},
      {"corridor", ItemsJson(r, r.corridor)},
      {"notable", ItemsJson(r, r.notable)},
      {"civilian", {{"killed", r.killed}, {"injured", r.injured}, {"incidents", ItemsJson(r, r.civilian)}}},
      {"movement", ItemsJson(r, r.movement)},
      {"patrols", {{"summary", r.patrol_summary}, {"patrols", patrols}, {"coverage", coverage}}},
      {"trend", trend},
      {"register",
       {{"size", in.register_point.size},
        {"root", in.register_point.root},
        {"as_of", local(in.register_point.as_of_ms)},
        {"checkpoint", in.register_point.checkpoint}}},
  };
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace truce::report
