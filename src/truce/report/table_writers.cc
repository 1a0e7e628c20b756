// CSV and GeoJSON (docs/EXPORTS.md, "How cells are written").
#include <charconv>
#include <cstdint>
#include <cstring>

#include <nlohmann/json.hpp>

#include "truce/report/export.h"

namespace truce::report {
namespace {

// Lists in a CSV cell: items joined by ';' (a ';' inside an item is kept;
// no item the center writes has one but free text, which is never a list).
constexpr char kListSeparator = ';';

void AppendNumber(int64_t v, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, end);
}

// The shortest text that reads back as the same double.
void AppendNumber(double v, std::string* out) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, end);
}

// Spreadsheets run a cell starting with one of these as a formula (OWASP,
// "CSV injection"); a report's text comes from the parties and the news.
bool LooksLikeFormula(std::string_view s) {
  return !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

// Whether a cell must be quoted: it holds a separator, a quote or a line
// break, or starts or ends with a space that a reader might trim.
bool NeedsQuotes(std::string_view s) {
  if (s.empty()) return false;
  if (s.front() == ' ' || s.back() == ' ') return true;
  // Eight characters at a time (a byte equal to b makes x ^ b*ones have a
  // zero byte, which the subtraction finds): most cells are plain, and a
  // million rows hold some 200 million characters to look at.
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  auto has = [](uint64_t x, unsigned char b) {
    const uint64_t y = x ^ (kOnes * b);
    return (y - kOnes) & ~y & kHighs;
  };
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if (has(x, ',') | has(x, '"') | has(x, '\r') | has(x, '\n')) return true;
  }
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  }
  return false;
}

void AppendCsvText(std::string_view s, std::string* out) {
  const bool formula = LooksLikeFormula(s);
  if (!formula && !NeedsQuotes(s)) {
    out->append(s);
    return;
  }
  out->push_back('"');
  if (formula) out->push_back('\'');
  // A quote inside is written twice; the runs between quotes at once.
  for (size_t at = 0;;) {
    const size_t q = s.find('"', at);
    if (q == std::string_view::npos) {
      out->append(s.substr(at));
      break;
    }
    out->append(s.substr(at, q + 1 - at));
    out->push_back('"');
    at = q + 1;
  }
  out->push_back('"');
}

class CsvWriter final : public TableWriter {
 public:
  explicit CsvWriter(bool hxl) : hxl_(hxl) {}

  void Begin(std::string_view, std::span<const Column> columns, std::string* out) override {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out->push_back(',');
      out->append(columns[i].name);
    }
    out->append("\r\n");
    if (!hxl_) return;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) out->push_back(',');
      out->append(columns[i].hxl);
    }
    out->append("\r\n");
  }

  void Write(const Row& row, std::string* out) override {
    for (size_t i = 0; i < row.cells.size(); ++i) {
      if (i > 0) out->push_back(',');
      VisitCell(row.cells[i], [&](const auto& v) { Append(v, out); });
    }
    out->append("\r\n");
  }

  void End(std::string*) override {}

 private:
  void Append(std::monostate, std::string*) {}
  void Append(int64_t n, std::string* out) { AppendNumber(n, out); }
  void Append(double d, std::string* out) { AppendNumber(d, out); }
  void Append(bool b, std::string* out) { out->append(b ? "true" : "false"); }
  void Append(std::string_view s, std::string* out) { AppendCsvText(s, out); }
  void Append(const Instant& t, std::string* out) { AppendRfc3339(t, out); }
  void Append(std::span<const std::string> items, std::string* out) {
    joined_.clear();
    for (const std::string& item : items) {
      if (!joined_.empty()) joined_.push_back(kListSeparator);
      joined_ += item;
    }
    AppendCsvText(joined_, out);
  }

  bool hxl_;
  std::string joined_;
};

class GeoJsonWriter final : public TableWriter {
 public:
  void Begin(std::string_view layer, std::span<const Column> columns, std::string* out) override {
    columns_ = columns;
    out->append(R"({"type":"FeatureCollection","name":)");
    out->append(nlohmann::json(layer).dump());
    out->append(R"(,"features":[)");
    out->push_back('\n');
  }

  void Write(const Row& row, std::string* out) override {
    nlohmann::json props = nlohmann::json::object();
    for (size_t i = 0; i < row.cells.size() && i < columns_.size(); ++i) {
      nlohmann::json& value = props[std::string(columns_[i].name)];
      VisitCell(row.cells[i], [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          value = nullptr;
        } else if constexpr (std::is_same_v<T, Instant>) {
          value = FormatRfc3339(v);
        } else if constexpr (std::is_same_v<T, std::span<const std::string>>) {
          value = nlohmann::json::array();
          for (const std::string& item : v) value.push_back(item);
        } else {
          value = v;
        }
      });
    }
    if (!first_) out->append(",\n");
    first_ = false;
    out->append(R"({"type":"Feature","geometry":{"type":"Point","coordinates":[)");
    AppendNumber(row.lon, out);
    out->push_back(',');
    AppendNumber(row.lat, out);
    out->append(R"(]},"properties":)");
    out->append(props.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    out->push_back('}');
  }

  void End(std::string* out) override { out->append("\n]}\n"); }

 private:
  std::span<const Column> columns_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<TableWriter> MakeCsvWriter(bool hxl) { return std::make_unique<CsvWriter>(hxl); }
std::unique_ptr<TableWriter> MakeGeoJsonWriter() { return std::make_unique<GeoJsonWriter>(); }

}  // namespace truce::report
