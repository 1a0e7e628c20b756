// The export request, the reports' and determinations' rows, and the
// cursor. Incidents' and ACLED's rows are in export_incidents.cc; the
// writers in table_writers.cc and geopackage.cc.
#include "truce/report/export.h"

#include <algorithm>
#include <charconv>

#include "truce/register/review_entries.h"
#include "truce/report/export_rows.h"
#include "truce/report/sources.h"
#include "truce/review/review.h"

namespace truce::report {

namespace {

constexpr std::string_view kTables[] = {"reports", "incidents", "determinations"};
constexpr std::string_view kFormats[] = {"csv", "geojson", "gpkg", "acled"};
constexpr std::string_view kParams[] = {"format", "date",   "from",        "to",          "size",
                                        "hxl",    "bbox",   "zone",        "clause",      "category",
                                        "party",  "blames", "source_kind", "responsible", "state"};
// Which filters each table takes; the others are refused, not ignored.
constexpr std::string_view kReportFilters[] = {"bbox", "zone", "clause", "category", "party", "blames", "source_kind"};
constexpr std::string_view kFindingFilters[] = {"zone", "category", "responsible", "state"};
constexpr std::string_view kIncidentStates[] = {"awaiting", "proposed",     "final",
                                                "disputed", "unverifiable", "superseded"};

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view s) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

template <size_t N>
std::string Words(const std::string_view (&list)[N]) {
  std::string out;
  for (size_t i = 0; i < N; ++i) {
    if (i > 0) out += i + 1 == N ? " or " : ", ";
    out += list[i];
  }
  return out;
}

// At most this much of a value the user gave is quoted back.
std::string Quote(std::string_view v) { return "'" + std::string(v.substr(0, 40)) + (v.size() > 40 ? "…'" : "'"); }

// A local day ("2020-03-15") or an RFC 3339 time; a day given as `to`
// reaches to the end of that day.
Result<int64_t> ParseBound(std::string_view name, const std::string& v, const LocalZone& zone, bool end) {
  if (v.size() == 10) {
    auto day = ParseCivilDay(v, name);
    if (!day.ok()) return day.status();
    return zone.StartOf(*day + (end ? 1 : 0));
  }
  auto t = ParseRfc3339(v);
  if (!t.ok()) {
    return Status::Invalid(std::string(name) + ": " + Quote(v) +
                           " is neither a day (YYYY-MM-DD) nor an RFC 3339 time (" + t.status().message() + ")");
  }
  return t->utc_ms + (end ? 1 : 0);
}

}  // namespace

std::optional<ExportTable> ParseExportTable(std::string_view s) {
  for (size_t i = 0; i < std::size(kTables); ++i) {
    if (s == kTables[i]) return ExportTable(i);
  }
  return std::nullopt;
}

std::optional<ExportFormat> ParseExportFormat(std::string_view s) {
  for (size_t i = 0; i < std::size(kFormats); ++i) {
    if (s == kFormats[i]) return ExportFormat(i);
  }
  return std::nullopt;
}

std::string_view ExportTableName(ExportTable t) { return kTables[int(t)]; }
std::string_view ExportFormatName(ExportFormat f) { return kFormats[int(f)]; }

std::string_view ExportExtension(ExportFormat f) {
  switch (f) {
    case ExportFormat::kGeoJson:
      return "geojson";
    case ExportFormat::kGpkg:
      return "gpkg";
    default:
      return "csv";
  }
}

std::string_view ExportMediaType(ExportFormat f) {
  switch (f) {
    case ExportFormat::kGeoJson:
      return "application/geo+json";
    case ExportFormat::kGpkg:
      return "application/geopackage+sqlite3";
    default:
      return "text/csv; charset=utf-8; header=present";
  }
}

std::span<const std::string_view> ExportParamNames() { return kParams; }

