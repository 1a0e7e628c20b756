#include "truce/core/time.h"

#include <date/date.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "truce/core/timed_condition.h"

namespace truce {
namespace {

// Reads exactly n decimal digits at pos; false if any is not a digit.
bool Digits(std::string_view s, size_t pos, int n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

Status Bad(std::string_view text, const char* what) {
  return Status::Invalid("'" + std::string(text.substr(0, 40)) + "' is not an RFC 3339 time: " + what +
                         " (expected e.g. 2020-03-10T14:20:00+03:00)");
}

}  // namespace

Result<Instant> ParseRfc3339(std::string_view s) {
  int year, month, day, hour, minute, second = 0, millis = 0;
  if (!Digits(s, 0, 4, &year) || s.size() < 5 || s[4] != '-' || !Digits(s, 5, 2, &month) || s.size() < 8 ||
      s[7] != '-' || !Digits(s, 8, 2, &day)) {
    return Bad(s, "the date must be YYYY-MM-DD");
  }
  if (s.size() < 11 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) {
    return Bad(s, "a time of day with its zone must follow the date");
  }
  if (!Digits(s, 11, 2, &hour) || s.size() < 14 || s[13] != ':' || !Digits(s, 14, 2, &minute)) {
    return Bad(s, "the time must be HH:MM or HH:MM:SS");
  }
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2, &second)) return Bad(s, "seconds must be two digits");
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      size_t begin = pos;
      int scale = 100;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        millis += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == begin) return Bad(s, "a fraction of a second needs digits");
    }
  }
  int offset_min = 0;
  if (pos >= s.size()) {
    return Bad(s, "the time zone is missing; add Z or an offset such as +03:00");
  }
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!Digits(s, pos + 1, 2, &oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !Digits(s, pos + 4, 2, &om)) {
      return Bad(s, "the offset must be +HH:MM or -HH:MM");
    }
    if (oh > 23 || om > 59) return Bad(s, "the offset is out of range");
    offset_min = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
    pos += 6;
  } else {
    return Bad(s, "the time zone must be Z or +HH:MM");
  }
  if (pos != s.size()) return Bad(s, "unexpected characters after the time zone");

  auto ymd = date::year{year} / date::month{static_cast<unsigned>(month)} / date::day{static_cast<unsigned>(day)};
  if (!ymd.ok()) return Bad(s, "no such calendar date");
  // 60 is allowed for a leap second and folded into the next minute's start.
  if (hour > 23 || minute > 59 || second > 60) return Bad(s, "the time of day is out of range");

  int64_t days = date::sys_days{ymd}.time_since_epoch().count();
  int64_t local_ms = ((days * 24 + hour) * 60 + minute) * 60'000 + int64_t{second} * 1000 + millis;
  return Instant{local_ms - int64_t{offset_min} * 60'000, offset_min};
}

std::string FormatRfc3339(const Instant& t) {
  std::string out;
  AppendRfc3339(t, &out);
  return out;
}

void AppendRfc3339(const Instant& t, std::string* out) {
  int64_t local_ms = t.utc_ms + int64_t{t.offset_min} * 60'000;
  auto tp = date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{local_ms}};
  auto dp = date::floor<date::days>(tp);
  date::year_month_day ymd{dp};
  date::hh_mm_ss hms{tp - dp};
  // Digits written by hand into a buffer appended at once: exports format
  // millions of times, and snprintf's format parsing was most of their cost.
  char buf[48];
  char* p = buf;
  auto two = [&p](int v) {
    *p++ = char('0' + v / 10);
    *p++ = char('0' + v % 10);
  };
  if (const int year = int(ymd.year()); year >= 0 && year <= 9999) {
    two(year / 100);
    two(year % 100);
  } else {  // outside RFC 3339; written as it is
    p += std::snprintf(p, 16, "%04d", year);
  }
  *p++ = '-';
  two(int(unsigned(ymd.month())));
  *p++ = '-';
  two(int(unsigned(ymd.day())));
  *p++ = 'T';
  two(int(hms.hours().count()));
  *p++ = ':';
  two(int(hms.minutes().count()));
  *p++ = ':';
  two(int(hms.seconds().count()));
  if (const int ms = int(hms.subseconds().count()); ms != 0) {
    *p++ = '.';
    *p++ = char('0' + ms / 100);
    two(ms % 100);
  }
  if (t.offset_min == 0) {
    *p++ = 'Z';
  } else {
    const int a = t.offset_min < 0 ? -t.offset_min : t.offset_min;
    *p++ = t.offset_min < 0 ? '-' : '+';
    two(a / 60);
    *p++ = ':';
    two(a % 60);
  }
  out->append(buf, size_t(p - buf));
}

Result<TimeInterval> MakeInterval(Instant start, Instant end) {
  if (end.utc_ms < start.utc_ms) {
    return Status::Invalid("the interval ends (" + FormatRfc3339(end) + ") before it starts (" + FormatRfc3339(start) +
                           ")");
  }
  return TimeInterval{start, end};
}

int64_t SystemClock::NowMs() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const SystemClock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

void ManualClock::Advance(int64_t ms) {
  now_ms_ += ms;
  WakeWatchers();
}

void ManualClock::Set(int64_t ms) {
  now_ms_ = ms;
  WakeWatchers();
}

void ManualClock::Watch(TimedCondition* c) const {
  MutexLock lock(watchers_mu_);
  watchers_.push_back(c);
}

void ManualClock::Unwatch(TimedCondition* c) const {
  MutexLock lock(watchers_mu_);
  watchers_.erase(std::remove(watchers_.begin(), watchers_.end(), c), watchers_.end());
}

void ManualClock::WakeWatchers() const {
  MutexLock lock(watchers_mu_);
  for (TimedCondition* c : watchers_) c->Wake();
}

}  // namespace truce
