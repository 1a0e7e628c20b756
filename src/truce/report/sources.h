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
#include "truce/register/entry.h"
#include "truce/report/daily.h"

namespace truce::report {

// The mission's time zone; NotFound names the pack's timezone.
Result<LocalZone> MissionZone(const Mission& mission);

// The inputs of a report on `period`. `register_size`: at most this many
// entries (the newest checkpoint at or below it). FailedPrecondition when
// the register has no checkpoint yet, or none by the cut-off; NotFound when
// no report observed in the period was in the register then.
// The progress callback, when set, is told (reports read, reports in the window).
// The register point a report or an export rests on: the newest
// checkpoint, at most `register_size` entries when given, covering only
// entries signed by `cutoff_ms` when given.
Result<RegisterPoint> PointOf(StoreReader& reader, std::optional<uint64_t> register_size,
                              std::optional<int64_t> cutoff_ms);

// Every incident starting in [from_ms, to_ms) as the center finds it from
// the reports in the register's first `size` entries, with where its review
// stood then; in the order of their first report. Reports are read over a
// day's margin either side, so an incident on the window's edge is fused as
// from the whole store. `reports_in_window`, when set, is told how many
// reports observed in the window were read.
Result<std::vector<IncidentFacts>> IncidentsAt(Center& center, uint64_t size, int64_t from_ms, int64_t to_ms,
                                               size_t* reports_in_window = nullptr,
                                               const std::function<void(size_t, size_t)>& progress = nullptr);

// Review and patrol entries below `size`, in log order.
Result<std::vector<std::pair<uint64_t, reg::Entry>>> EntriesBelow(StoreReader& reader, uint64_t size);

Result<DailyInputs> Gather(Center& center, const Period& period, std::optional<uint64_t> register_size,
                           const std::function<void(size_t, size_t)>& progress = nullptr);

}  // namespace truce::report
