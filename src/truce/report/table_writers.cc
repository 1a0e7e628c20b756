// CSV and GeoJSON (docs/EXPORTS.md, "How cells are written").
#include <charconv>

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

void AppendCsvText(std::string_view s, std::string* out) {
  const bool formula = LooksLikeFormula(s);
  bool quote = formula || (!s.empty() && (s.front() == ' ' || s.back() == ' '));
  for (size_t i = 0; i < s.size() && !quote; ++i) {
    const char c = s[i];
    quote = c == ',' || c == '"' || c == '\r' || c == '\n';
  }
  if (!quote) {
    out->append(s);
    return;
  }
  out->push_back('"');
  if (formula) out->push_back('\'');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
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
      const Cell& c = row.cells[i];
      if (const auto* n = std::get_if<int64_t>(&c)) {
        AppendNumber(*n, out);
      } else if (const auto* d = std::get_if<double>(&c)) {
        AppendNumber(*d, out);
      } else if (const auto* b = std::get_if<bool>(&c)) {
        out->append(*b ? "true" : "false");
      } else if (const auto* s = std::get_if<std::string>(&c)) {
        AppendCsvText(*s, out);
      } else if (const auto* l = std::get_if<std::vector<std::string>>(&c)) {
        joined_.clear();
        for (const std::string& item : *l) {
          if (!joined_.empty()) joined_.push_back(kListSeparator);
          joined_ += item;
        }
        AppendCsvText(joined_, out);
      }
    }
    out->append("\r\n");
  }

  void End(std::string*) override {}

 private:
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
      const std::string key(columns_[i].name);
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
              props[key] = nullptr;
            } else {
              props[key] = v;
            }
          },
          row.cells[i]);
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
