// Gazetteer: place names to coordinates, so a report may say "Ariha"
// instead of a latitude and longitude.
//
// Names are matched after folding: ASCII letters to lowercase, and every
// character that is not a letter or digit dropped ("Jisr al-Shughur",
// "jisr al shughur" and "JISR ALSHUGHUR" are one name). Non-ASCII bytes are
// kept, so Arabic, Cyrillic and Armenian spellings match exactly.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "truce/geo/geometry.h"

namespace truce::geo {

struct Place {
  std::string name;
  std::vector<std::string> alt_names;
  std::string kind;   // city, town, village, landmark, crossing
  std::string admin;  // district or governorate
  LatLng position;
  // How far from its point the place reaches: a report placed only by the
  // name of a city is uncertain by the city's size.
  double radius_m = 1000;
};

// The default radius of a place of a kind, metres.
double DefaultPlaceRadiusM(std::string_view kind);

class Gazetteer {
 public:
  // Adds a place under its name and each alternative name. Returns false,
  // changing nothing, when a folded name is already taken by another place.
  bool Add(Place place, std::string* clash = nullptr);

  const Place* Find(std::string_view name) const;
  // Up to n known names sharing the longest prefix with `name`, for
  // "did you mean" in errors.
  std::vector<std::string> Suggest(std::string_view name, size_t n = 3) const;

  const std::vector<Place>& places() const { return places_; }

  static std::string Fold(std::string_view name);

 private:
  std::vector<Place> places_;
  std::unordered_map<std::string, size_t> by_name_;
};

}  // namespace truce::geo
