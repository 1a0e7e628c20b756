// Sign-in sessions (docs/API.md, "Sign-in sessions"): a challenge, its
// signature traded for a session cookie, the session read and ended. The
// cookie then reads wherever a signed request does (Api::Officer).
#include "truce/register/base64.h"
#include "truce/server/api.h"
#include "truce/wire/sessions.h"

namespace truce::server {
namespace {

// A sign-in body holds a key name, a challenge and a signature: far less.
constexpr size_t kMaxSignInBody = 4096;

const char* const kUnknownChallenge = "the sign-in challenge is unknown, used or expired: ask for a new one";

// Attributes every truce_session cookie is set with: only this server's
// pages send it (SameSite=Strict), no script reads it (HttpOnly), and over
// HTTPS it never leaves in the clear (Secure).
std::string CookieAttributes(const Api& api) {
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (api.options.tls_cert.empty() ? "" : "; Secure");
}

void Unauthenticated(HttpResponse& res, const std::string& message) { SetError(res, 401, "unauthenticated", message); }

void SignIn(const Api& api, const HttpRequest& req, HttpResponse& res) {
  // A signature check costs CPU: sign-ins share the writes' allowance.
  if (!api.TakeWrite(req, 1, res)) return;
  auto body = ParseJsonObject(req.body, kMaxSignInBody, "the sign-in body");
  if (!body.ok()) return SetStatus(res, body.status());
  auto key = StringMember(*body, "key", 64);
  auto challenge = StringMember(*body, "challenge", 64);
  auto sig = StringMember(*body, "sig", 128);
  for (const Status& st : {key.status(), challenge.status(), sig.status()}) {
    if (!st.ok()) return SetStatus(res, st);
  }
  // Taken before anything else is checked: a challenge has one try, so a
  // wrong signature cannot be tried again on it.
  if (!api.sessions->TakeChallenge(*challenge)) return Unauthenticated(res, kUnknownChallenge);
  auto keys = api.center.registrar().keys();
  auto reader = OfficerKey(*keys, api.center.mission().CenterParties(), *key);
  if (!reader.ok()) return Unauthenticated(res, reader.status().message());
  auto raw = reg::Unbase64(*sig, "the sign-in's sig");
  if (!raw.ok() || !reg::VerifyBytes(keys->Find(*key)->key, SignInMessage(*challenge), *raw)) {
    return Unauthenticated(res, "the sign-in signature by key '" + *key +
                                    "' does not match the challenge: sign \"truce-session/v1\\n\" CHALLENGE \"\\n\"");
  }
  auto opened = api.sessions->Open(reader->key);
  if (!opened.ok()) {
    res.headers.emplace_back("Retry-After", "60");
    return SetStatus(res, opened.status());
  }
  res.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) + "=" + opened->token + CookieAttributes(api) +
                                             "; Max-Age=" + std::to_string(kSessionLifeMs / 1000));
  SetJson(res, 200, wire::SessionJson(reader->key, reader->party, reader->roles, opened->session.expires_ms));
}

void Whoami(const Api& api, const HttpRequest& req, HttpResponse& res) {
  auto session = api.sessions->Find(SessionCookieValue(req.Header("cookie")));
  if (!session) return Unauthenticated(res, "not signed in");
  // The key as the ring has it now: a revoked key's session reads nothing.
  auto reader = OfficerKey(*api.center.registrar().keys(), api.center.mission().CenterParties(), session->key);
  if (!reader.ok()) return Unauthenticated(res, reader.status().message());
  SetJson(res, 200, wire::SessionJson(reader->key, reader->party, reader->roles, session->expires_ms));
}

void SignOut(const Api& api, const HttpRequest& req, HttpResponse& res) {
  api.sessions->Close(SessionCookieValue(req.Header("cookie")));
  SetNoContent(res);
  res.headers.emplace_back("Set-Cookie", std::string(kSessionCookie) + "=" + CookieAttributes(api) + "; Max-Age=0");
}

}  // namespace

void AddSessionRoutes(Api& api) {
  api.AddOpen("POST", "/v1/session/challenge", [&api](const HttpRequest& req, const RouteMatch&, HttpResponse& res) {
    if (!api.TakeWrite(req, 1, res)) return;
    auto c = api.sessions->NewChallenge();
    if (!c.ok()) {
      res.headers.emplace_back("Retry-After", "60");
      return SetStatus(res, c.status());
    }
    SetJson(res, 200, wire::ChallengeJson(c->text, c->expires_ms));
  });
  api.AddOpen("POST", "/v1/session",
              [&api](const HttpRequest& req, const RouteMatch&, HttpResponse& res) { SignIn(api, req, res); });
  api.AddOpen("GET", "/v1/session",
              [&api](const HttpRequest& req, const RouteMatch&, HttpResponse& res) { Whoami(api, req, res); });
  api.AddOpen("DELETE", "/v1/session",
              [&api](const HttpRequest& req, const RouteMatch&, HttpResponse& res) { SignOut(api, req, res); });
}

}  // namespace truce::server
