// The query filters of `truce query` and GET /v1/reports, from arbitrary
// "name=value&name=value" text: no crash, and what parses is consistent.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

#include "truce/center/filter_params.h"
#include "truce/mission/test_mission.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const truce::Mission mission = truce::testing::MiniMission();
  std::string text(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string> params;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('&', start);
    if (end == std::string::npos) end = text.size();
    std::string pair = text.substr(start, end - start);
    size_t eq = pair.find('=');
    if (eq != std::string::npos) params[pair.substr(0, eq)] = pair.substr(eq + 1);
    start = end + 1;
  }
  auto filter = truce::ParseReportFilter(
      [&](const std::string& name) -> std::optional<std::string> {
        auto it = params.find(name);
        if (it == params.end()) return std::nullopt;
        return it->second;
      },
      mission);
  if (filter.ok()) {
    if (filter->limit < 1 || filter->limit > truce::kMaxQueryLimit) std::abort();
    if (filter->from_ms && filter->to_ms && *filter->from_ms > *filter->to_ms) std::abort();
    if (filter->bbox && (filter->bbox->west > filter->bbox->east || filter->bbox->south > filter->bbox->north)) {
      std::abort();
    }
  } else if (filter.status().message().empty()) {
    std::abort();
  }
  return 0;
}
