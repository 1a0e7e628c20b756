#include "truce/cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace truce::cli {
namespace {

std::string Bar(double frac) {
  constexpr int kWidth = 30;
  std::string bar(kWidth, '.');
  for (int i = 0; i < int(frac * kWidth) && i < kWidth; ++i) bar[size_t(i)] = '#';
  return bar;
}

}  // namespace

ProgressBar::ProgressBar(std::string label, std::string items)
    : label_(std::move(label)),
      items_(std::move(items)),
      enabled_(isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

ProgressBar::~ProgressBar() { Finish(); }

bool ProgressBar::Due(bool end) {
  if (!enabled_) return false;
  auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100) && !end) return false;
  last_ = now;
  drawn_ = true;
  return true;
}

void ProgressBar::UpdateItems(size_t items, size_t total) {
  if (!Due(items >= total)) return;
  const double frac = total ? std::min(1.0, double(items) / double(total)) : 1.0;
  const std::string bar = Bar(frac);
  const double secs = std::chrono::duration<double>(last_ - start_).count();
  std::fprintf(stderr, "\r%s [%s] %3d%%  %zu/%zu %s  %.0f/s ", label_.c_str(), bar.c_str(), int(frac * 100), items,
               total, items_.c_str(), secs > 0 ? double(items) / secs : 0.0);
  std::fflush(stderr);
}

void ProgressBar::Update(size_t done, size_t total, size_t items) {
  if (!Due(done >= total)) return;
  auto now = last_;
  double frac = total ? double(done) / double(total) : 1.0;
  const std::string bar = Bar(frac);
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? double(items) / secs : 0;
  if (items_.empty()) {
    std::fprintf(stderr, "\r%s [%s] %3d%%  %.1f/%.1f MB  %.1f MB/s ", label_.c_str(), bar.c_str(), int(frac * 100),
                 double(done) / 1e6, double(total) / 1e6, secs > 0 ? double(done) / 1e6 / secs : 0.0);
  } else {
    std::fprintf(stderr, "\r%s [%s] %3d%%  %.1f/%.1f MB  %zu %s  %.0f/s ", label_.c_str(), bar.c_str(), int(frac * 100),
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
