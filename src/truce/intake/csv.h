// CSV records (RFC 4180): comma-separated, fields optionally in double
// quotes with "" for a quote inside, records ending in LF or CRLF, line
// breaks allowed inside quotes.
//
// The report columns (docs/USER-GUIDE.md, "CSV") are named by a header row in any
// order: id, source_kind, source_party, source_name, category, start, end,
// lat, lon, uncertainty_m, place, weapon_class, count, bearing_deg,
// bearing_error_deg, killed, injured, blames, text, evidence (SHA-256
// digests separated by ';').
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "truce/intake/report_fields.h"

namespace truce::intake {

class CsvCursor {
 public:
  explicit CsvCursor(std::string_view data) : data_(data) {}

  // Reads the next record into *fields. Returns false at the end of input.
  // On a malformed record (an unterminated quote, a quote in the middle of
  // an unquoted field) sets *error and skips to the next line.
  bool Next(std::vector<std::string>* fields, std::string* error);

  size_t record_line() const { return record_line_; }  // 1-based line where the last record began
  size_t offset() const { return pos_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t record_line_ = 0;
};

// The report columns of a header row, by position.
class CsvColumns {
 public:
  // Checks the header: known, unrepeated names, and the required columns
  // (source_kind, category, start, and lat+lon+uncertainty_m or place).
  Status Init(const std::vector<std::string>& header);
  void Read(const std::vector<std::string>& row, ReportFields* fields) const;
  size_t size() const { return columns_.size(); }

  static const std::vector<std::string>& Known();

 private:
  std::vector<int> columns_;  // position -> index into Known()
};

}  // namespace truce::intake
