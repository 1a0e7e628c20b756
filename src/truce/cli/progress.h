// A progress bar on standard error for long CLI work. Draws only when
// stderr is a terminal, at most ten times a second, and clears itself.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace truce::cli {

class ProgressBar {
 public:
  // `items`: what the third number of Update counts ("reports"); empty,
  // and the bar shows only bytes.
  explicit ProgressBar(std::string label, std::string items = "reports");
  ~ProgressBar();
  void Update(size_t done, size_t total, size_t items);
  void Finish();

 private:
  std::string label_, items_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace truce::cli
