// Track files uploaded after a patrol: NMEA 0183 logs (GGA and RMC
// sentences) and GPX 1.0/1.1 (docs/USER-GUIDE.md, "Patrols"). Each gives
// fixes in file order and, for every line or point it cannot use, where and
// why; a file that is not NMEA or GPX at all is an error of its own. The
// tracker (tracker.h) then checks the fixes' order and speed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/status.h"
#include "truce/intake/row_error.h"
#include "truce/patrol/tracker.h"

namespace truce::patrol {

struct TrackFile {
  std::vector<Fix> fixes;
  std::vector<intake::RowError> skipped;  // line (NMEA) or point's line (GPX), and why
};

// Past this, a file is refused before it is read: a day's log at one fix a
// second is a few megabytes.
inline constexpr size_t kMaxTrackFileBytes = 64 << 20;

struct NmeaOptions {
  std::string vehicle;
  // The UTC day (midnight, ms) of GGA sentences read before any RMC gives
  // the date; without it such sentences are skipped with that reason.
  std::optional<int64_t> day_ms;
};

// GGA gives quality and HDOP, RMC the date and validity; the two of one
// epoch make one fix. Other sentences are passed over silently. Every
// sentence must carry its checksum.
Result<TrackFile> ParseNmea(std::string_view text, const NmeaOptions& options);

// Track points (trkpt) and route points (rtept) with a time; the vehicle is
// the track's name unless `vehicle` is given. A point with <fix>none</fix>
// has quality 0.
Result<TrackFile> ParseGpx(std::string_view text, const std::string& vehicle = "");

}  // namespace truce::patrol
