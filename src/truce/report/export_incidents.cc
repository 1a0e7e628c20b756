// The incidents' rows and ACLED's (docs/EXPORTS.md, "ACLED's columns").
#include <algorithm>
#include <cmath>
#include <set>

#include "truce/geo/place_words.h"
#include "truce/report/export_rows.h"
#include "truce/report/sources.h"
#include "truce/report/words.h"

namespace truce::report {
namespace {

constexpr Column kIncidentColumns[] = {
    {"incident", ColumnType::kText, "#event+id"},
    {"start", ColumnType::kTime, "#date+start"},
    {"end", ColumnType::kTime, "#date+end"},
    {"latitude", ColumnType::kReal, "#geo+lat"},
    {"longitude", ColumnType::kReal, "#geo+lon"},
    {"uncertainty_m", ColumnType::kReal, "#geo+precision"},
    {"place", ColumnType::kText, "#loc+name"},
    {"category", ColumnType::kText, "#event+type"},
    {"weapon_class", ColumnType::kText, "#item+weapon"},
    {"reports", ColumnType::kInteger, "#meta+count"},
    {"report_ids", ColumnType::kList, "#meta+reports"},
    {"sources", ColumnType::kList, "#meta+source"},
    {"independent_sources", ColumnType::kInteger, ""},
    {"corroboration", ColumnType::kText, ""},
    {"contested", ColumnType::kBoolean, ""},
    {"blamed", ColumnType::kList, "#org+blamed"},
    {"violation", ColumnType::kBoolean, "#indicator+violation"},
    {"clauses", ColumnType::kList, "#indicator+clause"},
    {"alleged", ColumnType::kList, ""},
    {"responsible", ColumnType::kText, "#org+responsible"},
    {"probability", ColumnType::kReal, ""},
    {"confidence", ColumnType::kText, "#severity+confidence"},
    {"state", ColumnType::kText, "#status"},
    {"cosigned_by", ColumnType::kList, "#org+cosigned"},
    {"zones", ColumnType::kList, "#loc+zone"},
    {"best", ColumnType::kInteger, "#affected+killed"},
    {"low", ColumnType::kInteger, "#affected+killed+min"},
    {"high", ColumnType::kInteger, "#affected+killed+max"},
    {"injured", ColumnType::kInteger, "#affected+injured"},
};

// ACLED's columns, in ACLED's order and with its names.
constexpr Column kAcledColumns[] = {
    {"event_id_cnty", ColumnType::kText, "#event+code"},
    {"event_date", ColumnType::kText, "#date+occurred"},
    {"year", ColumnType::kInteger, "#date+year"},
    {"time_precision", ColumnType::kInteger, ""},
    {"disorder_type", ColumnType::kText, "#event+type+disorder"},
    {"event_type", ColumnType::kText, "#event+type"},
    {"sub_event_type", ColumnType::kText, "#event+type+sub"},
    {"actor1", ColumnType::kText, "#group+name+first"},
    {"assoc_actor_1", ColumnType::kText, "#group+name+first+assoc"},
    {"inter1", ColumnType::kInteger, "#group+type+first"},
    {"actor2", ColumnType::kText, "#group+name+second"},
    {"inter2", ColumnType::kInteger, "#group+type+second"},
    {"interaction", ColumnType::kInteger, "#group+interaction"},
    {"civilian_targeting", ColumnType::kText, ""},
    {"iso", ColumnType::kInteger, "#country+code"},
    {"region", ColumnType::kText, "#region+name"},
    {"country", ColumnType::kText, "#country+name"},
    {"admin1", ColumnType::kText, "#adm1+name"},
    {"admin2", ColumnType::kText, "#adm2+name"},
    {"admin3", ColumnType::kText, "#adm3+name"},
    {"location", ColumnType::kText, "#loc+name"},
    {"latitude", ColumnType::kReal, "#geo+lat"},
    {"longitude", ColumnType::kReal, "#geo+lon"},
    {"geo_precision", ColumnType::kInteger, "#geo+precision"},
    {"source", ColumnType::kText, "#meta+source"},
    {"source_scale", ColumnType::kText, ""},
    {"notes", ColumnType::kText, "#description"},
    {"fatalities", ColumnType::kInteger, "#affected+killed"},
    {"tags", ColumnType::kText, "#meta+tags"},
    {"timestamp", ColumnType::kInteger, "#date+updated"},
};

// A place farther than this from the incident is not where it happened:
// ACLED's location and admin columns stay empty rather than wrong.
constexpr double kNearestPlaceM = 25000;

std::vector<std::string> Ids(const std::vector<int64_t>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (int64_t id : ids) out.push_back(std::to_string(id));
  return out;
}

std::vector<std::string> ClauseIds(const std::vector<adjudicate::BrokenClause>& clauses) {
  std::vector<std::string> out;
  for (const auto& c : clauses) out.push_back(c.id);
  return out;
}

Row IncidentRow(const Mission& mission, const IncidentFacts& f) {
  const fusion::Incident& inc = f.finding.incident;
  const adjudicate::Determination& d = f.finding.determination;
  Row row;
  row.lat = inc.lat;
  row.lon = inc.lon;
  auto& c = row.cells;
  c.emplace_back(inc.id);
  c.emplace_back(inc.time.start);
  c.emplace_back(inc.time.end);
  c.emplace_back(std::round(inc.lat * 1e5) / 1e5);
  c.emplace_back(std::round(inc.lon * 1e5) / 1e5);
  c.emplace_back(std::round(inc.uncertainty_m));
  c.emplace_back(geo::DescribePlace(mission.gazetteer, {inc.lat, inc.lon}).words);
  c.emplace_back(std::string(CategoryName(inc.category)));
  c.push_back(HeldTextOrNone(inc.weapon_class));
  c.emplace_back(int64_t(inc.reports.size()));
  c.emplace_back(Ids(inc.reports));
  c.emplace_back(f.sources);
  c.emplace_back(int64_t(inc.sources));
  c.emplace_back(std::string(fusion::CorroborationName(inc.corroboration)));
  c.emplace_back(inc.contested);
  c.emplace_back(inc.blamed);
  c.emplace_back(!d.clauses.empty());
  c.emplace_back(ClauseIds(d.clauses));
  c.emplace_back(ClauseIds(d.alleged));
  c.push_back(HeldTextOrNone(d.responsible));
  c.emplace_back(std::round(d.attribution.probability * 1000) / 1000);
  c.push_back(HeldTextOrNone(d.confidence));
  c.emplace_back(f.state);
  c.emplace_back(f.cosigned_by);
  c.emplace_back(f.finding.zones);
  c.emplace_back(int64_t(f.killed_best));
  c.emplace_back(int64_t(f.killed_low));
  c.emplace_back(int64_t(f.killed_high));
  c.emplace_back(int64_t(f.injured));
  return row;
}

// ---- ACLED ----

struct AcledType {
  std::string_view disorder, event, sub_event;
};

AcledType AcledTypeOf(Category c) {
  constexpr std::string_view kViolence = "Political violence", kStrategic = "Strategic developments";
  constexpr std::string_view kRemote = "Explosions/Remote violence";
  switch (c) {
    case Category::kShelling:
      return {kViolence, kRemote, "Shelling/artillery/missile attack"};
    case Category::kAirstrike:
    case Category::kDroneStrike:
      return {kViolence, kRemote, "Air/drone strike"};
    case Category::kIed:
      return {kViolence, kRemote, "Remote explosive/landmine/IED"};
    case Category::kSmallArmsFire:
    case Category::kGroundAssault:
      return {kViolence, "Battles", "Armed clash"};
    case Category::kCivilianHarm:
      return {kViolence, "Violence against civilians", "Attack"};
    case Category::kMovement:
      return {kStrategic, kStrategic, "Change to group/activity"};
    case Category::kHeavyWeaponPresent:
    case Category::kPatrolObstructed:
    case Category::kFlight:
    case Category::kOther:
      break;
  }
  return {kStrategic, kStrategic, "Other"};
}

std::vector<std::string> SplitAdmin(const std::string& admin) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= admin.size() && out.size() < 3) {
    size_t comma = admin.find(',', at);
    if (comma == std::string::npos) comma = admin.size();
    std::string part = admin.substr(at, comma - at);
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    if (!part.empty()) out.push_back(part);
    at = comma + 1;
  }
  out.resize(3);
  return out;
}