Result<ExportRequest> ParseExportRequest(std::string_view table, const ParamLookup& param, const Mission& mission,
                                         const LocalZone& zone) {
  ExportRequest r;
  auto t = ParseExportTable(table);
  if (!t) return Status::Invalid("table: " + Quote(table) + " is not " + Words(kTables));
  r.table = *t;
  if (auto v = param("format")) {
    auto f = ParseExportFormat(*v);
    if (!f) return Status::Invalid("format: " + Quote(*v) + " is not " + Words(kFormats));
    r.format = *f;
  }
  if (r.format == ExportFormat::kAcled && r.table != ExportTable::kIncidents) {
    return Status::Invalid(
        "format: acled rows are events, so only incidents have them: `truce export incidents "
        "--format acled` (GET /v1/export/incidents?format=acled)");
  }
  if (auto v = param("hxl")) {
    if (*v != "true" && *v != "false" && *v != "1" && *v != "0") {
      return Status::Invalid("hxl: " + Quote(*v) + " is not true or false");
    }
    r.hxl = *v == "true" || *v == "1";
    if (r.hxl && (r.format == ExportFormat::kGeoJson || r.format == ExportFormat::kGpkg)) {
      return Status::Invalid("hxl: the HXL hashtag row is for CSV (csv, acled), not " +
                             std::string(ExportFormatName(r.format)));
    }
  }
  if (auto v = param("size")) {
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n == 0 || v->size() > 19) {
      return Status::Invalid("size: " + Quote(*v) + " is not a register size (a whole number from 1)");
    }
    r.register_size = n;
  }

  const auto date = param("date");
  const auto from = param("from");
  const auto to = param("to");
  if (date && (from || to)) return Status::Invalid("date: give either date or from/to, not both");
  if (date) {
    auto day = ParseCivilDay(*date, "date");
    if (!day.ok()) return day.status();
    r.from_ms = zone.StartOf(*day);
    r.to_ms = zone.StartOf(*day + 1);
  }
  if (from) {
    TRUCE_ASSIGN_OR_RETURN(r.from_ms, ParseBound("from", *from, zone, false));
  }
  if (to) {
    TRUCE_ASSIGN_OR_RETURN(r.to_ms, ParseBound("to", *to, zone, true));
  }
  if (r.from_ms && r.to_ms && *r.from_ms >= *r.to_ms) return Status::Invalid("to: it is before from");

  const bool reports = r.table == ExportTable::kReports;
  for (std::string_view name : kParams) {
    if (In(kReportFilters, name) && In(kFindingFilters, name)) continue;  // zone, category: both
    const bool wrong = reports ? In(kFindingFilters, name) : In(kReportFilters, name);
    if (wrong && param(std::string(name))) {
      return Status::Invalid(std::string(name) + ": not a filter of " + std::string(table) + " (they are " +
                             (reports ? Words(kReportFilters) : Words(kFindingFilters)) + ")");
    }
  }
  if (reports) {
    // The report filters of `truce query`, read by its own parser; the
    // period is ours (days as well as times).
    TRUCE_ASSIGN_OR_RETURN(r.reports, ParseReportFilter(
                                          [&](const std::string& name) -> std::optional<std::string> {
                                            if (name == "from" || name == "to" || name == "limit" || name == "after")
                                              return std::nullopt;
                                            return param(name);
                                          },
                                          mission));
    r.reports.from_ms = r.from_ms;
    if (r.to_ms) r.reports.to_ms = *r.to_ms - 1;  // the filter's `to` is inclusive
    return r;
  }
  if (auto v = param("zone")) {
    if (!mission.FindZone(*v)) return Status::Invalid("zone: " + Quote(*v) + " is not a zone of mission " + mission.id);
    r.zone = *v;
  }
  if (auto v = param("category")) {
    if (!ParseCategory(*v)) return Status::Invalid("category: " + Quote(*v) + " is not one of " + CategoryList());
    r.category = *v;
  }
  if (auto v = param("responsible")) {
    if (!mission.FindParty(*v)) {
      return Status::Invalid("responsible: " + Quote(*v) + " is not a party of mission " + mission.id + " (" +
                             mission.PartyList() + ")");
    }
    r.responsible = *v;
  }
  if (auto v = param("state")) {
    if (!In(kIncidentStates, *v)) return Status::Invalid("state: " + Quote(*v) + " is not " + Words(kIncidentStates));
    r.state = *v;
  }
  return r;
}

