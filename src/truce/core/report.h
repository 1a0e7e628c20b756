// Report: one claim from one source (docs/USER-GUIDE.md, "Reports").
//
// A Report is a plain value. Intake builds it from JSON, CSV or GeoJSON and
// validates it; the tagger adds the zones and clauses; the store keeps it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/status.h"
#include "truce/core/time.h"

namespace truce {

// Who makes a report. Parties' claims, the center's own observers and
// sensors, joint patrols and open-source news are weighed differently later.
enum class SourceKind { kParty, kObserver, kUav, kAcoustic, kRadar, kPatrol, kNews };

// What was seen. The wire names are the snake_case words of docs/USER-GUIDE.md, "Reports".
enum class Category {
  kShelling,
  kSmallArmsFire,
  kAirstrike,
  kDroneStrike,
  kIed,
  kGroundAssault,
  kHeavyWeaponPresent,
  kPatrolObstructed,
  kCivilianHarm,
  kFlight,
  kMovement,
  kOther,
};

std::string_view SourceKindName(SourceKind k);
std::optional<SourceKind> ParseSourceKind(std::string_view s);
std::string_view CategoryName(Category c);
std::optional<Category> ParseCategory(std::string_view s);
// "party, observer, uav, ..." for error messages.
std::string SourceKindList();
std::string CategoryList();

struct Source {
  SourceKind kind = SourceKind::kParty;
  std::string party;  // the party reporting (required for kind party) or operating the sensor
  std::string name;   // an observer team, a sensor, an outlet ("OP-7", "SANA")

  // One key per source, for recognising a repeated report: "party:TR:", "news::SANA".
  std::string Key() const;
  // For people: "party TR", "observer OP-7 (RU)", "news SANA".
  std::string Describe() const;
};

// A place on the WGS84 ellipsoid with the radius within which the source
// believes the event happened. Degrees; metres.
struct Location {
  double lat = 0;
  double lon = 0;
  double uncertainty_m = 0;
  std::string place;  // the gazetteer name it was resolved from, if given by name
};

// The direction fire came from, as seen from the impact point or sensor.
struct Bearing {
  double azimuth_deg = 0;  // clockwise from true north, [0, 360)
  double error_deg = 0;    // one-sided, so the sector is azimuth ± error
};

// What an observer, camera or sensor made out, in the words monitors use.
enum class Observation {
  kImpact,                 // an explosion on the ground
  kAirburst,               // an explosion in the air
  kExplosionUndetermined,  // heard or seen, not told apart
  kProjectileInFlight,
  kSmallArmsBurst,
  kIlluminationFlare,
};
std::string_view ObservationName(Observation o);
std::optional<Observation> ParseObservation(std::string_view s);
std::string ObservationList();

// A monitor's own position and where it put what it saw: along `azimuth_deg`
// (± `error_deg`) between `min_m` and `max_m` away ("2-4 km south-east").
// Intake places the report from this on the ellipsoid when no location is
// given, with the radius that covers the whole band.
struct Sighting {
  double from_lat = 0;
  double from_lon = 0;
  Observation what = Observation::kExplosionUndetermined;
  double azimuth_deg = 0;
  double error_deg = 0;
  double min_m = 0;
  double max_m = 0;
};

// A firing point located by technical means (counter-battery radar, or
// crater analysis carried back to the launch site).
struct Origin {
  double lat = 0;
  double lon = 0;
  double uncertainty_m = 0;
};

struct Casualties {
  int killed = 0;
  int injured = 0;
};

struct Report {
  // The id its source gave it; with Source::Key() it identifies a repeat.
  // When a source gives none, intake derives one from the content.
  std::string source_report_id;
  Source source;
  Category category = Category::kOther;
  TimeInterval observed;
  Location location;
  std::string weapon_class;  // an id from the mission's weapon classes, or empty
  int count = 0;             // rounds, flights, vehicles...; 0 when not given
  std::optional<Bearing> bearing;
  std::optional<Sighting> sighting;
  std::optional<Origin> origin;
  std::optional<Casualties> casualties;
  std::string blames;  // the party the source holds responsible, or empty
  std::string text;
  std::vector<std::string> evidence;  // lowercase hex SHA-256 of photos, video

  // SHA-256 (hex) of the report's content as intake read it, every field
  // but the tags: a repeat with another digest is a different report that
  // reuses an id, not a resend.
  std::string content_digest;

  // Filled by the tagger from the mission (mission/tagger.h).
  std::vector<std::string> zones;
  std::vector<std::string> clauses;
};

// A report as the store holds it.
struct StoredReport {
  int64_t id = 0;           // the center's sequence number, from 1
  int64_t received_ms = 0;  // when the center accepted it (UTC)
  uint64_t entry = 0;       // the index of its register entry
  Report report;
};

}  // namespace truce
