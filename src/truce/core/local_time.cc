#include "truce/core/local_time.h"

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace truce {
namespace {

using Ms = std::chrono::milliseconds;

date::year_month_day Ymd(CivilDay day) { return date::year_month_day(date::sys_days(date::days(day))); }

bool Digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

int Number(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

Result<CivilDay> ParseCivilDay(std::string_view text, std::string_view what) {
  auto bad = [&](const std::string& why) {
    return Status::Invalid(std::string(what) + ": '" + std::string(text) + "' " + why);
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !Digits(text.substr(0, 4)) ||
      !Digits(text.substr(5, 2)) || !Digits(text.substr(8, 2))) {
    return bad("is not a date: write YYYY-MM-DD, e.g. 2020-03-15");
  }
  date::year_month_day ymd{date::year(Number(text.substr(0, 4))), date::month(unsigned(Number(text.substr(5, 2)))),
                           date::day(unsigned(Number(text.substr(8, 2))))};
  if (!ymd.ok()) return bad("is not a day of the calendar");
  return CivilDay(date::sys_days(ymd).time_since_epoch().count());
}

std::string FormatCivilDay(CivilDay day) {
  auto ymd = Ymd(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

namespace {
constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};
}  // namespace

std::string ShortDay(CivilDay day) {
  auto ymd = Ymd(day);
  return std::to_string(unsigned(ymd.day())) + " " + kMonths[unsigned(ymd.month()) - 1];
}

std::string LongDay(CivilDay day) { return ShortDay(day) + " " + std::to_string(int(Ymd(day).year())); }

Result<int> ParseClockTime(std::string_view text, std::string_view what) {
  if (text.size() != 5 || text[2] != ':' || !Digits(text.substr(0, 2)) || !Digits(text.substr(3, 2))) {
    return Status::Invalid(std::string(what) + ": '" + std::string(text) + "' is not a time: write HH:MM, e.g. 19:30");
  }
  int h = Number(text.substr(0, 2)), m = Number(text.substr(3, 2));
  if (h > 24 || m > 59 || (h == 24 && m != 0)) {
    return Status::Invalid(std::string(what) + ": '" + std::string(text) + "' is not a time of day (00:00 to 24:00)");
  }
  return h * 60 + m;
}

std::string FormatUtcOffset(int32_t offset_min) {
  if (offset_min == 0) return "UTC";
  const int a = offset_min < 0 ? -offset_min : offset_min;
  std::string out = std::string("UTC") + (offset_min < 0 ? "-" : "+") + std::to_string(a / 60);
  if (a % 60 != 0) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ":%02d", a % 60);
    out += buf;
  }
  return out;
}

Result<LocalZone> LocalZone::Find(std::string_view name) {
  if (name == "UTC" || name == "Etc/UTC") return Utc();
  try {
    return LocalZone(std::string(name), date::locate_zone(name));
  } catch (const std::exception&) {
    return Status::NotFound("time zone '" + std::string(name) +
                            "' is not in the IANA time zone database (/usr/share/zoneinfo, Debian's tzdata); "
                            "write a name such as Asia/Damascus or Asia/Baku");
  }
}

LocalZone LocalZone::Utc() { return LocalZone("UTC", nullptr); }

int32_t LocalZone::OffsetMin(int64_t utc_ms) const {
  if (!zone_) return 0;
  auto info = zone_->get_info(date::sys_time<Ms>(Ms(utc_ms)));
  return int32_t(info.offset.count() / 60);
}

CivilDay LocalZone::DayOf(int64_t utc_ms) const {
  const int64_t local_ms = utc_ms + int64_t(OffsetMin(utc_ms)) * 60'000;
  return CivilDay(date::floor<date::days>(date::sys_time<Ms>(Ms(local_ms))).time_since_epoch().count());
}

int64_t LocalZone::At(CivilDay day, int minutes) const {
  const auto local = date::local_days(date::days(day)) + std::chrono::minutes(minutes);
  if (!zone_) return std::chrono::duration_cast<Ms>(local.time_since_epoch()).count();
  // choose::earliest: a time met twice is taken the first time; one
  // skipped gives the instant of the change (date::tz's rule).
  auto sys = zone_->to_sys(local, date::choose::earliest);
  return std::chrono::duration_cast<Ms>(sys.time_since_epoch()).count();
}

std::string LocalZone::ClockTime(int64_t utc_ms) const {
  const int64_t local_ms = utc_ms + int64_t(OffsetMin(utc_ms)) * 60'000;
  int64_t minute_of_day = ((local_ms / 60'000) % 1440 + 1440) % 1440;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", int(minute_of_day / 60), int(minute_of_day % 60));
  return buf;
}

}  // namespace truce