// ACLED's source scale of the kinds of source an incident rests on:
// parties' statements are national sources, the center's monitors and
// sensors "Other" (as ACLED scores a monitoring mission's reports), the
// news national; distinct ones joined with '-', as ACLED does.
std::string SourceScale(const Mission& mission, const IncidentFacts& f) {
  std::set<std::string> scales;
  for (const std::string& s : f.sources) {
    scales.insert(s.rfind("party ", 0) == 0 || s.rfind("news ", 0) == 0 ? "National" : "Other");
  }
  std::string out;
  for (const std::string& s : scales) out += (out.empty() ? "" : "-") + s;
  return out;
}

Row AcledRow(const Mission& mission, const LocalZone& zone, const IncidentFacts& f, int64_t timestamp_s) {
  const fusion::Incident& inc = f.finding.incident;
  const adjudicate::Determination& d = f.finding.determination;
  const ExportSettings& ex = mission.exports;
  const std::string country = ex.country.empty() ? mission.name : ex.country;
  const AcledType type = AcledTypeOf(inc.category);
  const geo::PlaceWords place = geo::DescribePlace(mission.gazetteer, {inc.lat, inc.lon});
  const bool near = place.place && place.distance_m <= kNearestPlaceM;

  // Actors: the party held responsible, or an unidentified armed group; the
  // civilians when there were casualties or civilians were harmed; in a
  // battle, the other side its sources blamed.
  std::string actor1 = "Unidentified Armed Group (" + country + ")";
  int inter1 = 3;
  if (const Party* p = d.responsible.empty() ? nullptr : mission.FindParty(d.responsible)) {
    actor1 = p->acled_actor.empty() ? p->name : p->acled_actor;
    inter1 = p->acled_inter > 0 ? p->acled_inter : 8;
  }
  std::string actor2;
  int inter2 = 0;
  const bool civilians = inc.category == Category::kCivilianHarm || f.killed_best > 0 || f.injured > 0;
  if (civilians) {
    actor2 = "Civilians (" + country + ")";
    inter2 = 7;
  } else if (type.event == "Battles") {
    for (const std::string& blamed : inc.blamed) {
      const Party* p = mission.FindParty(blamed);
      if (!p || blamed == d.responsible) continue;
      actor2 = p->acled_actor.empty() ? p->name : p->acled_actor;
      inter2 = p->acled_inter > 0 ? p->acled_inter : 8;
      break;
    }
  }
  const int interaction = inter2 == 0 ? inter1 * 10 : std::min(inter1, inter2) * 10 + std::max(inter1, inter2);

  const CivilDay day = zone.DayOf(inc.time.start.utc_ms);
  const int64_t span_ms = inc.time.end.utc_ms - inc.time.start.utc_ms;
  const int time_precision = span_ms <= 24 * 3600 * 1000LL ? 1 : span_ms <= 7 * 24 * 3600 * 1000LL ? 2 : 3;
  const int geo_precision = inc.uncertainty_m <= 2000 ? 1 : inc.uncertainty_m <= 15000 ? 2 : 3;

  std::string notes = "On " + LongDay(day) + ", " + CategoryPhrase(inc.category) + " " + place.words + " (" +
                      std::string(CorroborationPhrase(inc.corroboration)) + ").";
  if (!d.responsible.empty()) {
    const Party* p = mission.FindParty(d.responsible);
    notes += " Held responsible: " + (p ? p->name : d.responsible) + " (" + d.confidence + " confidence).";
  }
  if (f.killed_best > 0 || f.injured > 0) notes += " " + CasualtyPhrase(f.killed_best, f.injured) + ".";
  notes += " " + ReviewPhrase(f.state, f.cosigned_by) + ".";

  std::string tags = "truce incident " + inc.id + "; review " + f.state;
  if (inc.contested) tags += "; contested";
  if (d.clauses.empty() && !d.alleged.empty()) tags += "; alleged only";

  std::string sources;
  for (const std::string& s : f.sources) sources += (sources.empty() ? "" : "; ") + s;
  const std::vector<std::string> admin = near ? SplitAdmin(place.place->admin) : std::vector<std::string>(3);

  std::string id_digits = inc.id.substr(
      inc.id.find_first_of("0123456789") == std::string::npos ? inc.id.size() : inc.id.find_first_of("0123456789"));
  Row row;
  row.lat = inc.lat;
  row.lon = inc.lon;
  auto& c = row.cells;
  c.emplace_back(ex.event_id_prefix + id_digits);
  c.emplace_back(FormatCivilDay(day));
  c.emplace_back(int64_t(std::stoi(FormatCivilDay(day).substr(0, 4))));
  c.emplace_back(int64_t(time_precision));
  c.emplace_back(std::string(type.disorder));
  c.emplace_back(std::string(type.event));
  c.emplace_back(std::string(type.sub_event));
  c.emplace_back(actor1);
  c.emplace_back();
  c.emplace_back(int64_t(inter1));
  c.push_back(HeldTextOrNone(actor2));
  c.push_back(inter2 ? Cell(int64_t(inter2)) : Cell());
  c.emplace_back(int64_t(interaction));
  c.push_back(inc.category == Category::kCivilianHarm ? Cell(std::string("Civilian targeting")) : Cell());
  c.push_back(ex.iso ? Cell(int64_t(ex.iso)) : Cell());
  c.push_back(HeldTextOrNone(ex.region));
  c.emplace_back(country);
  for (const std::string& a : admin) c.push_back(HeldTextOrNone(a));
  c.push_back(near ? Cell(place.place->name) : Cell());
  c.emplace_back(std::round(inc.lat * 1e4) / 1e4);
  c.emplace_back(std::round(inc.lon * 1e4) / 1e4);
  c.emplace_back(int64_t(geo_precision));
  c.emplace_back(sources);
  c.push_back(HeldTextOrNone(SourceScale(mission, f)));
  c.emplace_back(notes);
  c.emplace_back(int64_t(f.killed_best));
  c.emplace_back(tags);
  c.emplace_back(timestamp_s);
  return row;
}

