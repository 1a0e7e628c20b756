// Building a Report field by field, shared by every input format.
//
// The JSON, CSV and GeoJSON readers each pull raw values out of their
// format; ReportFields takes them as text or numbers, checks each against
// the mission (parties, weapon classes, gazetteer), and names the field when
// something is wrong. The first error wins; Finish() then refuses.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "truce/core/report.h"
#include "truce/intake/row_error.h"
#include "truce/mission/mission.h"

namespace truce::intake {

class ReportFields {
 public:
  explicit ReportFields(const Mission& mission) : mission_(mission) {}

  void SourceReportId(std::string_view id);
  void SourceKind(std::string_view kind);
  void SourceParty(std::string_view party);
  void SourceName(std::string_view name);
  void Category(std::string_view category);
  void ObservedStart(std::string_view time);
  void ObservedEnd(std::string_view time);
  void Latitude(double lat);
  void Longitude(double lon);
  void UncertaintyM(double metres);
  void Place(std::string_view name);
  void WeaponClass(std::string_view id);
  void Count(double n);
  void BearingAzimuth(double deg);
  void BearingError(double deg);
  // A monitor's sighting (core/report.h, Sighting): where it stood, what it
  // made out, the direction as degrees or a compass point ("SE",
  // "south-east") and the distance band in kilometres.
  void SightingFromLat(double lat);
  void SightingFromLon(double lon);
  void SightingWhat(std::string_view what);
  void SightingAzimuth(double deg);
  void SightingError(double deg);
  void SightingDirection(std::string_view compass_point);
  void SightingDistanceKm(double min_km, double max_km);
  // A located firing point.
  void OriginLat(double lat);
  void OriginLon(double lon);
  void OriginUncertaintyM(double metres);
  void Killed(double n);
  void Injured(double n);
  void Blames(std::string_view party);
  void Text(std::string_view text);
  void Evidence(std::string_view sha256_hex);

  // Marks a field wrong for a reason found by the format reader (wrong JSON
  // type, say).
  void Fail(std::string field, std::string message);
  bool failed() const { return error_.has_value(); }

  // Checks required fields and cross-field rules and returns the report, or
  // the first error with its field.
  bool Finish(Report* out, RowError* error);

 private:
  bool NonNegativeInt(const char* field, double v, int* out);
  bool InRange(const char* field, double v, double lo, double hi, const char* unit);
  void PlaceFromSighting();

  const Mission& mission_;
  Report r_;
  bool has_kind_ = false, has_category_ = false, has_start_ = false, has_end_ = false;
  bool has_lat_ = false, has_lon_ = false, has_uncertainty_ = false;
  bool has_azimuth_ = false, has_bearing_error_ = false;
  bool has_from_lat_ = false, has_from_lon_ = false, has_what_ = false, has_sight_azimuth_ = false;
  bool has_sight_error_ = false, has_band_ = false;
  bool has_origin_lat_ = false, has_origin_lon_ = false, has_origin_uncertainty_ = false;
  std::optional<RowError> error_;
};

}  // namespace truce::intake
