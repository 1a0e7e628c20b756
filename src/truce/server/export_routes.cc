// Exports over HTTP (docs/API.md, "GET /v1/export/{table}"): what `truce
// export` writes, streamed as a chunked answer.
//
// An export may read a million reports, so at most kExportsAtOnce run at
// a time (another request meanwhile gets 503 with Retry-After) and each is
// sent a page of rows each time the client has taken the one before: the
// server holds one page per export, never the whole file. A GeoPackage is a
// database, not a stream, so it is written to a temporary file first and
// that file is sent.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "truce/report/export.h"
#include "truce/report/sources.h"
#include "truce/server/api.h"

namespace truce::server {
namespace {

constexpr int kExportsAtOnce = 2;
constexpr size_t kRowsPerChunk = 1000;
constexpr size_t kFileChunk = 256 << 10;

struct Exports {
  std::atomic<int> running{0};
  std::atomic<uint64_t> made{0};  // names temporary files
};

}  // namespace

void AddExportRoutes(Api& api) {
  auto exports = std::make_shared<Exports>();
  api.Add("GET", "/v1/export/{}", Audience::kOfficers,
          [&api, exports](const auto&, const RouteMatch& m, HttpResponse& res) {
            const std::string table = m.segments[0].substr(0, 32);
            auto zone = report::MissionZone(api.center.mission());
            if (!zone.ok()) return SetStatus(res, zone.status());
            auto request = report::ParseExportRequest(
                table, [&](const std::string& name) { return m.params->Get(name); }, api.center.mission(), *zone);
            if (!request.ok()) return SetStatus(res, request.status());

            if (exports->running.fetch_add(1) >= kExportsAtOnce) {
              --exports->running;
              res.headers.emplace_back("Retry-After", "5");
              return SetError(res, 503, "unavailable", "other exports are running; try again in a moment");
            }
            // Released when the answer ends, however it ends.
            auto release = std::shared_ptr<void>(nullptr, [exports](void*) { --exports->running; });

            report::RegisterPoint point;
            auto rows = report::OpenExport(api.center, *request, &point);
            if (!rows.ok()) return SetStatus(res, rows.status());
            const report::ExportFormat format = request->format;
            res.content_type = std::string(report::ExportMediaType(format));
            res.headers.emplace_back("Content-Disposition", "attachment; filename=\"truce-" + table + "-" +
                                                                std::to_string(point.size) + "." +
                                                                std::string(report::ExportExtension(format)) + "\"");
            res.headers.emplace_back("X-Truce-Register-Size", std::to_string(point.size));
            res.headers.emplace_back("X-Truce-Register-Root", point.root);
            res.headers.emplace_back("X-Content-Type-Options", "nosniff");

            if (format == report::ExportFormat::kGpkg) {
              const std::string path =
                  (std::filesystem::temp_directory_path() / ("truce-export-" + std::to_string(::getpid()) + "-" +
                                                             std::to_string(exports->made.fetch_add(1)) + ".gpkg"))
                      .string();
              Status st = report::WriteGeoPackage(**rows, path);
              if (!st.ok()) return SetStatus(res, st);
              auto file = std::make_shared<std::ifstream>(path, std::ios::binary);
              std::filesystem::remove(path);  // gone from the folder once open; freed when closed
              if (!*file) return SetError(res, 500, "internal", "the GeoPackage could not be read back");
              res.stream = [file, release](std::string* out) {
                out->resize(kFileChunk);
                file->read(out->data(), std::streamsize(kFileChunk));
                out->resize(size_t(file->gcount()));
                return !out->empty();
              };
              res.on_stream_end = [file] { file->close(); };
              return;
            }
            auto cursor = std::make_shared<report::ExportCursor>(std::move(rows).value(),
                                                                 format == report::ExportFormat::kGeoJson
                                                                     ? report::MakeGeoJsonWriter()
                                                                     : report::MakeCsvWriter(request->hxl));
            res.stream = [cursor, release](std::string* out) {
              auto more = cursor->Step(kRowsPerChunk, out);
              // A failed read ends the answer early. The status line has gone
              // out already, so a GeoJSON answer is then cut before its
              // closing "]}"; a CSV one ends at a row boundary, short of the
              // rows the headers' register size implies.
              return more.ok() && *more;
            };
          });
}

}  // namespace truce::server
