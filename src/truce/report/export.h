// Exports (docs/EXPORTS.md): the center's reports, incidents and
// determinations as tables for the tools researchers and the parties'
// analysts use — CSV for pandas, R, Stata and spreadsheets, GeoJSON and
// GeoPackage for QGIS and GDAL, ACLED's columns, UCDP GED's fatality
// estimates and an optional HXL hashtag row.
//
// An export rests on one point of the register (sources.h, PointOf): only
// what the register held at that size is written, so two exports at the
// same size are the same rows however much the center has taken in since.
// Reports are read from the store a page at a time and written as they
// come, so exporting a million of them takes the memory of one page;
// incidents and determinations are fused and replayed first, as
// `truce incidents` does.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "truce/center/center.h"
#include "truce/center/filter_params.h"
#include "truce/report/daily.h"

namespace truce::report {

enum class ExportTable { kReports, kIncidents, kDeterminations };
enum class ExportFormat { kCsv, kGeoJson, kGpkg, kAcled };

std::optional<ExportTable> ParseExportTable(std::string_view s);
std::optional<ExportFormat> ParseExportFormat(std::string_view s);
std::string_view ExportTableName(ExportTable t);
std::string_view ExportFormatName(ExportFormat f);
// The file name ending and the media type of a format.
std::string_view ExportExtension(ExportFormat f);
std::string_view ExportMediaType(ExportFormat f);

// What a cell holds; how each format writes it is in docs/EXPORTS.md.
enum class ColumnType { kText, kInteger, kReal, kBoolean, kTime, kList };

struct Column {
  std::string_view name;
  ColumnType type = ColumnType::kText;
  std::string_view hxl;  // the HXL hashtag and attributes, or empty
};

// One cell: none, a number, a boolean, text, a time or a list. Text and
// lists are held (rows made beforehand) or borrowed from the ExportRows
// that gave the row, valid until its next Next (rows paged from the store,
// so a million rows are written without a copy of each string).
using Cell = std::variant<std::monostate, int64_t, double, bool, std::string, std::vector<std::string>,
                          std::string_view, std::span<const std::string>, Instant>;

// Calls `f` with a cell's value, held and borrowed alike: std::monostate,
// int64_t, double, bool, std::string_view (text), std::span<const
// std::string> (a list) or Instant (a time, written in RFC 3339 at its own
// offset).
template <typename F>
decltype(auto) VisitCell(const Cell& cell, F&& f) {
  return std::visit(
      [&f](const auto& v) -> decltype(auto) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return f(std::string_view(v));
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          return f(std::span<const std::string>(v));
        } else {
          return f(v);
        }
      },
      cell);
}

// One row: a cell per column, and the point it is drawn at (GeoJSON, GeoPackage).
struct Row {
  std::vector<Cell> cells;
  double lat = 0, lon = 0;
};

// What to export: the table, the format, the register size, and which rows.
struct ExportRequest {
  ExportTable table = ExportTable::kReports;
  ExportFormat format = ExportFormat::kCsv;
  std::optional<uint64_t> register_size;
  // Reports: observed overlapping [from, to]; incidents and determinations:
  // the incident starting in [from, to). Unset: everything.
  std::optional<int64_t> from_ms, to_ms;
  ReportFilter reports;     // reports: every filter of `truce query` but paging
  std::string zone;         // incidents, determinations: held by this zone
  std::string category;     // incidents, determinations: of this category
  std::string responsible;  // incidents, determinations: held responsible
  std::string state;        // incidents, determinations: final, disputed, ... ("awaiting" for incidents)
  bool hxl = false;         // CSV and ACLED: a row of HXL hashtags under the header
};

// The request from its words, the same for `truce export` and GET
// /v1/export/{table}: format (csv, geojson, gpkg, acled), date (a local day)
// or from/to (each a local day, to inclusive, or an RFC 3339 time), size,
// hxl (true/false), and the table's filters — for reports bbox, zone,
// clause, category, party, blames, source_kind; for incidents and
// determinations zone, category, responsible, state. Refused with the
// parameter named: an unknown table, format or filter value, acled for
// anything but incidents, hxl with GeoJSON or GeoPackage, to before from.
Result<ExportRequest> ParseExportRequest(std::string_view table, const ParamLookup& param, const Mission& mission,
                                         const LocalZone& zone);
// The parameter names ParseExportRequest reads, for refusing others.
std::span<const std::string_view> ExportParamNames();

// The rows of an export, a batch at a time.
class ExportRows {
 public:
  virtual ~ExportRows() = default;
  virtual std::string_view layer() const = 0;  // "reports", "incidents", "determinations", "acled"
  virtual std::span<const Column> columns() const = 0;
  // Replaces the rows in `out` with the next, up to `max` of them, reusing
  // their memory (a million rows are written without a million rows'
  // allocations); false when none are left after these.
  virtual Result<bool> Next(size_t max, std::vector<Row>* out) = 0;
};

// The rows `request` asks for, at the register point it rests on (told in
// `point`). NotFound when the period holds nothing the register had then.
Result<std::unique_ptr<ExportRows>> OpenExport(Center& center, const ExportRequest& request, RegisterPoint* point,
                                               const std::function<void(size_t)>& progress = nullptr);

// Writes rows as text: a header, the rows, a trailer.
class TableWriter {
 public:
  virtual ~TableWriter() = default;
  virtual void Begin(std::string_view layer, std::span<const Column> columns, std::string* out) = 0;
  virtual void Write(const Row& row, std::string* out) = 0;
  virtual void End(std::string* out) = 0;
};

// RFC 4180 CSV in UTF-8 without a byte-order mark; `hxl` adds the hashtag
// row. A text cell that a spreadsheet would take for a formula (starting
// with =, +, -, @, a tab or a carriage return) is written after a '.
std::unique_ptr<TableWriter> MakeCsvWriter(bool hxl);
// An RFC 7946 FeatureCollection of points; lists as JSON arrays.
std::unique_ptr<TableWriter> MakeGeoJsonWriter();

// An export written a part at a time, for a command writing a file or the
// server sending a chunked answer without holding it all.
class ExportCursor {
 public:
  ExportCursor(std::unique_ptr<ExportRows> rows, std::unique_ptr<TableWriter> writer)
      : rows_(std::move(rows)), writer_(std::move(writer)) {}
  // Appends the next part to `out`: the header and up to `max_rows` rows, or
  // the trailer. False once everything has been given out.
  Result<bool> Step(size_t max_rows, std::string* out);
  size_t rows_written() const { return written_; }

 private:
  std::unique_ptr<ExportRows> rows_;
  std::unique_ptr<TableWriter> writer_;
  std::vector<Row> batch_;
  bool begun_ = false, done_ = false;
  size_t written_ = 0;
};

// Writes every row into a new GeoPackage at `path` (a layer named after the
// rows, points in EPSG:4326), through GDAL. `path` must not exist yet.
// `progress` is told the rows written so far.
Status WriteGeoPackage(ExportRows& rows, const std::string& path,
                       const std::function<void(size_t)>& progress = nullptr);

}  // namespace truce::report
