// Mission: one monitored ceasefire, as loaded from a mission pack
// (docs/MISSION-PACKS.md): mission.toml plus zones.geojson,
// gazetteer.geojson and protected_sites.geojson.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/status.h"
#include "truce/core/time.h"
#include "truce/geo/gazetteer.h"
#include "truce/geo/zone.h"

namespace truce {

enum class PartyRole { kCenter, kConflict };

struct Party {
  std::string id;  // RU, TR, SY-GOV ...
  std::string name;
  PartyRole role = PartyRole::kConflict;
  // How ACLED names the party and which of its actor types it is (1 state
  // forces ... 8 external/other forces), for the ACLED export; empty and 0
  // when the pack does not say (docs/EXPORTS.md).
  std::string acled_actor;
  int acled_inter = 0;
};

// The clause kinds (docs/USER-GUIDE.md, "The determination").
enum class ClauseKind { kCeasefire, kCorridor, kWithdrawal, kMovement, kAirspace };
std::string_view ClauseKindName(ClauseKind k);
std::optional<ClauseKind> ParseClauseKind(std::string_view s);

struct Clause {
  std::string id;
  ClauseKind kind = ClauseKind::kCeasefire;
  std::string text;
  Instant in_force_from;
  std::optional<Instant> in_force_until;
  std::vector<std::string> zones;  // empty: the whole mission area
  // withdrawal: these weapon classes may not be within distance_km of from_zone.
  std::vector<std::string> weapon_classes;
  std::string from_zone;
  double distance_km = 0;
  std::string route_zone;  // movement: the patrol route it protects
  // The parties the clause binds; empty: every party to the conflict. A
  // district's return binds the side that hands it over, not the side that
  // enters it.
  std::vector<std::string> binds;

  bool InForceDuring(int64_t from_ms, int64_t to_ms) const {
    return in_force_from.utc_ms <= to_ms && (!in_force_until || in_force_until->utc_ms > from_ms);
  }
};

struct WeaponClass {
  std::string id;
  std::string name;
  bool indirect = false;
  double min_range_km = 0;
  double max_range_km = 0;
  double withdrawal_km = 0;
};

struct Agreement {
  std::string id;
  std::string title;
  std::string signed_on;  // YYYY-MM-DD
  std::string place;
  std::string source;
};

// The register's settings (docs/REGISTER.md): the log's name in its
// checkpoints and the center's log key that signs them, pinned here so
// every party checks checkpoints against the same key.
struct LogSettings {
  std::string origin;        // e.g. "truce.example/idlib-2020"
  std::string log_key;       // verifier key (name+id+base64)
  std::string log_key_file;  // a demonstration signer key, relative to the pack; empty in real packs
};

// Who may read what the center holds (docs/MISSION-PACKS.md, [access]).
// Writing is always by signed entries; this is about reading.
struct AccessSettings {
  // Reports, incidents, determinations, events, zones: by default only the
  // center parties' officers read them, each request signed by an
  // officer's key (or the dashboard's session).
  bool public_reads = false;
  // Even so, anyone may read the register (checkpoints, tiles, proofs,
  // entries — which hold the reports), for auditors...
  bool public_register = false;
  // ...and the determinations every center party has cosigned.
  bool public_final_determinations = false;
};

// How the center holds patrols to their plans (docs/MISSION-PACKS.md,
// [patrols]).
struct PatrolSettings {
  // Where a patrol's route may run; empty: every security corridor and
  // patrol route of the pack.
  std::vector<std::string> zones;
  double tolerance_m = 500;          // off the planned route by more is an alert
  double silent_after_minutes = 10;  // no fix for longer is an alert
  double max_speed_kmh = 160;        // faster between two fixes cannot be a patrol vehicle
  double unplanned_halt_minutes = 15;
};

// How the center's data is labelled in open exports (docs/MISSION-PACKS.md,
// [export]; docs/EXPORTS.md): where the mission is, in the words ACLED and
// UCDP use. Every field may be empty.
struct ExportSettings {
  std::string country;          // "Syria"
  int iso = 0;                  // ISO 3166-1 numeric (760); 0 when not given
  std::string region;           // ACLED's region, "Middle East"
  std::string event_id_prefix;  // ACLED's event_id_cnty is this and a number: "SYR"
};

// A key the pack pins: a center party's key with its roles. Keys added
// later are register entries signed by a "party" key (register/keyring.h).
struct PinnedKey {
  std::string party;
  std::vector<std::string> roles;
  std::string key;  // verifier key text; for a witness, its cosignature key
  int line = 0;     // in mission.toml, for messages
};

struct Mission {
  std::string id;
  std::string name;
  std::string timezone;  // IANA name, for showing local times
  std::string description;
  std::string directory;  // where the pack was loaded from
  std::vector<Party> parties;
  Agreement agreement;
  std::vector<Clause> clauses;
  std::vector<WeaponClass> weapon_classes;
  std::vector<geo::Zone> zones;  // zones.geojson, then protected sites as buffers
  geo::Gazetteer gazetteer;
  LogSettings log;
  std::vector<PinnedKey> keys;
  AccessSettings access;
  PatrolSettings patrols;
  ExportSettings exports;

  const Party* FindParty(std::string_view id) const;
  const geo::Zone* FindZone(std::string_view id) const;
  const WeaponClass* FindWeaponClass(std::string_view id) const;
  const Clause* FindClause(std::string_view id) const;
  // The ids of the parties that staff the center, in pack order.
  std::vector<std::string> CenterParties() const;
  std::string PartyList() const;  // "RU, TR, SY-GOV, SY-OPP" for messages
};

// Loads and validates a mission pack folder. Every error names the file, the
// line (TOML) or feature (GeoJSON), the field, and what is wrong.
Result<Mission> LoadMission(const std::string& directory);

// The same from in-memory texts, for tests and the fuzz target. Empty
// GeoJSON texts are treated as empty FeatureCollections.
Result<Mission> ParseMission(std::string_view mission_toml, std::string_view zones_geojson,
                             std::string_view gazetteer_geojson, std::string_view protected_sites_geojson);

}  // namespace truce
