// BatchReader: a whole input (a file, a request body) read as reports, in
// chunks, each report validated, resolved and tagged.
//
// Formats: one JSON report object; a JSON array of them; JSONL (one object
// a line); CSV with a header (csv.h); a GeoJSON FeatureCollection of Point
// features whose properties are the report fields. Every bad report becomes
// a RowError with its line and field; nothing is dropped silently. Whether a
// bad row spoils the batch is the caller's choice (BatchPolicy).
#pragma once

#include <simdjson.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/report.h"
#include "truce/intake/csv.h"
#include "truce/intake/row_error.h"
#include "truce/mission/mission.h"
#include "truce/mission/tagger.h"

namespace truce::intake {

enum class InputFormat { kAuto, kJson, kJsonl, kCsv, kGeoJson };

std::optional<InputFormat> ParseInputFormat(std::string_view name);
// By file extension: .json, .jsonl/.ndjson, .csv, .geojson; kAuto otherwise.
InputFormat FormatForPath(std::string_view path);

// What to do with a batch that has bad rows.
enum class BatchPolicy {
  kRejectAll,  // store nothing; list every bad row
  kSkipBad,    // store the good rows; list every bad row
};
std::optional<BatchPolicy> ParseBatchPolicy(std::string_view name);

struct Chunk {
  std::vector<Report> reports;
  std::vector<size_t> lines;     // the input line of each report
  std::vector<RowError> errors;  // bad rows, in input order
};

// One report from a value already parsed (a register entry's body, read
// with its entry), validated, resolved and tagged as BatchReader reads each
// row. False, with the first error (its line 0), for a bad report.
bool ReadReportValue(const nlohmann::json& value, const Mission& mission, const Tagger& tagger, Report* out,
                     RowError* error);

class BatchReader {
 public:
  // REQUIRES: data, mission and tagger outlive the reader.
  BatchReader(std::string_view data, InputFormat format, const Mission& mission, const Tagger& tagger);

  // Reads up to max_rows more rows into *chunk (cleared first). Returns
  // false when the input is exhausted and nothing was read.
  bool Next(size_t max_rows, Chunk* chunk);

  // A problem with the input as a whole (not JSON at all, a bad CSV header):
  // then no row is read.
  const Status& status() const { return status_; }
  InputFormat format() const { return format_; }
  size_t bytes_done() const { return pos_; }
  size_t bytes_total() const { return data_.size(); }

 private:
  void Detect();
  void ReadJsonDocument(Chunk* chunk);
  bool ReadJsonl(size_t max_rows, Chunk* chunk);
  bool ReadCsv(size_t max_rows, Chunk* chunk);
  // Reads each element of a JSON array as a report with `read`; lines[i] is
  // the input line of element i.
  void ReadElements(simdjson::dom::array elements, const std::vector<size_t>& lines,
                    void (*read)(simdjson::dom::element, ReportFields*), Chunk* chunk);
  void Accept(ReportFields& fields, size_t line, Chunk* chunk);

  std::string_view data_;
  InputFormat format_;
  const Mission& mission_;
  const Tagger& tagger_;
  Status status_;
  size_t pos_ = 0;
  size_t line_ = 1;  // JSONL: the next line's number
  bool document_done_ = false;
  simdjson::dom::parser parser_;
  CsvCursor csv_{std::string_view()};
  CsvColumns csv_columns_;
};

// The line (1-based) on which each element of the JSON array that `json`
// starts with begins, for error messages.
std::vector<size_t> ArrayElementLines(std::string_view json);

// "at line 3, column 17: ..." for malformed JSON, from a second, slower
// parser that reports positions.
std::string DescribeJsonError(std::string_view json);

}  // namespace truce::intake
