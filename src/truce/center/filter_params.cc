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

Result<geo::BoundingBox> ParseBox(const std::string& v) {
  double n[4];
  size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    size_t end = v.find(',', start);
    if ((end == std::string::npos) != (i == 3)) {
      return Status::Invalid("bbox: '" + v + "' must be four numbers west,south,east,north");
    }
    std::string part = v.substr(start, end == std::string::npos ? std::string::npos : end - start);
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), n[i]);
    if (ec != std::errc() || p != part.data() + part.size() || !std::isfinite(n[i])) {
      return Status::Invalid("bbox: '" + part + "' is not a number");
    }
    start = end + 1;
  }
  geo::BoundingBox box{n[1], n[0], n[3], n[2]};
  if (box.west < -180 || box.east > 180 || box.south < -90 || box.north > 90) {
    return Status::Invalid("bbox: out of range; it is west,south,east,north in degrees");
  }
  if (box.west > box.east || box.south > box.north) {
    return Status::Invalid("bbox: west must not exceed east, nor south north (west,south,east,north)");
  }
  return box;
}

}  // namespace

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
    TRUCE_ASSIGN_OR_RETURN(f.bbox, ParseBox(*v));
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
