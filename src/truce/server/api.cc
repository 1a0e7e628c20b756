#include "truce/server/api.h"

namespace truce::server {

Api::Api(Center& center, Cosigning* cosigning, LiveFindings* findings, const ServeOptions& options)
    : center(center),
      cosigning(cosigning),
      findings(findings),
      options(options),
      sessions(std::make_unique<Sessions>(*options.clock)),
      presence(std::make_unique<Presence>(*options.clock)),
      writes_per_address_(std::make_unique<RateLimit>(options.writes_per_second, options.write_burst, *options.clock)) {
}

void Api::Add(std::string method, std::string pattern, Audience who, Router::Handler handler) {
  router_.Add(std::move(method), std::move(pattern),
              [this, who, h = std::move(handler)](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
                if (Admit(req, who, res)) h(req, m, res);
              });
}

void Api::AddOpen(std::string method, std::string pattern, Router::Handler handler) {
  router_.Add(std::move(method), std::move(pattern), std::move(handler));
}

bool Api::Admit(const HttpRequest& req, Audience who, HttpResponse& res) const {
  const AccessSettings& access = center.mission().access;
  if (who == Audience::kAnyone || access.public_reads) return true;
  if (who == Audience::kRegister && access.public_register) return true;
  auto reader = Officer(req);
  if (reader.ok()) return true;
  res.headers.emplace_back("WWW-Authenticate", "Truce");
  SetError(res, 401, "unauthenticated", reader.status().message());
  return false;
}

Result<Reader> Api::Officer(const HttpRequest& req) const {
  auto keys = center.registrar().keys();
  const std::string_view token = SessionCookieValue(req.Header("cookie"));
  if (!req.Header("authorization").empty() || token.empty()) {
    return VerifyRequest(req, *keys, center.mission().CenterParties(), options.clock->NowMs() / 1000);
  }
  auto session = sessions->Find(token);
  if (!session) {
    return Status::Denied(
        "the sign-in session is unknown or expired: sign in again (docs/API.md, \"Sign-in sessions\")");
  }
  return OfficerKey(*keys, center.mission().CenterParties(), session->key);
}

bool Api::TakeWrite(const HttpRequest& req, double cost, HttpResponse& res) const {
  int64_t retry = 0;
  if (writes_per_address_->Take(req.peer, cost, &retry)) return true;
  res.headers.emplace_back("Retry-After", std::to_string(retry));
  SetError(res, 429, "too_many_requests",
           "too many writes from this address; try again in " + std::to_string(retry) + " s");
  return false;
}

void Api::Handle(const HttpRequest& req, HttpResponse& res) const {
  try {
    router_.Dispatch(req, res);
  } catch (const std::exception& e) {
    res = HttpResponse();
    SetError(res, 500, "internal", std::string("unexpected error: ") + e.what());
  }
}

}  // namespace truce::server
