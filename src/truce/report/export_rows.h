// Inside the exports (export.h): the incidents' and ACLED's rows, built in
// export_incidents.cc.
#pragma once

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "truce/report/export.h"

namespace truce::report {

// Rows made beforehand, given out a batch at a time.
class MadeRows final : public ExportRows {
 public:
  MadeRows(std::string_view layer, std::span<const Column> columns, std::vector<Row> rows)
      : layer_(layer), columns_(columns), rows_(std::move(rows)) {}
  std::string_view layer() const override { return layer_; }
  std::span<const Column> columns() const override { return columns_; }
  Result<bool> Next(size_t max, std::vector<Row>* out) override {
    const size_t n = std::min(max, rows_.size() - at_);
    out->clear();
    for (size_t i = 0; i < n; ++i) out->push_back(std::move(rows_[at_ + i]));
    at_ += n;
    return at_ < rows_.size();
  }

 private:
  std::string_view layer_;
  std::span<const Column> columns_;
  std::vector<Row> rows_;
  size_t at_ = 0;
};

// Held text, or none when it is empty.
inline Cell HeldTextOrNone(std::string s) { return s.empty() ? Cell() : Cell(std::move(s)); }

// The incidents `request` asks for as they stood at `point`: the
// incidents table, or ACLED's columns when the format is acled.
Result<std::unique_ptr<ExportRows>> OpenIncidents(Center& center, const ExportRequest& request,
                                                  const RegisterPoint& point,
                                                  const std::function<void(size_t)>& progress);

}  // namespace truce::report
