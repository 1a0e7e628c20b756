// Presence (docs/API.md, "Presence"): heartbeats, who is looking at an
// item, and leaving it. Only for an officer (a signed request or a sign-in
// session), whatever the pack opens to the public: who reads what is the
// parties' business. Changes also go out on GET /v1/events
// (finding_routes.cc).
#include "truce/server/api.h"
#include "truce/server/presence.h"
#include "truce/wire/sessions.h"

namespace truce::server {
namespace {

constexpr size_t kMaxPresenceBody = 1024;

// The officer calling, or none with the 401 written.
std::optional<Reader> Caller(const Api& api, const HttpRequest& req, HttpResponse& res) {
  auto reader = api.Officer(req);
  if (reader.ok()) return *reader;
  res.headers.emplace_back("WWW-Authenticate", "Truce");
  SetError(res, 401, "unauthenticated", reader.status().message());
  return std::nullopt;
}

// The item of ?item=, checked; none with the 400 written.
std::optional<std::string> QueryItem(const RouteMatch& m, HttpResponse& res) {
  auto item = m.params->Get("item");
  Status st = item ? CheckItem(*item) : Status::Invalid("item is required: ?item=<the item's id>");
  if (!st.ok()) {
    SetStatus(res, st);
    return std::nullopt;
  }
  return item;
}

}  // namespace

void AddPresenceRoutes(Api& api) {
  api.AddOpen("POST", "/v1/presence", [&api](const HttpRequest& req, const RouteMatch&, HttpResponse& res) {
    auto who = Caller(api, req, res);
    if (!who) return;
    auto body = ParseJsonObject(req.body, kMaxPresenceBody, "the presence body");
    if (!body.ok()) return SetStatus(res, body.status());
    auto item = StringMember(*body, "item", kMaxItemSize);
    Status st = item.ok() ? CheckItem(*item) : item.status();
    if (!st.ok()) return SetStatus(res, st);
    auto viewers = api.presence->Beat(*item, who->key, who->party);
    if (!viewers.ok() && viewers.status().code() == Code::kPermissionDenied) {
      return SetError(res, 429, "too_many_requests", viewers.status().message());
    }
    if (!viewers.ok()) return SetStatus(res, viewers.status());
    SetJson(res, 200, wire::PresenceJson(*item, *viewers));
  });
  api.AddOpen("GET", "/v1/presence", [&api](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
    if (!Caller(api, req, res)) return;
    auto item = QueryItem(m, res);
    if (!item) return;
    SetJson(res, 200, wire::PresenceJson(*item, api.presence->Viewers(*item)));
  });
  api.AddOpen("DELETE", "/v1/presence", [&api](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
    auto who = Caller(api, req, res);
    if (!who) return;
    auto item = QueryItem(m, res);
    if (!item) return;
    api.presence->Leave(*item, who->key);
    SetNoContent(res);
  });
}

}  // namespace truce::server