bool Wanted(const ExportRequest& req, const IncidentFacts& f) {
  const fusion::Incident& inc = f.finding.incident;
  if (!req.category.empty() && CategoryName(inc.category) != req.category) return false;
  if (!req.responsible.empty() && f.finding.determination.responsible != req.responsible) return false;
  if (!req.state.empty() && f.state != req.state) return false;
  if (!req.zone.empty() &&
      std::find(f.finding.zones.begin(), f.finding.zones.end(), req.zone) == f.finding.zones.end()) {
    return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<ExportRows>> OpenIncidents(Center& center, const ExportRequest& req, const RegisterPoint& point,
                                                  const std::function<void(size_t)>& progress) {
  // Without a period, all of time the store can hold.
  constexpr int64_t kAllOfTime = int64_t(1) << 52;
  TRUCE_ASSIGN_OR_RETURN(LocalZone zone, MissionZone(center.mission()));
  TRUCE_ASSIGN_OR_RETURN(std::vector<IncidentFacts> incidents,
                         IncidentsAt(center, point.size, req.from_ms.value_or(-kAllOfTime),
                                     req.to_ms.value_or(kAllOfTime), nullptr, [&](size_t done, size_t) {
                                       if (progress) progress(done);
                                     }));
  const Mission& mission = center.mission();
  std::vector<Row> rows;
  for (const IncidentFacts& f : incidents) {
    if (!Wanted(req, f)) continue;
    rows.push_back(req.format == ExportFormat::kAcled ? AcledRow(mission, zone, f, point.as_of_ms / 1000)
                                                      : IncidentRow(mission, f));
  }
  if (req.format == ExportFormat::kAcled) {
    return std::unique_ptr<ExportRows>(std::make_unique<MadeRows>("acled", kAcledColumns, std::move(rows)));
  }
  return std::unique_ptr<ExportRows>(std::make_unique<MadeRows>("incidents", kIncidentColumns, std::move(rows)));
}

}  // namespace truce::report
