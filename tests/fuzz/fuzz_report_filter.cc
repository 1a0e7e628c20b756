// The query filters of `truce query` and GET /v1/reports, from arbitrary
// "name=value&name=value" text: no crash, and what parses is consistent.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

#include "query_text.h"
#include "truce/center/filter_params.h"
#include "truce/mission/test_mission.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const truce::Mission mission = truce::testing::MiniMission();
  const auto params = truce::fuzz::SplitQueryText(std::string_view(reinterpret_cast<const char*>(data), size));
  auto filter = truce::ParseReportFilter(truce::LookupIn(params), mission);
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
