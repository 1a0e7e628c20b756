#include "truce/geo/gazetteer.h"

#include <algorithm>

namespace truce::geo {

double DefaultPlaceRadiusM(std::string_view kind) {
  if (kind == "city") return 4000;
  if (kind == "town") return 2000;
  if (kind == "village") return 1000;
  return 300;  // landmark, crossing and anything smaller
}

std::string Gazetteer::Fold(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (unsigned char c : name) {
    if (c >= 'A' && c <= 'Z') {
      out += char(c - 'A' + 'a');
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
      out += char(c);
    }
  }
  return out;
}

bool Gazetteer::Add(Place place, std::string* clash) {
  std::vector<std::string> keys{Fold(place.name)};
  for (const std::string& alt : place.alt_names) keys.push_back(Fold(alt));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (const std::string& key : keys) {
    auto it = by_name_.find(key);
    if (key.empty() || it != by_name_.end()) {
      if (clash) *clash = key.empty() ? "an empty name" : places_[it->second].name;
      return false;
    }
  }
  for (const std::string& key : keys) by_name_.emplace(key, places_.size());
  places_.push_back(std::move(place));
  return true;
}

const Place* Gazetteer::Find(std::string_view name) const {
  auto it = by_name_.find(Fold(name));
  return it == by_name_.end() ? nullptr : &places_[it->second];
}

std::vector<std::string> Gazetteer::Suggest(std::string_view name, size_t n) const {
  std::string key = Fold(name);
  std::vector<std::pair<size_t, std::string>> scored;
  for (const Place& p : places_) {
    std::string k = Fold(p.name);
    size_t common = 0;
    while (common < k.size() && common < key.size() && k[common] == key[common]) ++common;
    if (common > 0) scored.emplace_back(common, p.name);
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(scored[i].second);
  return out;
}

}  // namespace truce::geo
