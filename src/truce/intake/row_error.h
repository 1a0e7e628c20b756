// RowError: what is wrong with one report of a batch, and where.
#pragma once

#include <cstddef>
#include <string>

namespace truce::intake {

struct RowError {
  size_t line = 0;      // 1-based line in the input (the report's first line); 0 if unknown
  std::string field;    // dotted path of the bad field ("observed.start"), or empty
  std::string message;  // what is wrong and what would be right

  // "reports.csv:12: observed.start: the time zone is missing ..."
  std::string ToString(const std::string& origin) const {
    std::string s = origin;
    if (line > 0) s += (s.empty() ? "line " : ":") + std::to_string(line);
    if (!field.empty()) s += (s.empty() ? "" : ": ") + field;
    return s + (s.empty() ? "" : ": ") + message;
  }
};

}  // namespace truce::intake
