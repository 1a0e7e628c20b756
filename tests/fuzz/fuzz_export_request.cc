// The export request of `truce export` and GET /v1/export/{table}, from
// arbitrary "table?name=value&name=value" text: no crash, and what parses
// keeps its promises (acled only for incidents, a period that runs forward,
// no HXL row on GeoJSON or GeoPackage).
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

#include "query_text.h"
#include "truce/mission/test_mission.h"
#include "truce/report/export.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const truce::Mission mission = truce::testing::MiniMission();
  static const truce::LocalZone zone = truce::LocalZone::Find("Asia/Damascus").value();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const size_t q = text.find('?');
  const auto params = q == std::string_view::npos ? std::map<std::string, std::string>()
                                                  : truce::fuzz::SplitQueryText(text.substr(q + 1));
  auto r = truce::report::ParseExportRequest(text.substr(0, q), truce::LookupIn(params), mission, zone);
  if (r.ok()) {
    using truce::report::ExportFormat;
    if (r->format == ExportFormat::kAcled && r->table != truce::report::ExportTable::kIncidents) std::abort();
    if (r->from_ms && r->to_ms && *r->from_ms >= *r->to_ms) std::abort();
    if (r->hxl && (r->format == ExportFormat::kGeoJson || r->format == ExportFormat::kGpkg)) std::abort();
    if (r->register_size && *r->register_size == 0) std::abort();
  } else if (r.status().message().empty()) {
    std::abort();
  }
  return 0;
}
