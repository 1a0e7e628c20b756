// GeoPackage through GDAL's OGR C API (docs/EXPORTS.md, "GeoPackage"):
// the module truce loads for a GeoPackage export (geopackage.cc), so that
// GDAL's hundred-odd libraries are not loaded by every other command.
// It uses truce's types only through headers and virtual calls: it links
// no truce library.
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <date/date.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "truce/report/export.h"

namespace truce::report {
namespace {

// Rows per transaction: SQLite writes fast inside one, and a million rows
// need not sit in one journal.
constexpr size_t kRowsPerTransaction = 50000;
constexpr size_t kBatch = 2000;

std::string GdalError(const std::string& path, const std::string& what) {
  std::string msg = path + ": " + what;
  if (const char* e = CPLGetLastErrorMsg(); e && *e) msg += std::string(" (GDAL: ") + e + ")";
  return msg;
}

OGRFieldType FieldType(ColumnType t) {
  switch (t) {
    case ColumnType::kInteger:
      return OFTInteger64;
    case ColumnType::kReal:
      return OFTReal;
    case ColumnType::kBoolean:
      return OFTInteger;
    case ColumnType::kTime:
      return OFTDateTime;
    case ColumnType::kText:
    case ColumnType::kList:
      break;
  }
  return OFTString;
}

// Closes what GDAL opened however the write ends.
struct Handles {
  GDALDatasetH ds = nullptr;
  OGRSpatialReferenceH srs = nullptr;
  ~Handles() {
    if (ds) GDALClose(ds);
    if (srs) OSRDestroySpatialReference(srs);
  }
};

// In UTC (GDAL's TZ flag 100): the GeoPackage standard keeps times as
// "YYYY-MM-DDTHH:MM:SS.SSSZ", and readers warn of any other form.
void SetTime(OGRFeatureH f, int field, const Instant& t) {
  const auto utc = date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(t.utc_ms));
  const auto day = date::floor<date::days>(utc);
  const date::year_month_day ymd(day);
  const int64_t ms_of_day = (utc - day).count();
  const int y = int(ymd.year()), m = int(unsigned(ymd.month())), d = int(unsigned(ymd.day()));
  OGR_F_SetFieldDateTimeEx(f, field, y, m, d, int(ms_of_day / 3600000), int(ms_of_day / 60000 % 60),
                           float(ms_of_day % 60000) / 1000.0f, 100);
}

}  // namespace
}  // namespace truce::report

using namespace truce;          // NOLINT: the entry point's body is truce's
using namespace truce::report;  // NOLINT

// The module's entry point (geopackage.cc, kEntryPoint): writes `rows`
// into a new GeoPackage at `part`, naming `path` in its errors.
extern "C" __attribute__((visibility("default"))) void truce_write_geopackage(
    ExportRows* rows_in, const std::string* part_in, const std::string* path_in,
    const std::function<void(size_t)>* progress_in, Status* result) {
  ExportRows& rows = *rows_in;
  const std::string& part = *part_in;
  const std::string& path = *path_in;
  const std::function<void(size_t)>& progress = *progress_in;
  static std::once_flag registered;
  std::call_once(registered, [] { GDALAllRegister(); });
  GDALDriverH driver = GDALGetDriverByName("GPKG");
  if (!driver) {
    *result = Status::Internal("GDAL has no GPKG driver");
    return;
  }
  Status written = [&]() -> Status {
    Handles h;
    const char* options[] = {nullptr};
    h.ds = GDALCreate(driver, part.c_str(), 0, 0, 0, GDT_Unknown, const_cast<char**>(options));
    if (!h.ds) return Status::Io(GdalError(path, "cannot be created"));
    h.srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(h.srs, 4326);
    OSRSetAxisMappingStrategy(h.srs, OAMS_TRADITIONAL_GIS_ORDER);
    const std::string layer_name(rows.layer());
    OGRLayerH layer = GDALDatasetCreateLayer(h.ds, layer_name.c_str(), h.srs, wkbPoint, nullptr);
    if (!layer) return Status::Io(GdalError(path, "the layer cannot be created"));
    const std::span<const Column> columns = rows.columns();
    for (const Column& c : columns) {
      const std::string name(c.name);
      OGRFieldDefnH field = OGR_Fld_Create(name.c_str(), FieldType(c.type));
      if (c.type == ColumnType::kBoolean) OGR_Fld_SetSubType(field, OFSTBoolean);
      const OGRErr err = OGR_L_CreateField(layer, field, TRUE);
      OGR_Fld_Destroy(field);
      if (err != OGRERR_NONE) return Status::Io(GdalError(path, "column " + name + " cannot be created"));
    }
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    size_t done = 0, in_transaction = 0;
    bool open = GDALDatasetStartTransaction(h.ds, FALSE) == OGRERR_NONE;
    std::vector<Row> batch;
    std::string text;  // a cell's text, ended by a NUL for GDAL
    for (bool more = true; more;) {
      TRUCE_ASSIGN_OR_RETURN(more, rows.Next(kBatch, &batch));
      for (const Row& row : batch) {
        OGRFeatureH f = OGR_F_Create(defn);
        for (size_t i = 0; i < row.cells.size() && i < columns.size(); ++i) {
          const int fi = int(i);
          VisitCell(row.cells[i], [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, int64_t>) {
              OGR_F_SetFieldInteger64(f, fi, v);
            } else if constexpr (std::is_same_v<T, double>) {
              OGR_F_SetFieldDouble(f, fi, v);
            } else if constexpr (std::is_same_v<T, bool>) {
              OGR_F_SetFieldInteger(f, fi, v ? 1 : 0);
            } else if constexpr (std::is_same_v<T, Instant>) {
              SetTime(f, fi, v);
            } else if constexpr (std::is_same_v<T, std::string_view>) {
              text.assign(v);
              OGR_F_SetFieldString(f, fi, text.c_str());
            } else if constexpr (std::is_same_v<T, std::span<const std::string>>) {
              text.clear();
              for (const std::string& item : v) text += (text.empty() ? "" : ";") + item;
              OGR_F_SetFieldString(f, fi, text.c_str());
            } else {
              OGR_F_SetFieldNull(f, fi);
            }
          });
        }
        OGRGeometryH point = OGR_G_CreateGeometry(wkbPoint);
        OGR_G_SetPoint_2D(point, 0, row.lon, row.lat);
        OGR_F_SetGeometryDirectly(f, point);
        const OGRErr err = OGR_L_CreateFeature(layer, f);
        OGR_F_Destroy(f);
        if (err != OGRERR_NONE)
          return Status::Io(GdalError(path, "row " + std::to_string(done + 1) + " cannot be written"));
        ++done;
        if (open && ++in_transaction >= kRowsPerTransaction) {
          if (GDALDatasetCommitTransaction(h.ds) != OGRERR_NONE)
            return Status::Io(GdalError(path, "cannot be written"));
          in_transaction = 0;
          open = GDALDatasetStartTransaction(h.ds, FALSE) == OGRERR_NONE;
        }
      }
      if (progress) progress(done);
    }
    if (open && GDALDatasetCommitTransaction(h.ds) != OGRERR_NONE) {
      return Status::Io(GdalError(path, "cannot be written"));
    }
    return Status::Ok();
  }();
  *result = std::move(written);
}