Result<bool> ExportCursor::Step(size_t max_rows, std::string* out) {
  if (done_) return false;
  if (!begun_) {
    writer_->Begin(rows_->layer(), rows_->columns(), out);
    begun_ = true;
  }
  TRUCE_ASSIGN_OR_RETURN(bool more, rows_->Next(std::max<size_t>(max_rows, 1), &batch_));
  for (const Row& row : batch_) writer_->Write(row, out);
  written_ += batch_.size();
  if (!more) {
    writer_->End(out);
    done_ = true;
  }
  return true;
}

// ---- reports ----

namespace {

constexpr Column kReportColumns[] = {
    {"id", ColumnType::kInteger, "#meta+id"},
    {"source_report_id", ColumnType::kText, "#meta+source+id"},
    {"source_kind", ColumnType::kText, "#meta+source+type"},
    {"source_party", ColumnType::kText, "#org+source"},
    {"source_name", ColumnType::kText, "#meta+source+name"},
    {"category", ColumnType::kText, "#event+type"},
    {"observed_start", ColumnType::kTime, "#date+start"},
    {"observed_end", ColumnType::kTime, "#date+end"},
    {"latitude", ColumnType::kReal, "#geo+lat"},
    {"longitude", ColumnType::kReal, "#geo+lon"},
    {"uncertainty_m", ColumnType::kReal, "#geo+precision"},
    {"place", ColumnType::kText, "#loc+name"},
    {"weapon_class", ColumnType::kText, "#item+weapon"},
    {"count", ColumnType::kInteger, "#value+count"},
    {"bearing_deg", ColumnType::kReal, ""},
    {"bearing_error_deg", ColumnType::kReal, ""},
    {"killed", ColumnType::kInteger, "#affected+killed"},
    {"injured", ColumnType::kInteger, "#affected+injured"},
    {"blames", ColumnType::kText, "#org+blamed"},
    {"zones", ColumnType::kList, "#loc+zone"},
    {"clauses", ColumnType::kList, "#indicator+clause"},
    {"evidence", ColumnType::kList, ""},
    {"text", ColumnType::kText, "#description"},
    {"received", ColumnType::kTime, "#date+reported"},
    {"register_entry", ColumnType::kInteger, "#meta+entry"},
    {"content_digest", ColumnType::kText, ""},
};

class ReportRows final : public ExportRows {
 public:
  ReportRows(StoreReader& reader, ReportFilter filter, uint64_t size) : reader_(reader), filter_(std::move(filter)) {
    filter_.below_entry = size;
    filter_.after_id = 0;
  }
  std::string_view layer() const override { return "reports"; }
  std::span<const Column> columns() const override { return kReportColumns; }

  Result<bool> Next(size_t max, std::vector<Row>* out) override {
    if (!done_) {
      filter_.limit = std::min(max, kMaxQueryLimit);
      TRUCE_RETURN_IF_ERROR(reader_.QueryInto(filter_, &page_));
      done_ = page_.size() < filter_.limit;
      if (!page_.empty()) filter_.after_id = page_.back().id;
    } else {
      page_.clear();
    }
    // Resized, not cleared: the rows' cell vectors are kept for the next page.
    out->resize(page_.size());
    for (size_t i = 0; i < page_.size(); ++i) SetRow(page_[i], &(*out)[i]);
    return !done_;
  }

 private:
  // Text borrowed from the page, or none when it is empty.
  static Cell Text(std::string_view s) { return s.empty() ? Cell() : Cell(s); }

