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

  const Mission& mission_;
  Report r_;
  bool has_kind_ = false, has_category_ = false, has_start_ = false, has_end_ = false;
  bool has_lat_ = false, has_lon_ = false, has_uncertainty_ = false;
  bool has_azimuth_ = false, has_bearing_error_ = false;
  std::optional<RowError> error_;
};

}  // namespace truce::intake
