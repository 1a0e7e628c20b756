// Incidents, determinations and their events (docs/API.md, "Findings"),
// read from the live findings the server keeps.
#include <optional>

#include "truce/center/filter_params.h"
#include "truce/review/review.h"
#include "truce/server/api.h"
#include "truce/wire/findings.h"
#include "truce/wire/sessions.h"

namespace truce::server {
namespace {

// Whether findings are kept; if not, the 503 is written.
bool Kept(const Api& api, HttpResponse& res) {
  if (api.findings) return true;
  SetError(res, 503, "unavailable", "findings are not being kept by this server");
  return false;
}

Result<IncidentFilter> ParseIncidentFilter(const Params& params, const Mission& mission) {
  IncidentFilter f;
  f.category = params.Get("category").value_or("");
  f.responsible = params.Get("responsible").value_or("");
  f.clause = params.Get("clause").value_or("");
  f.state = params.Get("state").value_or("");
  f.zone = params.Get("zone").value_or("");
  if (!f.zone.empty() && !mission.FindZone(f.zone)) {
    return Status::Invalid("zone '" + f.zone.substr(0, 40) +
                           "' is not one of the mission's zones (GET /v1/zones lists them)");
  }
  f.corroboration = params.Get("corroboration").value_or("");
  if (!f.corroboration.empty()) {
    // The names fusion gives, so a new level is taken without a second list.
    const fusion::Corroboration levels[] = {fusion::Corroboration::kSingleSource, fusion::Corroboration::kCorroborated,
                                            fusion::Corroboration::kTechnical, fusion::Corroboration::kJointlyVerified};
    std::string names;
    bool known = false;
    for (size_t i = 0; i < std::size(levels); ++i) {
      const std::string_view name = fusion::CorroborationName(levels[i]);
      known = known || name == f.corroboration;
      names += std::string(i == 0 ? "" : i + 1 == std::size(levels) ? " or " : ", ") + std::string(name);
    }
    if (!known)
      return Status::Invalid("corroboration must be " + names + ", not '" + f.corroboration.substr(0, 40) + "'");
  }
  if (!f.state.empty() && f.state != "none" && !review::ParseState(f.state)) {
    return Status::Invalid("state must be none, " + review::StateList() + ", not '" + f.state.substr(0, 40) + "'");
  }
  if (!f.category.empty() && !ParseCategory(f.category)) {
    return Status::Invalid("category '" + f.category.substr(0, 40) + "' is not one of " + CategoryList());
  }
  for (const char* name : {"from", "to"}) {
    if (auto v = params.Get(name)) {
      auto t = ParseRfc3339(*v);
      if (!t.ok()) return Status::Invalid(std::string(name) + ": " + t.status().message());
      (std::string(name) == "from" ? f.from_ms : f.to_ms) = t->utc_ms;
    }
  }
  if (f.from_ms && f.to_ms && *f.from_ms > *f.to_ms) return Status::Invalid("from is after to");
  if (auto v = params.Get("bbox")) {
    TRUCE_ASSIGN_OR_RETURN(f.bbox, ParseBoundingBox(*v));
  }
  f.contested_only = params.Get("contested").value_or("") == "true";
  TRUCE_ASSIGN_OR_RETURN(auto limit, params.Number("limit", 1, kMaxPage));
  TRUCE_ASSIGN_OR_RETURN(auto offset, params.Number("offset", 0, kMaxIndex));
  if (limit) f.limit = *limit;
  if (offset) f.offset = *offset;
  return f;
}

// The map's view: its bbox (required, and already in the filter) and zoom.
Result<MapQuery> ParseMapQuery(const Params& params, const IncidentFilter& f) {
  if (!f.bbox)
    return Status::Invalid("bbox is required: west,south,east,north in degrees, such as 36.1,35.5,37.2,36.3");
  TRUCE_ASSIGN_OR_RETURN(auto zoom, params.Number("zoom", 0, kMaxMapZoom));
  if (!zoom) return Status::Invalid("zoom is required: the map's zoom level, a whole number from 0 to 22");
  MapQuery q;
  q.bbox = *f.bbox;
  q.zoom = int(*zoom);
  return q;
}

Result<TimelineQuery> ParseTimelineQuery(const Params& params, const IncidentFilter& f) {
  TimelineQuery q;
  q.from_ms = f.from_ms;
  q.to_ms = f.to_ms;
  TRUCE_ASSIGN_OR_RETURN(auto bins, params.Number("bins", 1, kMaxTimelineBins));
  if (bins) q.bins = *bins;
  return q;
}

// Determinations are for officers; the final ones for anyone too if the
// pack says so (an auditor sees what both parties signed, nothing else).
// Whether the caller sees only final ones; none with the 401 written.
std::optional<bool> FinalOnly(const Api& api, const HttpRequest& req, HttpResponse& res) {
  const AccessSettings& access = api.center.mission().access;
  if (access.public_final_determinations && !access.public_reads && !api.Officer(req).ok()) return true;
  if (!api.Admit(req, Audience::kOfficers, res)) return std::nullopt;
  return false;
}

const char* const kOnlyFinal = "without an officer's signed request, only final determinations are shown";

}  // namespace

void AddFindingRoutes(Api& api) {
  api.Add("GET", "/v1/incidents", Audience::kOfficers, [&api](const auto&, const RouteMatch& m, HttpResponse& res) {
    if (!Kept(api, res)) return;
    auto f = ParseIncidentFilter(*m.params, api.center.mission());
    if (!f.ok()) return SetStatus(res, f.status());
    SetJson(res, 200, wire::IncidentPageJson(api.findings->Incidents(*f)));
  });
  // Before /v1/incidents/{}, which would take "map" for an incident's name.
  api.Add("GET", "/v1/incidents/map", Audience::kOfficers, [&api](const auto&, const RouteMatch& m, HttpResponse& res) {
    if (!Kept(api, res)) return;
    auto f = ParseIncidentFilter(*m.params, api.center.mission());
    if (!f.ok()) return SetStatus(res, f.status());
    auto q = ParseMapQuery(*m.params, *f);
    if (!q.ok()) return SetStatus(res, q.status());
    SetJson(res, 200, wire::IncidentMapJson(api.findings->Map(*f, *q)));
    res.content_type = "application/geo+json";
  });
  api.Add("GET", "/v1/incidents/timeline", Audience::kOfficers,
          [&api](const auto&, const RouteMatch& m, HttpResponse& res) {
            if (!Kept(api, res)) return;
            auto f = ParseIncidentFilter(*m.params, api.center.mission());
            if (!f.ok()) return SetStatus(res, f.status());
            auto q = ParseTimelineQuery(*m.params, *f);
            if (!q.ok()) return SetStatus(res, q.status());
            SetJson(res, 200, wire::IncidentTimelineJson(api.findings->Timeline(*f, *q)));
          });
  api.Add("GET", "/v1/incidents/{}", Audience::kOfficers, [&api](const auto&, const RouteMatch& m, HttpResponse& res) {
    if (!Kept(api, res)) return;
    const std::string& name = m.segments[0];
    if (name.size() > 64 || name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") !=
                                std::string::npos) {
      return SetError(res, 404, "not_found", "no incident is named '" + name.substr(0, 64) + "'");
    }
    auto inc = api.findings->Incident(name);
    if (!inc.ok()) return SetStatus(res, inc.status());
    std::vector<StoredReport> reports;
    for (int64_t rid : inc->incident.finding.incident.reports) {
      auto report = api.center.reader().Report(rid);
      if (report.ok() && *report) reports.push_back(std::move(**report));
    }
    SetJson(res, 200, wire::IncidentDetailJson(*inc, reports));
  });
  api.AddOpen("GET", "/v1/determinations", [&api](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
    auto only_final = FinalOnly(api, req, res);
    if (!only_final || !Kept(api, res)) return;
    auto awaiting = m.params->Get("awaiting");
    std::string state = m.params->Get("state").value_or(*only_final && !awaiting ? "final" : "");
    if (!state.empty() && !review::ParseState(state)) {
      return SetError(res, 400, "invalid_argument",
                      "state must be " + review::StateList() + ", not '" + state.substr(0, 40) + "'");
    }
    // A lead's queue is of proposals, which are not public.
    if (*only_final && (awaiting || state != "final")) return SetError(res, 401, "unauthenticated", kOnlyFinal);
    if (awaiting && !state.empty() && state != "proposed") {
      return SetError(res, 400, "invalid_argument",
                      "awaiting lists proposed determinations only; leave out state, or give state=proposed");
    }
    auto limit = m.params->Number("limit", 1, kMaxPage);
    if (!limit.ok()) return SetStatus(res, limit.status());
    if (awaiting) {
      auto queue = api.findings->Awaiting(*awaiting, limit->value_or(100));
      if (!queue.ok()) return SetStatus(res, queue.status());
      return SetJson(res, 200, wire::DeterminationList(*queue));
    }
    SetJson(res, 200, wire::DeterminationList(api.findings->Determinations(state, limit->value_or(100))));
  });
  api.AddOpen("GET", "/v1/determinations/{}", [&api](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
    auto only_final = FinalOnly(api, req, res);
    if (!only_final || !Kept(api, res)) return;
    auto entry = ParseNumber(m.segments[0], "the determination's entry", 0, kMaxIndex);
    if (!entry.ok()) return SetStatus(res, entry.status());
    auto d = api.findings->Determination(*entry);
    if (!d.ok()) return SetStatus(res, d.status());
    if (*only_final && d->state != review::State::kFinal) {
      return SetError(res, 401, "unauthenticated",
                      "determination " + std::to_string(*entry) + " is not final: " + kOnlyFinal);
    }
    SetJson(res, 200, wire::DeterminationJson(*d));
  });
  // Server-sent events: each new or changed incident and determination.
  // A client that reconnects with Last-Event-ID (or ?after=) gets what it
  // missed, as far as the last 10,000 events go.
  api.Add("GET", "/v1/events", Audience::kOfficers,
          [&api](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
            if (!Kept(api, res)) return;
            LiveFindings* findings = api.findings;
            uint64_t after = findings->last_seq();
            std::string last(req.Header("last-event-id"));
            if (auto a = m.params->Get("after")) last = *a;
            if (!last.empty()) {
              auto n = ParseNumber(last, "after / Last-Event-ID", 0, UINT64_MAX);
              if (!n.ok()) return SetStatus(res, n.status());
              after = *n;
              // An id from before a restart of the server (numbers start again at
              // 1): everything kept is sent, rather than nothing until it passes.
              if (after > findings->last_seq()) after = 0;
            }
            // Presence changes go only to an officer (a pack's public reads
            // do not open who reads what), from the stream's start on. They
            // carry no id: Last-Event-ID stays the findings' number, and a
            // page that reconnects asks for its item's viewers again
            // rather than replaying who came and went (presence.h).
            Presence* presence = api.Officer(req).ok() ? api.presence.get() : nullptr;
            res.status = 200;
            res.content_type = "text/event-stream";
            res.headers.emplace_back("Cache-Control", "no-cache");
            // Polled on an I/O thread every HttpLimits::stream_poll: it takes
            // what is there and never waits.
            res.stream = [findings, presence, cursor = after,
                          seen = presence ? presence->last_seq() : 0](std::string* out) mutable {
              for (const auto& e : findings->EventsAfter(cursor, 0)) {
                *out += "id: " + std::to_string(e.seq) + "\nevent: " + wire::EventName(e) +
                        "\ndata: " + wire::EventData(e) + "\n\n";
                cursor = e.seq;
              }
              if (presence) {
                for (const auto& c : presence->ChangesAfter(seen)) {
                  *out += "event: presence\ndata: " + wire::PresenceJson(c.item, c.viewers).dump() + "\n\n";
                  seen = c.seq;
                }
              }
              return true;
            };
          });
}

}  // namespace truce::server