  // Every cell set, text and lists borrowed from the page.
  static void SetRow(const StoredReport& s, Row* row) {
    const Report& r = s.report;
    row->lat = r.location.lat;
    row->lon = r.location.lon;
    auto& c = row->cells;
    c.resize(std::size(kReportColumns));
    using List = std::span<const std::string>;
    size_t i = 0;
    c[i++] = s.id;
    c[i++] = Text(r.source_report_id);
    c[i++] = SourceKindName(r.source.kind);
    c[i++] = Text(r.source.party);
    c[i++] = Text(r.source.name);
    c[i++] = CategoryName(r.category);
    c[i++] = r.observed.start;
    c[i++] = r.observed.end;
    c[i++] = r.location.lat;
    c[i++] = r.location.lon;
    c[i++] = r.location.uncertainty_m;
    c[i++] = Text(r.location.place);
    c[i++] = Text(r.weapon_class);
    c[i++] = r.count > 0 ? Cell(int64_t(r.count)) : Cell();
    c[i++] = r.bearing ? Cell(r.bearing->azimuth_deg) : Cell();
    c[i++] = r.bearing ? Cell(r.bearing->error_deg) : Cell();
    c[i++] = r.casualties ? Cell(int64_t(r.casualties->killed)) : Cell();
    c[i++] = r.casualties ? Cell(int64_t(r.casualties->injured)) : Cell();
    c[i++] = Text(r.blames);
    c[i++] = List(r.zones);
    c[i++] = List(r.clauses);
    c[i++] = List(r.evidence);
    c[i++] = Text(r.text);
    c[i++] = Instant{s.received_ms, 0};
    c[i++] = int64_t(s.entry);
    c[i++] = Text(r.content_digest);
  }

