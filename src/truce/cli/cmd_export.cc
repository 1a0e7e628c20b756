// truce export reports|incidents|determinations: the center's tables as
// CSV, GeoJSON, GeoPackage or ACLED's columns (docs/EXPORTS.md).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "truce/cli/commands.h"
#include "truce/cli/progress.h"
#include "truce/report/export.h"
#include "truce/report/sources.h"

namespace truce::cli {
namespace {

// Rows read from the store and written per step: a page this size (some
// 400 KB of reports) is still in the processor's cache when it is written;
// 5,000 a step was a fifth slower for a million reports.
constexpr size_t kRowsPerStep = 1000;

struct Options {
  std::string table, db, mission, out;
  std::map<std::string, std::string> params;  // by ParseExportRequest's names
  bool hxl = false, quiet = false;
};

Status Run(const Options& o) {
  TRUCE_ASSIGN_OR_RETURN(auto center, OpenCenterToRead(o.db, o.mission));
  TRUCE_ASSIGN_OR_RETURN(LocalZone zone, report::MissionZone(center->mission()));
  auto params = o.params;
  if (o.hxl) params["hxl"] = "true";
  TRUCE_ASSIGN_OR_RETURN(report::ExportRequest request,
                         report::ParseExportRequest(o.table, LookupIn(params), center->mission(), zone));
  if (request.format == report::ExportFormat::kGpkg && o.out.empty()) {
    return Status::Invalid("--format gpkg needs --out FILE.gpkg: a GeoPackage is a database file, not a stream");
  }

  std::unique_ptr<ProgressBar> bar;
  if (!o.quiet) bar = std::make_unique<ProgressBar>("export " + o.table, "rows");
  size_t total = 0;
  if (bar && request.table == report::ExportTable::kReports) {  // counting is a pass over the table
    TRUCE_ASSIGN_OR_RETURN(int64_t n, center->reader().CountReports());
    total = size_t(n);
  }
  report::RegisterPoint point;
  TRUCE_ASSIGN_OR_RETURN(auto rows, report::OpenExport(*center, request, &point, [&](size_t read) {
                           if (bar) bar->UpdateItems(read, 0);
                         }));
  size_t written = 0;
  if (request.format == report::ExportFormat::kGpkg) {
    TRUCE_RETURN_IF_ERROR(report::WriteGeoPackage(*rows, o.out, [&](size_t done) {
      written = done;
      if (bar) bar->UpdateItems(done, std::max(total, done));
    }));
  } else {
    // Written beside and renamed, so a reader never sees half an export.
    const std::string part = o.out.empty() ? "" : o.out + ".part";
    std::FILE* f = o.out.empty() ? stdout : std::fopen(part.c_str(), "wb");
    if (!f) return Status::Io(o.out + ": cannot be written");
    report::ExportCursor cursor(std::move(rows), request.format == report::ExportFormat::kGeoJson
                                                     ? report::MakeGeoJsonWriter()
                                                     : report::MakeCsvWriter(request.hxl));
    std::string buf;
    Status st = Status::Ok();
    while (true) {
      buf.clear();
      auto more = cursor.Step(kRowsPerStep, &buf);
      if (!more.ok()) {
        st = more.status();
        break;
      }
      if (!buf.empty() && std::fwrite(buf.data(), 1, buf.size(), f) != buf.size()) {
        st = Status::Io((o.out.empty() ? std::string("standard output") : o.out) + ": cannot be written");
        break;
      }
      if (bar) bar->UpdateItems(cursor.rows_written(), std::max(total, cursor.rows_written()));
      if (!*more) break;
    }
    written = cursor.rows_written();
    if (f != stdout) {
      if (std::fclose(f) != 0 && st.ok()) st = Status::Io(o.out + ": cannot be written");
      std::error_code ec;
      if (st.ok()) std::filesystem::rename(part, o.out, ec);
      if (!st.ok() || ec) std::filesystem::remove(part, ec);
      if (st.ok() && ec) st = Status::Io(o.out + ": " + ec.message());
    } else if (std::fflush(stdout) != 0 && st.ok()) {
      st = Status::Io("standard output: cannot be written");
    }
    TRUCE_RETURN_IF_ERROR(st);
  }
  if (bar) bar->Finish();
  std::fprintf(stderr, "truce: %zu %s as %s%s%s, register size %llu (root %s)\n", written, o.table.c_str(),
               std::string(report::ExportFormatName(request.format)).c_str(), o.out.empty() ? "" : " to ",
               o.out.c_str(), static_cast<unsigned long long>(point.size), point.root.c_str());
  return Status::Ok();
}

}  // namespace

void AddExport(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "export", "The center's reports, incidents or determinations as CSV, GeoJSON, GeoPackage or ACLED's columns");
  auto o = std::make_shared<Options>();
  cmd->add_option("table", o->table, "reports, incidents or determinations")
      ->required()
      ->check(CLI::IsMember({"reports", "incidents", "determinations"}));
  cmd->add_option("--db", o->db, "Database file")->required();
  cmd->add_option("--mission", o->mission, "Mission pack folder (default: the database's)");
  auto param = [&](const std::string& flag, const std::string& name, const std::string& help) {
    cmd->add_option_function<std::string>(
        flag, [o, name](const std::string& v) { o->params[name] = v; }, help);
  };
  param("--format", "format", "csv (default), geojson, gpkg or acled (incidents only)");
  param("--date", "date", "One day, YYYY-MM-DD, in the mission's time zone");
  param("--from", "from", "From this day (YYYY-MM-DD) or time (RFC 3339)");
  param("--to", "to", "To this day, inclusive, or time");
  param("--size", "size", "Use the register as it was at this size at most (a checkpoint's size)");
  param("--bbox", "bbox", "Reports: west,south,east,north in degrees");
  param("--zone", "zone", "Only in this zone");
  param("--clause", "clause", "Reports: only under this clause");
  param("--category", "category", "Only of this category");
  param("--party", "party", "Reports: only from this party");
  param("--blames", "blames", "Reports: only blaming this party");
  param("--source-kind", "source_kind", "Reports: only from this kind of source");
  param("--responsible", "responsible", "Incidents, determinations: only with this party held responsible");
  param("--state", "state", "Incidents, determinations: awaiting, proposed, final, disputed, unverifiable, superseded");
  cmd->add_flag("--hxl", o->hxl, "CSV: a row of HXL hashtags under the header");
  cmd->add_option("--out", o->out, "Write to this file (default: standard output; needed for gpkg)");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress bar");
  cmd->callback([o] {
    Status st = Run(*o);
    if (!st.ok()) throw CLI::RuntimeError(Fail(st));
  });
}

}  // namespace truce::cli
