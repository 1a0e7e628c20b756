#include "truce/cli/clock_commands.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>

namespace truce::cli {

Result<int64_t> ManualClockStart(const std::string& value) {
  if (value == "now") return SystemClock::Instance().NowMs();
  auto t = ParseRfc3339(value);
  if (!t.ok()) return Status::Invalid("--manual-clock: give now or an RFC 3339 time: " + t.status().message());
  return t->utc_ms;
}

ClockCommands::ClockCommands(ManualClock& clock, LiveFindings* findings, server::Cosigning* cosigning,
                             std::function<void()> at_end)
    : clock_(clock), findings_(findings), cosigning_(cosigning), at_end_(std::move(at_end)) {
  if (::pipe2(stop_pipe_, O_CLOEXEC) != 0) stop_pipe_[0] = stop_pipe_[1] = -1;
  thread_ = std::thread([this] { Loop(); });
}

ClockCommands::~ClockCommands() {
  if (stop_pipe_[1] >= 0) (void)::write(stop_pipe_[1], "x", 1);
  thread_.join();
  for (int fd : stop_pipe_) {
    if (fd >= 0) ::close(fd);
  }
}

std::string ClockCommands::Answer(const std::string& line) {
  if (line.rfind("advance ", 0) == 0) {
    int64_t ms = -1;
    const char* begin = line.data() + 8;
    const char* end = line.data() + line.size();
    auto [at, ec] = std::from_chars(begin, end, ms);
    if (ec != std::errc() || at != end || ms < 0) {
      return "error: advance takes a whole number of milliseconds, 0 or more, not '" + line.substr(8) + "'";
    }
    clock_.Advance(ms);
  } else if (line == "sync") {
    if (findings_) findings_->Sync();
  } else if (line == "witnessed") {
    if (cosigning_) cosigning_->WaitSent();
  } else {
    return "error: '" + line + "' is not a command (advance MS, sync, witnessed)";
  }
  return "clock " + std::to_string(clock_.NowMs());
}

void ClockCommands::Loop() {
  std::string buffer;
  char chunk[4096];
  while (true) {
    pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    if (::poll(fds, stop_pipe_[0] >= 0 ? 2 : 1, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[1].revents) return;  // the server is stopping
    const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    buffer.append(chunk, size_t(n));
    for (size_t eol; (eol = buffer.find('\n')) != std::string::npos;) {
      std::string line = buffer.substr(0, eol);
      buffer.erase(0, eol + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      std::printf("%s\n", Answer(line).c_str());
      std::fflush(stdout);
    }
  }
  at_end_();
}

}  // namespace truce::cli
