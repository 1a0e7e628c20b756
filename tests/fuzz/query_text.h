// The fuzz targets' query text, "name=value&name=value", as a map of
// parameters (a pair without '=' is left out; the last of a name wins).
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace truce::fuzz {

inline std::map<std::string, std::string> SplitQueryText(std::string_view text) {
  std::map<std::string, std::string> params;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view pair = text.substr(start, end - start);
    if (const size_t eq = pair.find('='); eq != std::string_view::npos) {
      params[std::string(pair.substr(0, eq))] = std::string(pair.substr(eq + 1));
    }
    start = end + 1;
  }
  return params;
}

}  // namespace truce::fuzz
