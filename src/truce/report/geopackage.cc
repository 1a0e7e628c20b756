// GeoPackage through GDAL's OGR C API (docs/EXPORTS.md, "GeoPackage").
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

void SetTime(OGRFeatureH f, int field, const std::string& text) {
  auto t = ParseRfc3339(text);
  if (!t.ok()) return;
  // The wall-clock time at the instant's own offset, with the offset as
  // GDAL's TZ flag (100 = UTC, one step per 15 minutes).
  const int64_t local_ms = t->utc_ms + int64_t(t->offset_min) * 60000;
  const auto local = date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(local_ms));
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd(day);
  const int64_t ms_of_day = (local - day).count();
  const int y = int(ymd.year()), m = int(unsigned(ymd.month())), d = int(unsigned(ymd.day()));
  OGR_F_SetFieldDateTimeEx(f, field, y, m, d, int(ms_of_day / 3600000), int(ms_of_day / 60000 % 60),
                           float(ms_of_day % 60000) / 1000.0f, 100 + t->offset_min / 15);
}

}  // namespace

Status WriteGeoPackage(ExportRows& rows, const std::string& path, const std::function<void(size_t)>& progress) {
  static std::once_flag registered;
  std::call_once(registered, [] { GDALAllRegister(); });
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return Status::Invalid(path + ": already exists; a GeoPackage export writes a new file");
  }
  // Written beside and renamed: a reader never opens half a GeoPackage.
  const std::string part = path + ".part.gpkg";  // GDAL wants the ending
  std::filesystem::remove(part, ec);
  GDALDriverH driver = GDALGetDriverByName("GPKG");
  if (!driver) return Status::Internal("GDAL has no GPKG driver");

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
    std::string joined;
    for (bool more = true; more;) {
      batch.clear();
      TRUCE_ASSIGN_OR_RETURN(more, rows.Next(kBatch, &batch));
      for (const Row& row : batch) {
        OGRFeatureH f = OGR_F_Create(defn);
        for (size_t i = 0; i < row.cells.size() && i < columns.size(); ++i) {
          const Cell& cell = row.cells[i];
          const int fi = int(i);
          if (const auto* n = std::get_if<int64_t>(&cell)) {
            OGR_F_SetFieldInteger64(f, fi, *n);
          } else if (const auto* d = std::get_if<double>(&cell)) {
            OGR_F_SetFieldDouble(f, fi, *d);
          } else if (const auto* b = std::get_if<bool>(&cell)) {
            OGR_F_SetFieldInteger(f, fi, *b ? 1 : 0);
          } else if (const auto* s = std::get_if<std::string>(&cell)) {
            if (columns[i].type == ColumnType::kTime) {
              SetTime(f, fi, *s);
            } else {
              OGR_F_SetFieldString(f, fi, s->c_str());
            }
          } else if (const auto* l = std::get_if<std::vector<std::string>>(&cell)) {
            joined.clear();
            for (const std::string& item : *l) joined += (joined.empty() ? "" : ";") + item;
            OGR_F_SetFieldString(f, fi, joined.c_str());
          } else {
            OGR_F_SetFieldNull(f, fi);
          }
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
  if (!written.ok()) {
    std::filesystem::remove(part, ec);
    return written;
  }
  std::filesystem::rename(part, path, ec);
  if (ec) {
    std::filesystem::remove(part, ec);
    return Status::Io(path + ": " + ec.message());
  }
  return Status::Ok();
}

}  // namespace truce::report
