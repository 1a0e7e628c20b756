#include "truce/cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace truce::cli {

ProgressBar::ProgressBar(std::string label, std::string items)
    : label_(std::move(label)),
      items_(std::move(items)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Update(size_t done, size_t total, size_t items) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total) return;
  last_ = now;
  drawn_ = true;
  double frac = total ? double(done) / double(total) : 1.0;
  constexpr int kWidth = 30;
  int filled = int(frac * kWidth);
  char bar[kWidth + 1];
  for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '.';
  bar[kWidth] = 0;
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? double(items) / secs : 0;
  if (items_.empty()) {
    std::fprintf(stderr, "\r%s [%s] %3d%%  %.1f/%.1f MB  %.1f MB/s ", label_.c_str(), bar, int(frac * 100),
                 double(done) / 1e6, double(total) / 1e6, secs > 0 ? double(done) / 1e6 / secs : 0.0);
  } else {
    std::fprintf(stderr, "\r%s [%s] %3d%%  %.1f/%.1f MB  %zu %s  %.0f/s ", label_.c_str(), bar, int(frac * 100),
                 double(done) / 1e6, double(total) / 1e6, items, items_.c_str(), rate);
  }
  std::fflush(stderr);
}

void ProgressBar::Finish() {
  if (enabled_ && drawn_) {
    std::fprintf(stderr, "\r\033[K");
    std::fflush(stderr);
    drawn_ = false;
  }
}

}  // namespace truce::cli
