// truce serve --manual-clock: the server runs on a ManualClock, which moves
// only when a test tells it to, and reads the test's commands on its stdin,
// one a line, each answered with one line on stdout:
//
//   advance MS   the clock moves MS milliseconds on; every thread that
//                waits for a time is woken (findings, cosigning), and
//                rate-limit buckets refill by that much
//   sync         answers once the findings have caught up with everything
//                committed before the command
//   witnessed    answers once every witness that had not cosigned the
//                newest checkpoint has been sent it and has answered
//
// The answer is "clock MS" (the clock's reading, milliseconds since the
// epoch), or "error: ..." for a line that is none of these. At the end of
// stdin the server stops, so a test that goes away takes its server along.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <thread>

#include "truce/core/status.h"
#include "truce/core/time.h"
#include "truce/findings/live_findings.h"
#include "truce/server/cosigning.h"

namespace truce::cli {

// --manual-clock's value: "now" (the system clock's reading) or an RFC 3339
// time. Milliseconds since the epoch.
Result<int64_t> ManualClockStart(const std::string& value);

class ClockCommands {
 public:
  // Reads stdin on a thread of its own until its end, then calls `at_end`.
  // `findings` and `cosigning` may be null (a command about them answers at
  // once); all outlive this.
  ClockCommands(ManualClock& clock, LiveFindings* findings, server::Cosigning* cosigning, std::function<void()> at_end);
  // Stops reading, after the command under way has been answered.
  ~ClockCommands();
  ClockCommands(const ClockCommands&) = delete;
  ClockCommands& operator=(const ClockCommands&) = delete;

  // One command line's answer (without the newline).
  std::string Answer(const std::string& line);

 private:
  void Loop();

  ManualClock& clock_;
  LiveFindings* findings_;
  server::Cosigning* cosigning_;
  std::function<void()> at_end_;
  int stop_pipe_[2] = {-1, -1};  // written to by the destructor to end Loop
  std::thread thread_;
};

}  // namespace truce::cli
