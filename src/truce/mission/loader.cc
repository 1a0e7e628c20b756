// Loading a mission pack: mission.toml (toml++) and GeoJSON (simdjson).
#include <simdjson.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "truce/geo/geojson.h"
#include "truce/mission/mission.h"
#include "truce/register/cosignature.h"
#include "truce/register/keyring.h"

namespace truce {
namespace {

constexpr const char* kToml = "mission.toml";
constexpr const char* kZones = "zones.geojson";
constexpr const char* kGazetteer = "gazetteer.geojson";
constexpr const char* kSites = "protected_sites.geojson";

std::string At(const toml::node& node) { return std::string(kToml) + ":" + std::to_string(node.source().begin.line); }

// Reads a required string from a TOML table, naming table and line if absent.
Result<std::string> RequiredString(const toml::table& t, std::string_view key, const std::string& where) {
  const toml::node* n = t.get(key);
  if (!n) return Status::Invalid(where + ": '" + std::string(key) + "' is missing");
  if (!n->is_string()) return Status::Invalid(At(*n) + ": '" + std::string(key) + "' must be a string");
  std::string v = n->as_string()->get();
  if (v.empty()) return Status::Invalid(At(*n) + ": '" + std::string(key) + "' is empty");
  return v;
}

std::string OptionalString(const toml::table& t, std::string_view key) { return t[key].value_or(std::string()); }

Result<double> OptionalNumber(const toml::table& t, std::string_view key, double fallback) {
  const toml::node* n = t.get(key);
  if (!n) return fallback;
  if (auto v = n->value<double>()) {
    if (!std::isfinite(*v) || *v < 0) {
      return Status::Invalid(At(*n) + ": '" + std::string(key) + "' must be a number ≥ 0");
    }
    return *v;
  }
  return Status::Invalid(At(*n) + ": '" + std::string(key) + "' must be a number");
}

Result<Instant> RequiredTime(const toml::table& t, std::string_view key, const std::string& where) {
  TRUCE_ASSIGN_OR_RETURN(std::string text, RequiredString(t, key, where));
  auto parsed = ParseRfc3339(text);
  if (!parsed.ok()) {
    // "mission.toml:43: [[clauses]] C-1: 'in_force_from': ..." — the line of
    // the value itself, and the table it belongs to.
    std::string table = where.substr(where.find(": ") + 2);
    return parsed.status().WithContext(At(*t.get(key)) + ": " + table + ": '" + std::string(key) + "'");
  }
  return parsed.value();
}

Result<std::vector<std::string>> StringArray(const toml::table& t, std::string_view key) {
  std::vector<std::string> out;
  const toml::node* n = t.get(key);
  if (!n) return out;
  const toml::array* a = n->as_array();
  if (!a) return Status::Invalid(At(*n) + ": '" + std::string(key) + "' must be an array of strings");
  for (const toml::node& e : *a) {
    if (!e.is_string()) {
      return Status::Invalid(At(e) + ": '" + std::string(key) + "' must hold only strings");
    }
    out.push_back(e.as_string()->get());
  }
  return out;
}

bool ValidPartyId(std::string_view id) {
  if (id.empty() || id[0] < 'A' || id[0] > 'Z') return false;
  for (char c : id) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

const toml::array* ArrayOfTables(const toml::table& root, std::string_view key) {
  const toml::node* n = root.get(key);
  return n ? n->as_array() : nullptr;
}

Status LoadParties(const toml::table& root, Mission* m) {
  const toml::array* parties = ArrayOfTables(root, "parties");
  if (!parties || parties->empty()) {
    return Status::Invalid(std::string(kToml) + ": no [[parties]]; a mission needs its parties");
  }
  size_t centers = 0;
  for (const toml::node& n : *parties) {
    const toml::table* t = n.as_table();
    if (!t) return Status::Invalid(At(n) + ": [[parties]] entries must be tables");
    std::string where = At(n) + ": [[parties]]";
    Party p;
    TRUCE_ASSIGN_OR_RETURN(p.id, RequiredString(*t, "id", where));
    if (!ValidPartyId(p.id)) {
      return Status::Invalid(where + ": id '" + p.id +
                             "' must be capital letters, digits and '-', starting with a letter");
    }
    TRUCE_ASSIGN_OR_RETURN(p.name, RequiredString(*t, "name", where + " " + p.id));
    TRUCE_ASSIGN_OR_RETURN(std::string role, RequiredString(*t, "role", where + " " + p.id));
    if (role == "center") {
      p.role = PartyRole::kCenter;
      ++centers;
    } else if (role == "conflict") {
      p.role = PartyRole::kConflict;
    } else {
      return Status::Invalid(where + " " + p.id + ": role '" + role + "' must be center or conflict");
    }
    p.acled_actor = OptionalString(*t, "acled_actor");
    if (const toml::node* inter = t->get("acled_inter")) {
      const std::optional<int64_t> v = inter->value<int64_t>();
      if (!v || *v < 1 || *v > 8) {
        return Status::Invalid(At(*inter) + ": [[parties]] " + p.id +
                               ": acled_inter must be one of ACLED's actor types, 1 (state forces) to 8 "
                               "(external/other forces)");
      }
      p.acled_inter = int(*v);
    }
    if (m->FindParty(p.id)) return Status::Invalid(where + ": party " + p.id + " is listed twice");
    m->parties.push_back(std::move(p));
  }
  if (centers == 0) {
    return Status::Invalid(std::string(kToml) +
                           ": no party has role = \"center\"; the center is staffed by at least one");
  }
  return Status::Ok();
}

Status LoadAccess(const toml::table& root, Mission* m) {
  const toml::node* node = root.get("access");
  if (!node) return Status::Ok();
  const toml::table* t = node->as_table();
  if (!t) return Status::Invalid(At(*node) + ": [access] must be a table");
  for (const auto& [key, value] : *t) {
    if (key != "read" && key != "public") {
      return Status::Invalid(At(value) + ": [access] has no setting '" + std::string(key.str()) +
                             "' (it holds read and public)");
    }
  }
  std::string read = OptionalString(*t, "read");
  if (read == "public") {
    m->access.public_reads = true;
  } else if (!read.empty() && read != "officers") {
    return Status::Invalid(At(*t->get("read")) + ": [access] read must be \"officers\" or \"public\", not '" + read +
                           "'");
  }
  TRUCE_ASSIGN_OR_RETURN(std::vector<std::string> open, StringArray(*t, "public"));
  for (const std::string& what : open) {
    if (what == "register") {
      m->access.public_register = true;
    } else if (what == "final_determinations") {
      m->access.public_final_determinations = true;
    } else {
      return Status::Invalid(At(*t->get("public")) +
                             ": [access] public holds \"register\" and "
                             "\"final_determinations\", not '" +
                             what + "'");
    }
  }
  return Status::Ok();
}

Status LoadPatrols(const toml::table& root, Mission* m) {
  const toml::node* node = root.get("patrols");
  if (!node) return Status::Ok();
  const toml::table* t = node->as_table();
  if (!t) return Status::Invalid(At(*node) + ": [patrols] must be a table");
  constexpr std::string_view kSettings[] = {"zones", "tolerance_m", "silent_after_minutes", "max_speed_kmh",
                                            "unplanned_halt_minutes"};
  for (const auto& [key, value] : *t) {
    if (std::find(std::begin(kSettings), std::end(kSettings), key.str()) == std::end(kSettings)) {
      return Status::Invalid(At(value) + ": [patrols] has no setting '" + std::string(key.str()) +
                             "' (it holds zones, tolerance_m, silent_after_minutes, max_speed_kmh, "
                             "unplanned_halt_minutes)");
    }
  }
  PatrolSettings& p = m->patrols;
  TRUCE_ASSIGN_OR_RETURN(p.zones, StringArray(*t, "zones"));
  TRUCE_ASSIGN_OR_RETURN(p.tolerance_m, OptionalNumber(*t, "tolerance_m", p.tolerance_m));
  TRUCE_ASSIGN_OR_RETURN(p.silent_after_minutes, OptionalNumber(*t, "silent_after_minutes", p.silent_after_minutes));
  TRUCE_ASSIGN_OR_RETURN(p.max_speed_kmh, OptionalNumber(*t, "max_speed_kmh", p.max_speed_kmh));
  TRUCE_ASSIGN_OR_RETURN(p.unplanned_halt_minutes,
                         OptionalNumber(*t, "unplanned_halt_minutes", p.unplanned_halt_minutes));
  for (const char* key : {"tolerance_m", "silent_after_minutes", "max_speed_kmh", "unplanned_halt_minutes"}) {
    const toml::node* n = t->get(key);
    if (n && n->value<double>().value_or(1) <= 0)
      return Status::Invalid(At(*n) + ": [patrols] " + key + " must be above 0");
  }
  return Status::Ok();
}

Status LoadExport(const toml::table& root, Mission* m) {
  const toml::node* node = root.get("export");
  if (!node) return Status::Ok();
  const toml::table* t = node->as_table();
  if (!t) return Status::Invalid(At(*node) + ": [export] must be a table");
  constexpr std::string_view kSettings[] = {"country", "iso", "region", "event_id_prefix"};
  for (const auto& [key, value] : *t) {
    if (std::find(std::begin(kSettings), std::end(kSettings), key.str()) == std::end(kSettings)) {
      return Status::Invalid(At(value) + ": [export] has no setting '" + std::string(key.str()) +
                             "' (it holds country, iso, region, event_id_prefix)");
    }
  }
  ExportSettings& e = m->exports;
  e.country = OptionalString(*t, "country");
  e.region = OptionalString(*t, "region");
  e.event_id_prefix = OptionalString(*t, "event_id_prefix");
  if (const toml::node* iso = t->get("iso")) {
    const std::optional<int64_t> v = iso->value<int64_t>();
    if (!v || *v < 1 || *v > 999) {
      return Status::Invalid(At(*iso) + ": [export] iso must be an ISO 3166-1 numeric code, 1 to 999 (Syria: 760)");
    }
    e.iso = int(*v);
  }
  for (char c : e.event_id_prefix) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      return Status::Invalid(At(*t->get("event_id_prefix")) +
                             ": [export] event_id_prefix must be capital letters and digits, as ACLED's \"SYR\"");
    }
  }
  return Status::Ok();
}

Status LoadRegister(const toml::table& root, Mission* m) {
  const toml::table* r = root["register"].as_table();
  if (!r) {
    return Status::Invalid(std::string(kToml) +
                           ": the [register] table is missing (origin and log_key: "
                           "see docs/MISSION-PACKS.md)");
  }
  std::string where = At(*r) + ": [register]";
  TRUCE_ASSIGN_OR_RETURN(m->log.origin, RequiredString(*r, "origin", where));
  for (char c : m->log.origin) {
    if ((unsigned char)c < 0x21 || c == '+') {
      return Status::Invalid(where + ": origin '" + m->log.origin + "' may hold no spaces, control characters or '+'");
    }
  }
  TRUCE_ASSIGN_OR_RETURN(m->log.log_key, RequiredString(*r, "log_key", where));
  if (auto v = reg::NoteVerifier::Parse(m->log.log_key); !v.ok()) {
    return Status::Invalid(At(*r->get("log_key")) + ": [register] log_key: " + v.status().message());
  }
  m->log.log_key_file = OptionalString(*r, "log_key_file");

  const toml::array* keys = ArrayOfTables(root, "keys");
  if (keys) {
    for (const toml::node& n : *keys) {
      const toml::table* t = n.as_table();
      if (!t) return Status::Invalid(At(n) + ": [[keys]] entries must be tables");
      std::string kw = At(n) + ": [[keys]]";
      PinnedKey k;
      k.line = int(n.source().begin.line);
      TRUCE_ASSIGN_OR_RETURN(k.party, RequiredString(*t, "party", kw));
      const Party* p = m->FindParty(k.party);
      if (!p || p->role != PartyRole::kCenter) {
        return Status::Invalid(kw + ": party '" + k.party +
                               "' is not a center party; keys belong to the parties that staff the center");
      }
      TRUCE_ASSIGN_OR_RETURN(k.roles, StringArray(*t, "roles"));
      auto roles = reg::ParseRoles(k.roles);
      if (!roles.ok()) return Status::Invalid(kw + ": roles: " + roles.status().message());
      TRUCE_ASSIGN_OR_RETURN(k.key, RequiredString(*t, "key", kw));
      if (*roles == reg::kWitness) {
        auto w = reg::CosignerVerifier::Parse(k.key);
        if (!w.ok()) return Status::Invalid(At(*t->get("key")) + ": [[keys]] witness key: " + w.status().message());
      } else {
        if (*roles & reg::kWitness) return Status::Invalid(kw + ": a witness key holds no other role");
        auto v = reg::NoteVerifier::Parse(k.key);
        if (!v.ok()) return Status::Invalid(At(*t->get("key")) + ": [[keys]] key: " + v.status().message());
        for (const PinnedKey& other : m->keys) {
          if (other.key.substr(0, other.key.find('+')) == v->name) {
            return Status::Invalid(kw + ": two keys are named '" + v->name + "'");
          }
        }
      }
      m->keys.push_back(std::move(k));
    }
  }
  for (const Party& p : m->parties) {
    if (p.role != PartyRole::kCenter) continue;
    bool has = false;
    for (const PinnedKey& k : m->keys) {
      has |= k.party == p.id && std::find(k.roles.begin(), k.roles.end(), "party") != k.roles.end();
    }
    if (!has) {
      return Status::Invalid(std::string(kToml) + ": center party " + p.id +
                             " has no [[keys]] entry with role \"party\"; make one with `truce keys new --party " +
                             p.id + " --role party`");
    }
  }
  return Status::Ok();
}

Status LoadWeaponClasses(const toml::table& root, Mission* m) {
  const toml::array* classes = ArrayOfTables(root, "weapon_classes");
  if (!classes) return Status::Ok();
  for (const toml::node& n : *classes) {
    const toml::table* t = n.as_table();
    if (!t) return Status::Invalid(At(n) + ": [[weapon_classes]] entries must be tables");
    std::string where = At(n) + ": [[weapon_classes]]";
    WeaponClass w;
    TRUCE_ASSIGN_OR_RETURN(w.id, RequiredString(*t, "id", where));
    TRUCE_ASSIGN_OR_RETURN(w.name, RequiredString(*t, "name", where + " " + w.id));
    w.indirect = (*t)["indirect"].value_or(false);
    TRUCE_ASSIGN_OR_RETURN(w.min_range_km, OptionalNumber(*t, "min_range_km", 0));
    TRUCE_ASSIGN_OR_RETURN(w.max_range_km, OptionalNumber(*t, "max_range_km", 0));
    TRUCE_ASSIGN_OR_RETURN(w.withdrawal_km, OptionalNumber(*t, "withdrawal_km", 0));
    if (w.max_range_km < w.min_range_km) {
      return Status::Invalid(where + " " + w.id + ": max_range_km is below min_range_km");
    }
    if (m->FindWeaponClass(w.id)) return Status::Invalid(where + ": weapon class " + w.id + " is listed twice");
    m->weapon_classes.push_back(std::move(w));
  }
  return Status::Ok();
}

Status LoadClauses(const toml::table& root, Mission* m) {
  const toml::array* clauses = ArrayOfTables(root, "clauses");
  if (!clauses || clauses->empty()) {
    return Status::Invalid(std::string(kToml) + ": no [[clauses]]; an agreement needs its clauses");
  }
  std::set<std::string> ids;
  for (const toml::node& n : *clauses) {
    const toml::table* t = n.as_table();
    if (!t) return Status::Invalid(At(n) + ": [[clauses]] entries must be tables");
    std::string where = At(n) + ": [[clauses]]";
    Clause c;
    TRUCE_ASSIGN_OR_RETURN(c.id, RequiredString(*t, "id", where));
    where += " " + c.id;
    if (!ids.insert(c.id).second) return Status::Invalid(where + ": clause id is used twice");
    TRUCE_ASSIGN_OR_RETURN(std::string kind, RequiredString(*t, "kind", where));
    auto k = ParseClauseKind(kind);
    if (!k) {
      return Status::Invalid(where + ": kind '" + kind +
                             "' must be one of ceasefire, corridor, withdrawal, movement, airspace");
    }
    c.kind = *k;
    TRUCE_ASSIGN_OR_RETURN(c.text, RequiredString(*t, "text", where));
    TRUCE_ASSIGN_OR_RETURN(c.in_force_from, RequiredTime(*t, "in_force_from", where));
    if (t->contains("in_force_until")) {
      TRUCE_ASSIGN_OR_RETURN(Instant until, RequiredTime(*t, "in_force_until", where));
      if (until.utc_ms <= c.in_force_from.utc_ms) {
        return Status::Invalid(where + ": in_force_until is not after in_force_from");
      }
      c.in_force_until = until;
    }
    TRUCE_ASSIGN_OR_RETURN(c.zones, StringArray(*t, "zones"));
    TRUCE_ASSIGN_OR_RETURN(c.weapon_classes, StringArray(*t, "weapon_classes"));
    TRUCE_ASSIGN_OR_RETURN(c.binds, StringArray(*t, "binds"));
    for (const std::string& p : c.binds) {
      if (!m->FindParty(p)) {
        return Status::Invalid(where + ": binds '" + p + "', not a party of this mission (" + m->PartyList() + ")");
      }
    }
    c.from_zone = OptionalString(*t, "from_zone");
    c.route_zone = OptionalString(*t, "route_zone");
    TRUCE_ASSIGN_OR_RETURN(c.distance_km, OptionalNumber(*t, "distance_km", 0));
    if (c.kind == ClauseKind::kWithdrawal && !c.from_zone.empty() && !(c.distance_km > 0)) {
      return Status::Invalid(where + ": a withdrawal clause with from_zone needs distance_km > 0");
    }
    m->clauses.push_back(std::move(c));
  }
  return Status::Ok();
}

// A feature's where-string: "zones.geojson feature 4 (m4-security-corridor)".
std::string FeatureWhere(const char* file, size_t index, std::string_view id) {
  std::string s = std::string(file) + " feature " + std::to_string(index);
  if (!id.empty()) s += " (" + std::string(id) + ")";
  return s;
}

std::string PropString(simdjson::dom::object props, const char* key) {
  std::string_view v;
  if (props[key].get_string().get(v) == simdjson::SUCCESS) return std::string(v);
  return {};
}

// Calls visit(index, geometry, properties) for each feature.
template <typename Visit>
Status ForEachFeature(std::string_view text, const char* file, Visit visit) {
  if (text.empty()) return Status::Ok();
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element doc;
  if (auto error = parser.parse(padded).get(doc)) {
    return Status::Invalid(std::string(file) + ": not valid JSON (" + simdjson::error_message(error) + ")");
  }
  std::string_view type;
  simdjson::dom::array features;
  if (doc["type"].get_string().get(type) != simdjson::SUCCESS || type != "FeatureCollection" ||
      doc["features"].get_array().get(features) != simdjson::SUCCESS) {
    return Status::Invalid(std::string(file) + ": must be a GeoJSON FeatureCollection with a features array");
  }
  size_t index = 0;
  for (simdjson::dom::element f : features) {
    simdjson::dom::object props;
    if (f["properties"].get_object().get(props) != simdjson::SUCCESS) {
      return Status::Invalid(FeatureWhere(file, index, "") + ": properties must be an object");
    }
    simdjson::dom::element geometry;
    if (f["geometry"].get(geometry) != simdjson::SUCCESS || geometry.is_null()) {
      return Status::Invalid(FeatureWhere(file, index, PropString(props, "id")) + ": geometry is missing");
    }
    TRUCE_RETURN_IF_ERROR(visit(index, geometry, props));
    ++index;
  }
  return Status::Ok();
}

Result<std::optional<Instant>> PropTime(simdjson::dom::object props, const char* key, const std::string& where) {
  std::string text = PropString(props, key);
  if (text.empty()) return std::optional<Instant>();
  auto t = ParseRfc3339(text);
  if (!t.ok()) return t.status().WithContext(where + ": " + key);
  return std::optional<Instant>(t.value());
}

// What zones and protected sites share: a unique id, a name, whether it is
// approximate, and the geometry (parsed, and kept as GeoJSON for serving).
Status ReadZoneFeature(const char* file, size_t i, simdjson::dom::element geometry, simdjson::dom::object props,
                       const Mission& m, geo::Zone* z, std::string* where) {
  z->id = PropString(props, "id");
  *where = FeatureWhere(file, i, z->id);
  if (z->id.empty()) return Status::Invalid(*where + ": properties.id is missing");
  if (m.FindZone(z->id)) return Status::Invalid(*where + ": id is already used by another zone or site");
  z->name = PropString(props, "name");
  if (z->name.empty()) return Status::Invalid(*where + ": properties.name is missing");
  bool approximate = false;
  if (props["approximate"].get_bool().get(approximate) == simdjson::SUCCESS) z->approximate = approximate;
  z->source = PropString(props, "source");
  auto g = geo::ParseGeometry(geometry);
  if (!g.ok()) return g.status().WithContext(*where);
  z->polygons = std::move(g->polygons);
  z->lines = std::move(g->lines);
  z->points = std::move(g->points);
  z->geometry_json = simdjson::minify(geometry);
  return Status::Ok();
}

Status LoadZones(std::string_view text, Mission* m) {
  return ForEachFeature(text, kZones, [&](size_t i, simdjson::dom::element f, simdjson::dom::object props) -> Status {
    geo::Zone z;
    std::string where;
    TRUCE_RETURN_IF_ERROR(ReadZoneFeature(kZones, i, f, props, *m, &z, &where));
    std::string kind = PropString(props, "kind");
    auto k = geo::ParseZoneKind(kind);
    if (!k) {
      return Status::Invalid(where + ": properties.kind '" + kind + "' must be one of " + geo::ZoneKindList());
    }
    z.kind = *k;
    double half_width = 0;
    if (props["half_width_m"].get_double().get(half_width) == simdjson::SUCCESS) {
      if (!(half_width > 0)) return Status::Invalid(where + ": properties.half_width_m must be above 0");
      z.half_width_m = half_width;
    }
    z.party = PropString(props, "party");
    if (z.kind == geo::ZoneKind::kControlArea) {
      if (z.party.empty()) return Status::Invalid(where + ": a control_area needs properties.party");
    }
    if (!z.party.empty() && !m->FindParty(z.party)) {
      return Status::Invalid(where + ": party '" + z.party + "' is not one of " + m->PartyList());
    }
    TRUCE_ASSIGN_OR_RETURN(z.valid_from, PropTime(props, "valid_from", where));
    TRUCE_ASSIGN_OR_RETURN(z.valid_until, PropTime(props, "valid_until", where));
    bool is_line = !z.lines.empty();
    bool needs_line = z.kind == geo::ZoneKind::kSecurityCorridor || z.kind == geo::ZoneKind::kContactLine ||
                      z.kind == geo::ZoneKind::kWithdrawalLine || z.kind == geo::ZoneKind::kPatrolRoute;
    if (needs_line != is_line) {
      return Status::Invalid(where + ": a " + kind + " must have a " +
                             (needs_line ? "LineString or MultiLineString" : "Polygon or MultiPolygon") + " geometry");
    }
    if (z.kind == geo::ZoneKind::kSecurityCorridor && z.half_width_m <= 0) {
      return Status::Invalid(where +
                             ": a security_corridor needs properties.half_width_m (metres either side of its line)");
    }
    m->zones.push_back(std::move(z));
    return Status::Ok();
  });
}

Status LoadSites(std::string_view text, Mission* m) {
  return ForEachFeature(text, kSites, [&](size_t i, simdjson::dom::element f, simdjson::dom::object props) -> Status {
    geo::Zone z;
    std::string where;
    TRUCE_RETURN_IF_ERROR(ReadZoneFeature(kSites, i, f, props, *m, &z, &where));
    if (!z.lines.empty()) return Status::Invalid(where + ": a protected site is a Point or Polygon");
    z.kind = geo::ZoneKind::kBuffer;
    z.site_kind = PropString(props, "kind");
    double buffer = 0;
    if (props["buffer_m"].get_double().get(buffer) != simdjson::SUCCESS || !(buffer > 0)) {
      return Status::Invalid(where + ": properties.buffer_m must be a number of metres above 0");
    }
    z.half_width_m = buffer;
    m->zones.push_back(std::move(z));
    return Status::Ok();
  });
}

Status LoadGazetteer(std::string_view text, Mission* m) {
  return ForEachFeature(text, kGazetteer,
                        [&](size_t i, simdjson::dom::element f, simdjson::dom::object props) -> Status {
                          geo::Place p;
                          p.name = PropString(props, "name");
                          std::string where = FeatureWhere(kGazetteer, i, p.name);
                          if (p.name.empty()) return Status::Invalid(where + ": properties.name is missing");
                          simdjson::dom::array alts;
                          if (props["alt_names"].get_array().get(alts) == simdjson::SUCCESS) {
                            for (simdjson::dom::element a : alts) {
                              std::string_view s;
                              if (a.get_string().get(s) != simdjson::SUCCESS) {
                                return Status::Invalid(where + ": alt_names must hold only strings");
                              }
                              p.alt_names.emplace_back(s);
                            }
                          }
                          p.kind = PropString(props, "kind");
                          p.admin = PropString(props, "admin");
                          p.radius_m = geo::DefaultPlaceRadiusM(p.kind);
                          double radius = 0;
                          if (props["radius_m"].get_double().get(radius) == simdjson::SUCCESS && radius > 0)
                            p.radius_m = radius;
                          auto g = geo::ParseGeometry(f);
                          if (!g.ok()) return g.status().WithContext(where);
                          if (g->type != geo::Geometry::Type::kPoint)
                            return Status::Invalid(where + ": a place must be a Point");
                          p.position = g->points[0];
                          std::string clash;
                          if (!m->gazetteer.Add(std::move(p), &clash)) {
                            return Status::Invalid(where + ": a name of this place is already used by " + clash);
                          }
                          return Status::Ok();
                        });
}

// Cross-references between clauses, zones and weapon classes.
Status CheckReferences(const Mission& m) {
  for (const Clause& c : m.clauses) {
    std::string where = std::string(kToml) + ": clause " + c.id;
    for (const std::string& z : c.zones) {
      const geo::Zone* zone = m.FindZone(z);
      if (!zone) return Status::Invalid(where + ": zone '" + z + "' is not in zones.geojson");
      if (!zone->IsTaggable()) {
        return Status::Invalid(where + ": zone '" + z +
                               "' is a line without half_width_m, so no report can fall in it; "
                               "give it a half_width_m or name an area");
      }
    }
    for (const std::string& w : c.weapon_classes) {
      if (!m.FindWeaponClass(w))
        return Status::Invalid(where + ": weapon class '" + w + "' is not in [[weapon_classes]]");
    }
    for (const std::string* z : {&c.from_zone, &c.route_zone}) {
      if (!z->empty() && !m.FindZone(*z)) {
        return Status::Invalid(where + ": zone '" + *z + "' is not in zones.geojson");
      }
    }
    if (!c.from_zone.empty() && m.FindZone(c.from_zone)->lines.empty() && m.FindZone(c.from_zone)->polygons.empty()) {
      return Status::Invalid(where + ": from_zone '" + c.from_zone + "' has no geometry to measure from");
    }
  }
  for (const std::string& z : m.patrols.zones) {
    const geo::Zone* zone = m.FindZone(z);
    if (!zone) return Status::Invalid(std::string(kToml) + ": [patrols] zone '" + z + "' is not in zones.geojson");
    if (!zone->IsTaggable()) {
      return Status::Invalid(std::string(kToml) + ": [patrols] zone '" + z +
                             "' is a line without half_width_m: a route cannot be inside it");
    }
  }
  return Status::Ok();
}

Result<std::string> ReadFile(const std::string& path, bool required) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!required) return std::string();
    return Status::NotFound(path + ": cannot be opened (is this a mission pack folder?)");
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

