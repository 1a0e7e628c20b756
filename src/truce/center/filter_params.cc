#include "truce/center/filter_params.h"

#include <charconv>
#include <cmath>

namespace truce {
namespace {

Result<int64_t> ParseInt(const std::string& name, const std::string& v, int64_t lo, int64_t hi) {
  int64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi) {
    return Status::Invalid(name + ": '" + v + "' must be a whole number from " + std::to_string(lo) + " to " +
                           std::to_string(hi));
  }
  return n;
}

// A plain decimal: an optional '-', digits, and an optional '.' followed by
// digits; nothing else (no '+', exponent, spaces, "inf" or "nan"), and at
// most kMaxDecimal characters, so the text is checked before it is converted.
constexpr size_t kMaxDecimal = 24;

std::optional<double> ParseDecimal(std::string_view v) {
  if (v.empty() || v.size() > kMaxDecimal) return std::nullopt;
  size_t i = v[0] == '-' ? 1 : 0;
  const size_t int_start = i;
  while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
  if (i == int_start) return std::nullopt;
  if (i < v.size() && v[i] == '.') {
    const size_t frac_start = ++i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    if (i == frac_start) return std::nullopt;
  }
  if (i != v.size()) return std::nullopt;
  double n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n, std::chars_format::fixed);
  if (ec != std::errc() || p != v.data() + v.size()) return std::nullopt;
  return n;
}

}  // namespace

Result<geo::BoundingBox> ParseBoundingBox(std::string_view v) {
  const std::string shown(v.substr(0, 100));
  double n[4];
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    size_t end = v.find(',', start);
    if ((end == std::string_view::npos) != (i == 3)) {
      return Status::Invalid("bbox: '" + shown + "' must be four numbers west,south,east,north");
    }
    std::string_view part = v.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    auto d = ParseDecimal(part);
    if (!d) {
      return Status::Invalid("bbox: '" + std::string(part.substr(0, 40)) +
                             "' is not a decimal number of degrees (such as -36.25)");
    }
    n[i] = *d;
    start = end + 1;
  }
  geo::BoundingBox box{n[1], n[0], n[3], n[2]};
  if (box.west < -180 || box.east > 180 || box.west > 180 || box.east < -180) {
    return Status::Invalid("bbox: longitudes must be from -180 to 180 (west,south,east,north)");
  }
  if (box.south < -90 || box.north > 90 || box.south > 90 || box.north < -90) {
    return Status::Invalid("bbox: latitudes must be from -90 to 90 (west,south,east,north)");
  }
  if (box.south > box.north) return Status::Invalid("bbox: south must not exceed north (west,south,east,north)");
  if (box.west > box.east) {
    return Status::Invalid(
        "bbox: west must not exceed east (west,south,east,north); a box across the antimeridian (180°) is asked as "
        "two boxes, one each side");
  }
  return box;
}

ParamLookup LookupIn(const std::map<std::string, std::string>& params) {
  return [&params](const std::string& name) -> std::optional<std::string> {
    auto it = params.find(name);
    if (it == params.end()) return std::nullopt;
    return it->second;
  };
}

Result<ReportFilter> ParseReportFilter(const ParamLookup& param, const Mission& mission) {
  ReportFilter f;
  for (auto [name, out] : {std::pair{"from", &f.from_ms}, std::pair{"to", &f.to_ms}}) {
    auto v = param(name);
    if (!v) continue;
    auto t = ParseRfc3339(*v);
    if (!t.ok()) {
      std::string hint;
      // A "+" left unencoded in a URL arrives as a space.
      if (v->size() > 6 && (*v)[v->size() - 6] == ' ') hint = " (in a URL, write + as %2B)";
      return Status::Invalid(std::string(name) + ": " + t.status().message() + hint);
    }
    *out = t->utc_ms;
  }
  if (f.from_ms && f.to_ms && *f.from_ms > *f.to_ms) return Status::Invalid("from is after to");
  if (auto v = param("bbox")) {
    TRUCE_ASSIGN_OR_RETURN(f.bbox, ParseBoundingBox(*v));
  }
  if (auto v = param("zone")) {
    if (!mission.FindZone(*v)) return Status::Invalid("zone: '" + *v + "' is not a zone of mission " + mission.id);
    f.zone = *v;
  }
  if (auto v = param("clause")) {
    bool known = false;
    for (const Clause& c : mission.clauses) known = known || c.id == *v;
    if (!known) return Status::Invalid("clause: '" + *v + "' is not a clause of mission " + mission.id);
    f.clause = *v;
  }
  if (auto v = param("category")) {
    auto c = ParseCategory(*v);
    if (!c) return Status::Invalid("category: '" + *v + "' is not one of " + CategoryList());
    f.category = std::string(CategoryName(*c));
  }
  if (auto v = param("party")) {
    if (!mission.FindParty(*v)) {
      return Status::Invalid("party: '" + *v + "' is not one of " + mission.PartyList());
    }
    f.party = *v;
  }
  if (auto v = param("blames")) {
    if (!mission.FindParty(*v)) {
      return Status::Invalid("blames: '" + *v + "' is not one of " + mission.PartyList());
    }
    f.blames = *v;
  }
  if (auto v = param("source_kind")) {
    if (!ParseSourceKind(*v)) return Status::Invalid("source_kind: '" + *v + "' is not one of " + SourceKindList());
    f.source_kind = *v;
  }
  if (auto v = param("limit")) {
    TRUCE_ASSIGN_OR_RETURN(int64_t n, ParseInt("limit", *v, 1, int64_t(kMaxQueryLimit)));
    f.limit = size_t(n);
  }
  if (auto v = param("after")) {
    TRUCE_ASSIGN_OR_RETURN(f.after_id, ParseInt("after", *v, 0, INT64_MAX));
  }
  return f;
}

}  // namespace truce
