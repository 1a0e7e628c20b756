// NMEA 0183: "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47".
#include <date/date.h>

#include <charconv>
#include <cmath>
#include <cstdio>

#include "truce/patrol/track_file.h"

namespace truce::patrol {
namespace {

// The standard allows 82 characters; receivers' proprietary sentences run
// a little longer. Anything past this is not a sentence.
constexpr size_t kMaxSentence = 120;
constexpr int64_t kDayMs = 86'400'000;

std::vector<std::string_view> Split(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    const size_t comma = s.find(',', start);
    out.push_back(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

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

// "123519" or "123519.25": milliseconds into the day.
Result<int64_t> TimeOfDay(std::string_view s) {
  const std::string_view whole = s.substr(0, s.find('.'));
  if (whole.size() != 6 || !Digits(whole))
    return Status::Invalid("time '" + std::string(s.substr(0, 12)) + "' is not hhmmss");
  const int h = Number(whole.substr(0, 2)), m = Number(whole.substr(2, 2)), sec = Number(whole.substr(4, 2));
  if (h > 23 || m > 59 || sec > 60) return Status::Invalid("time '" + std::string(whole) + "' is not a time of day");
  int64_t ms = ((h * 60 + m) * 60 + sec) * 1000;
  if (s.size() > 6) {
    const std::string_view frac = s.substr(7, 3);
    if (s[6] != '.' || (s.size() > 7 && !Digits(s.substr(7))))
      return Status::Invalid("time '" + std::string(s.substr(0, 12)) + "' is not hhmmss.ss");
    int scale = 100;
    for (char c : frac) {
      ms += (c - '0') * scale;
      scale /= 10;
    }
  }
  return ms;
}

// "ddmmyy": the UTC midnight of that day. Two-digit years are 1980-2079,
// the GPS era.
Result<int64_t> Day(std::string_view s) {
  if (s.size() != 6 || !Digits(s)) return Status::Invalid("date '" + std::string(s.substr(0, 12)) + "' is not ddmmyy");
  const int d = Number(s.substr(0, 2)), m = Number(s.substr(2, 2)), yy = Number(s.substr(4, 2));
  const auto ymd = date::year{yy < 80 ? 2000 + yy : 1900 + yy} / date::month{unsigned(m)} / date::day{unsigned(d)};
  if (!ymd.ok()) return Status::Invalid("date '" + std::string(s) + "' is not a day of the calendar");
  return int64_t(date::sys_days{ymd}.time_since_epoch().count()) * kDayMs;
}

// "4807.038","N" → 48.1173. Degrees then minutes; `degree_digits` is 2 for
// latitude and 3 for longitude.
Result<double> Angle(std::string_view value, std::string_view hemisphere, int degree_digits, const char* name) {
  const size_t dot = value.find('.');
  const std::string_view whole = value.substr(0, dot);
  if (whole.size() != size_t(degree_digits + 2) || !Digits(whole) ||
      (dot != std::string_view::npos && !Digits(value.substr(dot + 1)))) {
    return Status::Invalid(std::string(name) + " '" + std::string(value.substr(0, 16)) + "' is not " +
                           (degree_digits == 2 ? "ddmm.mmmm" : "dddmm.mmmm"));
  }
  double minutes = 0;
  std::from_chars(value.data() + degree_digits, value.data() + value.size(), minutes);
  const int degrees = Number(whole.substr(0, size_t(degree_digits)));
  const double limit = degree_digits == 2 ? 90 : 180;
  double v = degrees + minutes / 60;
  if (minutes >= 60 || v > limit)
    return Status::Invalid(std::string(name) + " '" + std::string(value) + "' is out of range");
  const char positive = degree_digits == 2 ? 'N' : 'E', negative = degree_digits == 2 ? 'S' : 'W';
  if (hemisphere.size() != 1 || (hemisphere[0] != positive && hemisphere[0] != negative)) {
    return Status::Invalid(std::string(name) + " hemisphere '" + std::string(hemisphere.substr(0, 4)) + "' is not " +
                           positive + " or " + negative);
  }
  return hemisphere[0] == negative ? -v : v;
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

Result<TrackFile> ParseNmea(std::string_view text, const NmeaOptions& options) {
  if (text.size() > kMaxTrackFileBytes) {
    return Status::Invalid("the log is " + std::to_string(text.size() >> 20) + " MiB; at most " +
                           std::to_string(kMaxTrackFileBytes >> 20) + " MiB is read: split it");
  }
  TrackFile out;
  std::optional<int64_t> day = options.day_ms;
  int64_t last_time_of_day = -1;
  bool any_sentence = false;
  size_t line_no = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    auto skip = [&](std::string message) { out.skipped.push_back({line_no, "", std::move(message)}); };
    if (line[0] != '$') {
      skip("not an NMEA sentence: it does not start with $");
      continue;
    }
    any_sentence = true;
    if (line.size() > kMaxSentence) {
      skip("longer than an NMEA sentence (" + std::to_string(line.size()) + " characters)");
      continue;
    }
    const size_t star = line.rfind('*');
    if (star == std::string_view::npos || star + 3 != line.size()) {
      skip("no checksum: an NMEA sentence ends with *HH");
      continue;
    }
    int sum = 0;
    for (size_t i = 1; i < star; ++i) sum ^= static_cast<unsigned char>(line[i]);
    const int hi = Hex(line[star + 1]), lo = Hex(line[star + 2]);
    if (hi < 0 || lo < 0 || hi * 16 + lo != sum) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "bad checksum: the sentence says %.2s, its characters give %02X",
                    line.data() + star + 1, sum);
      skip(buf);
      continue;
    }
    const std::vector<std::string_view> f = Split(line.substr(1, star - 1));
    if (f[0].size() != 5 || f[0][0] == 'P') continue;  // proprietary or not a talker sentence
    const std::string_view type = f[0].substr(2);
    const bool gga = type == "GGA", rmc = type == "RMC";
    if (!gga && !rmc) continue;
    if ((gga && f.size() < 9) || (rmc && f.size() < 10)) {
      skip(std::string(type) + " has " + std::to_string(f.size() - 1) + " fields, fewer than it must");
      continue;
    }
    auto tod = TimeOfDay(f[1]);
    if (!tod.ok()) {
      skip(std::string(type) + ": " + tod.status().message());
      continue;
    }
    if (rmc) {
      auto d = Day(f[9]);
      if (!d.ok()) {
        skip("RMC: " + d.status().message());
        continue;
      }
      day = *d;
    } else if (day && last_time_of_day >= 0 && *tod + kDayMs / 2 < last_time_of_day) {
      *day += kDayMs;  // past midnight with no RMC to say so
    }
    last_time_of_day = *tod;
    if (!day) {
      skip("GGA before any RMC sentence has no date: give the day the log was recorded");
      continue;
    }
    const std::string_view quality = gga ? f[6] : f[2];
    if ((gga && (quality.empty() || quality == "0")) || (rmc && quality != "A")) {
      skip(gga ? "no position fix (GGA quality 0)" : "no position fix (RMC status V)");
      continue;
    }
    auto lat = Angle(gga ? f[2] : f[3], gga ? f[3] : f[4], 2, "latitude");
    auto lon = Angle(gga ? f[4] : f[5], gga ? f[5] : f[6], 3, "longitude");
    if (!lat.ok() || !lon.ok()) {
      skip(std::string(type) + ": " + (lat.ok() ? lon.status() : lat.status()).message());
      continue;
    }
    Fix fix{*day + *tod, {*lat, *lon}, options.vehicle, gga ? std::max(1, Number(quality)) : 1, 0};
    if (gga && !f[8].empty()) std::from_chars(f[8].data(), f[8].data() + f[8].size(), fix.hdop);
    // GGA and RMC of one epoch: one fix, with GGA's quality and HDOP.
    if (!out.fixes.empty() && out.fixes.back().t_ms == fix.t_ms) {
      if (gga) {
        out.fixes.back().quality = fix.quality;
        out.fixes.back().hdop = fix.hdop;
      }
      continue;
    }
    out.fixes.push_back(std::move(fix));
  }
  if (!any_sentence) return Status::Invalid("not an NMEA log: no line starts with $");
  return out;
}

}  // namespace truce::patrol