  StoreReader& reader_;
  ReportFilter filter_;
  std::vector<StoredReport> page_;  // the rows' page, reused for the next
  bool done_ = false;
};

// ---- determinations ----

constexpr Column kDeterminationColumns[] = {
    {"entry", ColumnType::kInteger, "#meta+entry"},
    {"incident", ColumnType::kText, "#event+id"},
    {"proposed_at", ColumnType::kTime, "#date+reported"},
    {"proposed_by", ColumnType::kText, "#org+proposed"},
    {"signer", ColumnType::kText, ""},
    {"state", ColumnType::kText, "#status"},
    {"category", ColumnType::kText, "#event+type"},
    {"incident_start", ColumnType::kTime, "#date+occurred"},
    {"latitude", ColumnType::kReal, "#geo+lat"},
    {"longitude", ColumnType::kReal, "#geo+lon"},
    {"responsible", ColumnType::kText, "#org+responsible"},
    {"confidence", ColumnType::kText, "#severity+confidence"},
    {"clauses", ColumnType::kList, "#indicator+clause"},
    {"alleged", ColumnType::kList, ""},
    {"report_ids", ColumnType::kList, "#meta+reports"},
    {"reasons", ColumnType::kList, ""},
    {"superseded_by", ColumnType::kInteger, ""},
    {"cosigned_by", ColumnType::kList, "#org+cosigned"},
    {"disputed_by", ColumnType::kList, "#org+disputed"},
    {"unverifiable_by", ColumnType::kList, ""},
    {"awaiting", ColumnType::kList, ""},
    {"position_reasons", ColumnType::kList, ""},
};

std::vector<std::string> Strings(const nlohmann::json& body, const char* key) {
  std::vector<std::string> out;
  auto it = body.find(key);
  if (it == body.end() || !it->is_array()) return out;
  for (const auto& v : *it) {
    if (v.is_string()) {
      out.push_back(v.get<std::string>());
    } else if (v.is_number_integer()) {
      out.push_back(std::to_string(v.get<int64_t>()));
    }
  }
  return out;
}

std::string StringAt(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Result<std::unique_ptr<ExportRows>> OpenDeterminations(Center& center, const ExportRequest& req, uint64_t size) {
  TRUCE_ASSIGN_OR_RETURN(const Tagger* tagger, center.tagger());
  review::Ledger ledger(center.mission().CenterParties());
  TRUCE_ASSIGN_OR_RETURN(auto entries, EntriesBelow(center.reader(), size));
  for (const auto& [index, e] : entries) {
    if (!reg::IsPatrolKind(e.kind)) (void)ledger.Apply(index, e);  // one the chain refuses changes nothing
  }
  std::vector<Row> rows;
  for (const auto& [index, d] : ledger.all()) {
    const nlohmann::json& finding = d.body.contains("finding") ? d.body["finding"] : d.body;
    if (!finding.is_object()) continue;
    std::optional<Instant> start;
    if (auto time = finding.find("time"); time != finding.end() && time->is_object()) {
      if (auto t = ParseRfc3339(StringAt(*time, "start")); t.ok()) start = *t;
    }
    if (req.from_ms && (!start || start->utc_ms < *req.from_ms)) continue;
    if (req.to_ms && (!start || start->utc_ms >= *req.to_ms)) continue;
    const std::string category = StringAt(finding, "category");
    const std::string responsible = StringAt(finding, "responsible");
    const std::string state(review::StateName(ledger.StateOf(d)));
    if (!req.category.empty() && category != req.category) continue;
    if (!req.responsible.empty() && responsible != req.responsible) continue;
    if (!req.state.empty() && state != req.state) continue;
    double lat = 0, lon = 0;
    if (auto loc = finding.find("location"); loc != finding.end() && loc->is_object()) {
      lat = loc->value("lat", 0.0);
      lon = loc->value("lon", 0.0);
    }
    if (!req.zone.empty()) {
      std::vector<int> zones;
      const int64_t t = start ? start->utc_ms : 0;
      tagger->ZonesAt({lat, lon}, t, t, &zones);
      const auto& all = center.mission().zones;
      if (std::none_of(zones.begin(), zones.end(), [&](int z) { return all[size_t(z)].id == req.zone; })) continue;
    }
    std::vector<std::string> cosigned, disputed, unverifiable, awaiting, position_reasons;
    for (const std::string& party : ledger.center_parties()) {
      auto p = d.positions.find(party);
      if (p == d.positions.end()) {
        awaiting.push_back(party);
        continue;
      }
      switch (p->second.stance) {
        case review::Stance::kCosign:
          cosigned.push_back(party);
          break;
        case review::Stance::kDispute:
          disputed.push_back(party);
          break;
        case review::Stance::kUnverifiable:
          unverifiable.push_back(party);
          break;
      }
      if (!p->second.reasons.empty()) position_reasons.push_back(party + ": " + p->second.reasons);
    }
    Row row;
    row.lat = lat;
    row.lon = lon;
    auto& c = row.cells;
    c.emplace_back(int64_t(index));
    c.emplace_back(d.incident);
    c.emplace_back(d.at);
    c.emplace_back(d.party);
    c.emplace_back(d.signer);
    c.emplace_back(state);
    c.push_back(HeldTextOrNone(category));
    c.push_back(start ? Cell(*start) : Cell());
    c.emplace_back(lat);
    c.emplace_back(lon);
    c.push_back(HeldTextOrNone(responsible));
    c.push_back(HeldTextOrNone(StringAt(finding, "confidence")));
    c.emplace_back(Strings(finding, "clauses"));
    c.emplace_back(Strings(finding, "alleged"));
    c.emplace_back(Strings(finding, "report_ids"));
    c.emplace_back(Strings(finding, "reasons"));
    c.push_back(d.superseded_by ? Cell(int64_t(*d.superseded_by)) : Cell());
    c.emplace_back(std::move(cosigned));
    c.emplace_back(std::move(disputed));
    c.emplace_back(std::move(unverifiable));
    c.emplace_back(std::move(awaiting));
    c.emplace_back(std::move(position_reasons));
    rows.push_back(std::move(row));
  }
  return std::unique_ptr<ExportRows>(
      std::make_unique<MadeRows>("determinations", kDeterminationColumns, std::move(rows)));
}

}  // namespace

Result<std::unique_ptr<ExportRows>> OpenExport(Center& center, const ExportRequest& req, RegisterPoint* point,
                                               const std::function<void(size_t)>& progress) {
  TRUCE_ASSIGN_OR_RETURN(RegisterPoint p, PointOf(center.reader(), req.register_size, std::nullopt));
  if (point) *point = p;
  switch (req.table) {
    case ExportTable::kReports:
      return std::unique_ptr<ExportRows>(std::make_unique<ReportRows>(center.reader(), req.reports, p.size));
    case ExportTable::kDeterminations:
      return OpenDeterminations(center, req, p.size);
    case ExportTable::kIncidents:
      break;
  }
  return OpenIncidents(center, req, p, progress);
}

}  // namespace truce::report