Result<Mission> ParseMission(std::string_view mission_toml, std::string_view zones_geojson,
                             std::string_view gazetteer_geojson, std::string_view protected_sites_geojson) {
  toml::table root;
  try {
    root = toml::parse(mission_toml, std::string_view(kToml));
  } catch (const toml::parse_error& e) {
    return Status::Invalid(std::string(kToml) + ":" + std::to_string(e.source().begin.line) + ": " +
                           std::string(e.description()));
  }
  Mission m;
  const toml::table* mission = root["mission"].as_table();
  if (!mission) return Status::Invalid(std::string(kToml) + ": the [mission] table is missing");
  std::string where = At(*mission) + ": [mission]";
  TRUCE_ASSIGN_OR_RETURN(m.id, RequiredString(*mission, "id", where));
  TRUCE_ASSIGN_OR_RETURN(m.name, RequiredString(*mission, "name", where));
  m.timezone = OptionalString(*mission, "timezone");
  if (m.timezone.empty()) m.timezone = "UTC";
  m.description = OptionalString(*mission, "description");

  TRUCE_RETURN_IF_ERROR(LoadParties(root, &m));
  if (const toml::table* a = root["agreement"].as_table()) {
    std::string aw = At(*a) + ": [agreement]";
    TRUCE_ASSIGN_OR_RETURN(m.agreement.id, RequiredString(*a, "id", aw));
    TRUCE_ASSIGN_OR_RETURN(m.agreement.title, RequiredString(*a, "title", aw));
    m.agreement.signed_on = OptionalString(*a, "signed");
    m.agreement.place = OptionalString(*a, "place");
    m.agreement.source = OptionalString(*a, "source");
  } else {
    return Status::Invalid(std::string(kToml) + ": the [agreement] table is missing");
  }
  TRUCE_RETURN_IF_ERROR(LoadRegister(root, &m));
  TRUCE_RETURN_IF_ERROR(LoadAccess(root, &m));
  TRUCE_RETURN_IF_ERROR(LoadPatrols(root, &m));
  TRUCE_RETURN_IF_ERROR(LoadExport(root, &m));
  TRUCE_RETURN_IF_ERROR(LoadWeaponClasses(root, &m));
  TRUCE_RETURN_IF_ERROR(LoadClauses(root, &m));
  TRUCE_RETURN_IF_ERROR(LoadZones(zones_geojson, &m));
  TRUCE_RETURN_IF_ERROR(LoadSites(protected_sites_geojson, &m));
  TRUCE_RETURN_IF_ERROR(LoadGazetteer(gazetteer_geojson, &m));
  TRUCE_RETURN_IF_ERROR(CheckReferences(m));
  return m;
}

Result<Mission> LoadMission(const std::string& directory) {
  std::string dir = directory;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  TRUCE_ASSIGN_OR_RETURN(std::string toml_text, ReadFile(dir + "/" + kToml, true));
  TRUCE_ASSIGN_OR_RETURN(std::string zones, ReadFile(dir + "/" + kZones, true));
  TRUCE_ASSIGN_OR_RETURN(std::string gazetteer, ReadFile(dir + "/" + kGazetteer, false));
  TRUCE_ASSIGN_OR_RETURN(std::string sites, ReadFile(dir + "/" + kSites, false));
  auto m = ParseMission(toml_text, zones, gazetteer, sites);
  if (!m.ok()) return m.status().WithContext(dir);
  // Absolute, so a database made from a relative path works from anywhere.
  m->directory = std::filesystem::absolute(dir).lexically_normal().string();
  return m;
}

}  // namespace truce
