#include "truce/intake/batch.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

#include "truce/intake/json_report.h"

namespace truce::intake {

std::optional<InputFormat> ParseInputFormat(std::string_view name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "json") return InputFormat::kJson;
  if (name == "jsonl" || name == "ndjson") return InputFormat::kJsonl;
  if (name == "csv") return InputFormat::kCsv;
  if (name == "geojson") return InputFormat::kGeoJson;
  return std::nullopt;
}

InputFormat FormatForPath(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".jsonl") || ends(".ndjson")) return InputFormat::kJsonl;
  if (ends(".geojson")) return InputFormat::kGeoJson;
  if (ends(".csv")) return InputFormat::kCsv;
  if (ends(".json")) return InputFormat::kJson;
  return InputFormat::kAuto;
}

std::optional<BatchPolicy> ParseBatchPolicy(std::string_view name) {
  if (name == "reject") return BatchPolicy::kRejectAll;
  if (name == "skip") return BatchPolicy::kSkipBad;
  return std::nullopt;
}

std::vector<size_t> ArrayElementLines(std::string_view s) {
  std::vector<size_t> lines;
  size_t line = 1, depth = 0;
  bool in_string = false, escaped = false, expecting = false;
  for (char c : s) {
    if (c == '\n') ++line;
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (depth == 1 && expecting && c != ']') {
      lines.push_back(line);
      expecting = false;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') {
      ++depth;
      if (depth == 1) expecting = true;
    } else if (c == ']' || c == '}') {
      if (depth == 0) break;
      --depth;
      if (depth == 0) break;
    } else if (c == ',' && depth == 1) {
      expecting = true;
    }
  }
  return lines;
}

std::string DescribeJsonError(std::string_view json) {
  try {
    nlohmann::json parsed = nlohmann::json::parse(json);  // for its exception: where the text breaks
    (void)parsed;
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 9: ..."
    std::string what = e.what();
    size_t at = what.find("parse error");
    return at == std::string::npos ? what : what.substr(at);
  } catch (const nlohmann::json::exception& e) {
    // Valid JSON syntax that no double can hold, such as 1e400.
    std::string what = e.what();
    size_t at = what.find("] ");
    return at == std::string::npos ? what : what.substr(at + 2);
  }
  return "malformed JSON";
}

// The 1-based line holding the first byte that is not UTF-8.
size_t FirstLineNotUtf8(std::string_view data) {
  size_t line = 1;
  for (size_t start = 0; start < data.size();) {
    size_t eol = data.find('\n', start);
    if (eol == std::string_view::npos) eol = data.size();
    if (!simdjson::validate_utf8(data.data() + start, eol - start)) return line;
    start = eol + 1;
    ++line;
  }
  return line;
}

BatchReader::BatchReader(std::string_view data, InputFormat format, const Mission& mission, const Tagger& tagger)
    : data_(data), format_(format), mission_(mission), tagger_(tagger) {
  // A byte-order mark, as spreadsheets and some editors write, is not data.
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") data_.remove_prefix(3);
  if (!simdjson::validate_utf8(data_.data(), data_.size())) {
    status_ = Status::Invalid("line " + std::to_string(FirstLineNotUtf8(data_)) +
                              " is not valid UTF-8; save the file as UTF-8");
    return;
  }
  Detect();
  if (status_.ok() && format_ == InputFormat::kCsv) {
    csv_ = CsvCursor(data_);
    std::vector<std::string> header;
    std::string error;
    if (!csv_.Next(&header, &error)) {
      status_ = Status::Invalid("the CSV input is empty; it needs a header row");
    } else if (!error.empty()) {
      status_ = Status::Invalid("line 1: " + error);
    } else {
      status_ = csv_columns_.Init(header);
    }
    pos_ = csv_.offset();
  }
}

void BatchReader::Detect() {
  if (format_ != InputFormat::kAuto && format_ != InputFormat::kJson) return;
  size_t first = data_.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    status_ = Status::Invalid("the input is empty");
    return;
  }
  if (data_[first] == '[') {
    format_ = InputFormat::kJson;
    return;
  }
  if (data_[first] != '{') {
    if (format_ == InputFormat::kJson) {
      status_ = Status::Invalid("the input is not a JSON report, array or JSONL: it starts with '" +
                                std::string(1, data_[first]) + "'");
    } else {
      format_ = InputFormat::kCsv;  // a header row of column names
    }
    return;
  }
  // A first line that is a whole JSON value means one object a line.
  size_t eol = data_.find('\n', first);
  if (eol != std::string_view::npos && data_.find_first_not_of(" \t\r\n", eol) != std::string_view::npos) {
    simdjson::dom::element e;
    if (parser_.parse(data_.data() + first, eol - first).get(e) == simdjson::SUCCESS) {
      format_ = InputFormat::kJsonl;
      return;
    }
  }
  format_ = InputFormat::kJson;
}

