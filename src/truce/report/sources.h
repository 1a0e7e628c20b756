// Where a report's inputs come from: the center's store and register as
// they stood at the cut-off (report/daily.h).
//
// "As they stood" is a size of the register: the newest checkpoint the
// center signed (by default), the newest one at or before a size asked for,
// or, with a cut-off, the newest one covering only entries signed by then.
// Everything the report uses — reports, determinations, the parties'
// positions, patrol plans and outcomes — comes from the entries below that
// size, so the same date, cut-off and size give the same report however
// much the register has grown since.
#pragma once

#include <cstdint>
#include <optional>

#include "truce/center/center.h"
#include "truce/report/daily.h"

namespace truce::report {

// The mission's time zone; NotFound names the pack's timezone.
Result<LocalZone> MissionZone(const Mission& mission);

// The inputs of a report on `period`. `register_size`: at most this many
// entries (the newest checkpoint at or below it). FailedPrecondition when
// the register has no checkpoint yet, or none by the cut-off; NotFound when
// no report observed in the period was in the register then.
// The progress callback, when set, is told (reports read, reports in the window).
Result<DailyInputs> Gather(Center& center, const Period& period, std::optional<uint64_t> register_size,
                           const std::function<void(size_t, size_t)>& progress = nullptr);

}  // namespace truce::report
