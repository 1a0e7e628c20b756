// Local time in a mission's time zone: the days a daily report covers and
// the clock times it states ("19:30 on 10 March 2020, UTC+3").
//
// Zones come from the IANA database Debian keeps in /usr/share/zoneinfo
// (package tzdata), read through Howard Hinnant's date::tz. A day is a
// civil date in that zone; it starts at local midnight, or where a
// daylight-saving change skips midnight (Syria's did, at 00:00), at the
// first instant that exists.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "truce/core/status.h"

namespace date {
class time_zone;
}

namespace truce {

// A civil date as days since 1970-01-01.
using CivilDay = int32_t;

// "YYYY-MM-DD", a date that exists; the message names `what`.
Result<CivilDay> ParseCivilDay(std::string_view text, std::string_view what = "date");
std::string FormatCivilDay(CivilDay day);  // 2020-03-15
std::string LongDay(CivilDay day);         // 15 March 2020
std::string ShortDay(CivilDay day);        // 15 March
// "HH:MM" (00:00 to 24:00) as minutes after midnight.
Result<int> ParseClockTime(std::string_view text, std::string_view what = "time");
// "UTC+3", "UTC+3:30", "UTC-5", "UTC".
std::string FormatUtcOffset(int32_t offset_min);

class LocalZone {
 public:
  // An IANA zone name ("Asia/Damascus"); NotFound names it.
  static Result<LocalZone> Find(std::string_view name);
  static LocalZone Utc();

  const std::string& name() const { return name_; }
  // The zone's offset from UTC at an instant, minutes.
  int32_t OffsetMin(int64_t utc_ms) const;
  // The local date at an instant.
  CivilDay DayOf(int64_t utc_ms) const;
  // The instant `minutes` after the local midnight that starts `day` (a
  // local time skipped by a daylight-saving change gives the change's
  // instant; one that happens twice, the first).
  int64_t At(CivilDay day, int minutes) const;
  int64_t StartOf(CivilDay day) const { return At(day, 0); }
  // "14:20" local.
  std::string ClockTime(int64_t utc_ms) const;

 private:
  LocalZone(std::string name, const date::time_zone* zone) : name_(std::move(name)), zone_(zone) {}
  std::string name_;
  const date::time_zone* zone_;  // null: UTC
};

}  // namespace truce
