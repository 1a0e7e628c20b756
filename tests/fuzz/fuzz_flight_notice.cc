// Flight notices and flight-track feeds: any bytes give a refusal naming
// the field, or a notice and tracks the matcher holds against each other
// without crashing, whatever the area's shape (a self-crossing polygon, a
// route folded back on itself).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "truce/patrol/notice.h"

using truce::patrol::AirspaceMatcher;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return 0;
  static const truce::Mission kNoZones;  // no airspace zone: every fix counts
  if (j.is_object() && j.contains("tracks")) {
    auto tracks = truce::patrol::ParseFlightTracks(j, 5000);
    if (!tracks.ok()) {
      if (tracks.status().message().empty()) std::abort();
      return 0;
    }
    truce::patrol::FlightNotice n;
    n.id = "N";
    n.route = {{35.8, 36.5}, {35.9, 36.7}};
    n.half_width_m = 3000;
    n.max_altitude_m = 3000;
    n.window = {truce::Instant{0, 0}, truce::Instant{4'102'444'800'000LL, 0}};
    auto m = AirspaceMatcher::Build(kNoZones, {n});
    if (!m.ok()) std::abort();
    for (const auto& t : *tracks) {
      auto r = m->Match(t);
      if (r.uncovered > r.inside || r.inside != t.fixes.size()) std::abort();
      if (!r.matched() && r.reason.empty()) std::abort();
    }
    return 0;
  }
  auto notice = truce::patrol::ParseNotice(j);
  if (!notice.ok()) {
    if (notice.status().message().empty()) std::abort();
    return 0;
  }
  if (!(notice->window.end > notice->window.start)) std::abort();
  auto m = AirspaceMatcher::Build(kNoZones, {*notice});
  if (!m.ok()) return 0;  // an area S2 cannot hold: refused, as the server refuses it
  truce::patrol::FlightTrack t{"T", "", "", {{notice->window.start, {35.85, 36.6}, 1000}}};
  (void)m->Match(t);
  return 0;
}
