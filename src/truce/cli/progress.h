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
  // Items of a known total, without bytes ("export [###...] 40%  400000/1000000 rows").
  void UpdateItems(size_t items, size_t total);
  void Finish();

 private:
  std::string label_, items_;
  // Whether to draw now: not more than ten times a second, but the end always.
  bool Due(bool end);
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace truce::cli
