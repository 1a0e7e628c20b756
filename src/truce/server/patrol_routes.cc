// Joint patrols (docs/API.md, "Patrols"): the list, one patrol with its
// route and track, the corridor's coverage, and the vehicles' fixes. The
// plan, each agreement and the outcome are register entries, posted to
// /v1/register/entries like any other; the board follows the register.
// Airspace (docs/API.md, "Airspace"): the flight notices, likewise entries,
// and the flight tracks a feed sends, held against them.
#include <optional>

#include "truce/patrol/notice.h"
#include "truce/server/api.h"
#include "truce/wire/airspace.h"
#include "truce/wire/patrols.h"

namespace truce::server {
namespace {

constexpr size_t kMaxFixesBody = 512 * 1024;
constexpr size_t kMaxFixes = 2000;
constexpr size_t kMaxTracksBody = 1024 * 1024;
constexpr size_t kMaxFlightFixes = 5000;

bool Kept(const Api& api, HttpResponse& res) {
  if (api.findings) return true;
  SetError(res, 503, "unavailable", "patrols are not being followed by this server");
  return false;
}

// ?from=&to= as RFC 3339 times; either may be absent.
Result<std::pair<std::optional<int64_t>, std::optional<int64_t>>> Period(const RouteMatch& m) {
  std::pair<std::optional<int64_t>, std::optional<int64_t>> out;
  for (const char* name : {"from", "to"}) {
    if (auto v = m.params->Get(name)) {
      auto t = ParseRfc3339(*v);
      if (!t.ok()) return Status::Invalid(std::string(name) + ": " + t.status().message());
      (std::string(name) == "from" ? out.first : out.second) = t->utc_ms;
    }
  }
  if (out.first && out.second && *out.first > *out.second) return Status::Invalid("from is after to");
  return out;
}

// The officer behind a request (a signed request or a session) when the key
// has the observer role; else the answer says why not.
std::optional<Reader> Observer(const Api& api, const HttpRequest& req, const std::string& what, HttpResponse& res) {
  auto who = api.Officer(req);
  if (!who.ok()) {
    res.headers.emplace_back("WWW-Authenticate", "Truce");
    SetError(res, 401, "unauthenticated", who.status().message());
    return std::nullopt;
  }
  if (!(who->roles & reg::kObserver)) {
    SetError(res, 403, "permission_denied",
             "key '" + who->key + "' has the role " + reg::RoleNames(who->roles) + "; " + what + " needs observer");
    return std::nullopt;
  }
  return *std::move(who);
}

bool ValidName(const std::string& name) {
  return !name.empty() && name.size() <= 64 &&
         name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.") ==
             std::string::npos;
}

}  // namespace

void AddPatrolRoutes(Api& api) {
  api.Add("GET", "/v1/patrols", Audience::kOfficers, [&api](const auto&, const RouteMatch& m, HttpResponse& res) {
    if (!Kept(api, res)) return;
    auto period = Period(m);
    if (!period.ok()) return SetStatus(res, period.status());
    SetJson(res, 200, wire::PatrolListJson(api.findings->patrols().List(period->first, period->second)));
  });
  // Before /v1/patrols/{}, which would take "coverage" for a patrol's name.
  api.Add("GET", "/v1/patrols/coverage", Audience::kOfficers,
          [&api](const auto&, const RouteMatch& m, HttpResponse& res) {
            if (!Kept(api, res)) return;
            auto period = Period(m);
            if (!period.ok()) return SetStatus(res, period.status());
            auto c = api.findings->patrols().Coverage(period->first, period->second);
            if (!c.ok()) return SetStatus(res, c.status());
            SetJson(res, 200, wire::CoverageJson(*c));
          });
  api.Add("GET", "/v1/patrols/{}", Audience::kOfficers, [&api](const auto&, const RouteMatch& m, HttpResponse& res) {
    if (!Kept(api, res)) return;
    const std::string& name = m.segments[0];
    if (!ValidName(name)) return SetError(res, 404, "not_found", "no patrol is named '" + name.substr(0, 64) + "'");
    auto zoom = m.params->Number("zoom", 0, 22);
    if (!zoom.ok()) return SetStatus(res, zoom.status());
    auto p = api.findings->patrols().Find(name);
    if (!p.ok()) return SetStatus(res, p.status());
    SetJson(res, 200, wire::PatrolDetailJson(*p, *zoom ? std::optional<int>(int(**zoom)) : std::nullopt));
  });
  // A vehicle's fixes, sent by an officer of its party (a signed request or
  // a session) with the observer role: one vehicle's crew reports where it
  // is, never where the other party's vehicles are.
  api.AddOpen("POST", "/v1/patrols/{}/fixes", [&api](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
    if (!Kept(api, res)) return;
    auto who = Observer(api, req, "sending a vehicle's fixes", res);
    if (!who) return;
    const std::string& name = m.segments[0];
    if (!ValidName(name)) return SetError(res, 404, "not_found", "no patrol is named '" + name.substr(0, 64) + "'");
    auto body = ParseJsonObject(req.body, kMaxFixesBody, "the fixes", /*max_depth=*/3);
    if (!body.ok()) return SetStatus(res, body.status());
    auto fixes = wire::ParseFixes(*body, kMaxFixes);
    if (!fixes.ok()) return SetStatus(res, fixes.status());
    if (!api.TakeWrite(req, 1 + double(fixes->size()) / 100, res)) return;
    auto patrol = api.findings->patrols().Find(name, /*with_track=*/false);
    if (!patrol.ok()) return SetStatus(res, patrol.status());
    for (size_t i = 0; i < fixes->size(); ++i) {
      const std::string& v = (*fixes)[i].vehicle;
      auto planned = std::find_if(patrol->plan.vehicles.begin(), patrol->plan.vehicles.end(),
                                  [&](const patrol::PlanVehicle& pv) { return pv.id == v; });
      const std::string at = "fixes[" + std::to_string(i) + "].vehicle: ";
      if (planned == patrol->plan.vehicles.end()) {
        return SetError(res, 422, "invalid_argument",
                        at + "'" + v.substr(0, 64) + "' is not a vehicle of patrol " + name);
      }
      if (planned->party != who->party) {
        return SetError(
            res, 403, "permission_denied",
            at + "'" + v + "' is " + planned->party + "'s; " + who->party + " reports only its own vehicles");
      }
    }
    auto done = api.findings->AddPatrolFixes(name, *fixes);
    if (!done.ok()) return SetStatus(res, done.status());
    SetJson(res, 200, wire::FixesResultJson(name, *done));
  });

  api.Add(
      "GET", "/v1/airspace/notices", Audience::kOfficers, [&api](const auto&, const RouteMatch& m, HttpResponse& res) {
        if (!Kept(api, res)) return;
        auto period = Period(m);
        if (!period.ok()) return SetStatus(res, period.status());
        auto unmatched = m.params->Get("flights");
        if (unmatched && *unmatched != "all" && *unmatched != "unmatched") {
          return SetError(res, 400, "invalid_argument", "flights: all or unmatched");
        }
        const AirspaceBoard& board = api.findings->airspace();
        SetJson(
            res, 200,
            wire::AirspaceJson(board.Notices(period->first, period->second),
                               board.Flights(period->first, period->second, unmatched && *unmatched == "unmatched")));
      });
  // Flight tracks from a feed the center trusts (its radar, a party's air
  // picture), sent by an officer with the observer role. Each is matched at
  // once; a flight without notice is an alert, and the answer carries the
  // report to file for it.
  api.AddOpen("POST", "/v1/airspace/tracks", [&api](const HttpRequest& req, const RouteMatch&, HttpResponse& res) {
    if (!Kept(api, res)) return;
    if (!Observer(api, req, "sending flight tracks", res)) return;
    auto body = ParseJsonObject(req.body, kMaxTracksBody, "the tracks", /*max_depth=*/5);
    if (!body.ok()) return SetStatus(res, body.status());
    auto tracks = patrol::ParseFlightTracks(*body, kMaxFlightFixes);
    if (!tracks.ok()) return SetStatus(res, tracks.status());
    size_t fixes = 0;
    for (const auto& t : *tracks) fixes += t.fixes.size();
    if (!api.TakeWrite(req, 1 + double(fixes) / 100, res)) return;
    auto done = api.findings->AddFlightTracks(*std::move(tracks));
    if (!done.ok()) return SetStatus(res, done.status());
    SetJson(res, 200, wire::TracksResultJson(*done));
  });
}

}  // namespace truce::server