void BatchReader::ReadElements(simdjson::dom::array elements, const std::vector<size_t>& lines,
                               void (*read)(simdjson::dom::element, ReportFields*), Chunk* chunk) {
  size_t i = 0;
  for (simdjson::dom::element e : elements) {
    ReportFields fields(mission_);
    read(e, &fields);
    Accept(fields, i < lines.size() ? lines[i] : 0, chunk);
    ++i;
  }
}

bool ReadReportValue(const nlohmann::json& value, const Mission& mission, const Tagger& tagger, Report* out,
                     RowError* error) {
  ReportFields fields(mission);
  ReadReportJson(value, &fields);
  if (!fields.Finish(out, error)) return false;
  tagger.Tag(out);
  return true;
}

void BatchReader::Accept(ReportFields& fields, size_t line, Chunk* chunk) {
  Report r;
  RowError error;
  if (!fields.Finish(&r, &error)) {
    error.line = line;
    chunk->errors.push_back(std::move(error));
    return;
  }
  tagger_.Tag(&r);
  chunk->reports.push_back(std::move(r));
  chunk->lines.push_back(line);
}

bool BatchReader::Next(size_t max_rows, Chunk* chunk) {
  chunk->reports.clear();
  chunk->lines.clear();
  chunk->errors.clear();
  if (!status_.ok()) return false;
  switch (format_) {
    case InputFormat::kJsonl:
      return ReadJsonl(max_rows, chunk);
    case InputFormat::kCsv:
      return ReadCsv(max_rows, chunk);
    default:
      if (document_done_) return false;
      ReadJsonDocument(chunk);
      document_done_ = true;
      pos_ = data_.size();
      return status_.ok();
  }
}

void BatchReader::ReadJsonDocument(Chunk* chunk) {
  simdjson::dom::element doc;
  if (parser_.parse(data_.data(), data_.size()).get(doc) != simdjson::SUCCESS) {
    status_ = Status::Invalid("malformed JSON: " + DescribeJsonError(data_));
    return;
  }
  std::string_view type;
  bool collection =
      doc.is_object() && doc["type"].get_string().get(type) == simdjson::SUCCESS && type == "FeatureCollection";
  if (format_ == InputFormat::kGeoJson && !collection) {
    status_ = Status::Invalid("a GeoJSON input must be a FeatureCollection of report features");
    return;
  }
  if (collection) {
    simdjson::dom::array features;
    if (doc["features"].get_array().get(features) != simdjson::SUCCESS) {
      status_ = Status::Invalid("the FeatureCollection has no features array");
      return;
    }
    // The features array's elements' lines, found by a scan from its '['.
    std::vector<size_t> lines;
    size_t features_at = data_.find("\"features\"");
    size_t open = features_at == std::string_view::npos ? features_at : data_.find('[', features_at);
    if (open != std::string_view::npos) {
      lines = ArrayElementLines(data_.substr(open));
      size_t before = size_t(std::count(data_.begin(), data_.begin() + long(open), '\n'));
      for (size_t& l : lines) l += before;
    }
    ReadElements(features, lines, ReadReportFeature, chunk);
    return;
  }
  if (doc.is_array()) {
    ReadElements(doc.get_array().value_unsafe(), ArrayElementLines(data_), ReadReportJson, chunk);
    return;
  }
  ReportFields fields(mission_);
  ReadReportJson(doc, &fields);
  size_t first = data_.find_first_not_of(" \t\r\n");
  Accept(fields, 1 + size_t(std::count(data_.begin(), data_.begin() + long(first), '\n')), chunk);
}

bool BatchReader::ReadJsonl(size_t max_rows, Chunk* chunk) {
  size_t rows = 0;
  while (pos_ < data_.size() && rows < max_rows) {
    const char* start = data_.data() + pos_;
    const char* nl = static_cast<const char*>(std::memchr(start, '\n', data_.size() - pos_));
    size_t len = nl ? size_t(nl - start) : data_.size() - pos_;
    std::string_view line(start, len);
    size_t line_no = line_++;
    pos_ += len + (nl ? 1 : 0);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++rows;
    simdjson::dom::element e;
    if (parser_.parse(line.data(), line.size()).get(e) != simdjson::SUCCESS) {
      chunk->errors.push_back(RowError{line_no, "", "malformed JSON: " + DescribeJsonError(line)});
      continue;
    }
    ReportFields fields(mission_);
    ReadReportJson(e, &fields);
    Accept(fields, line_no, chunk);
  }
  return rows > 0 || pos_ < data_.size();
}

bool BatchReader::ReadCsv(size_t max_rows, Chunk* chunk) {
  std::vector<std::string> row;
  std::string error;
  size_t rows = 0;
  while (rows < max_rows && csv_.Next(&row, &error)) {
    ++rows;
    size_t line = csv_.record_line();
    if (!error.empty()) {
      chunk->errors.push_back(RowError{line, "", error});
      continue;
    }
    ReportFields fields(mission_);
    csv_columns_.Read(row, &fields);
    Accept(fields, line, chunk);
  }
  pos_ = csv_.offset();
  return rows > 0;
}

}  // namespace truce::intake
