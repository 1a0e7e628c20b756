// A report's period as a user asks for it (truce report daily --date/--from/
// --to/--cutoff, GET /v1/daily/{date}?to=&cutoff=): four fields separated
// by newlines. Whatever is accepted is a period of whole days in order,
// within a year, whose day round-trips through its written form.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "truce/report/period.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string fields[4];
  for (int i = 0; i < 4; ++i) {
    const size_t nl = text.find('\n');
    fields[i] = std::string(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  static const truce::LocalZone zone = truce::LocalZone::Find("Asia/Damascus").value();
  auto p = truce::report::ParsePeriod(zone, fields[0], fields[1], fields[2], fields[3], 1'900'000'000'000);
  if (!p.ok()) {
    if (p.status().message().empty()) std::abort();
    return 0;
  }
  if (p->first > p->last || p->days() > 366 || p->from_ms >= p->to_ms) std::abort();
  if (truce::ParseCivilDay(truce::FormatCivilDay(p->first)).value() != p->first) std::abort();
  (void)truce::report::PeriodWords(*p);
  return 0;
}
