#include "truce/server/api.h"

namespace truce::server {

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
  auto reader = SignedBy(req);
  if (reader.ok()) return true;
  res.headers.emplace_back("WWW-Authenticate", "Truce");
  SetError(res, 401, "unauthenticated", reader.status().message());
  return false;
}

Result<Reader> Api::SignedBy(const HttpRequest& req) const {
  return VerifyRequest(req, *center.registrar().keys(), center.mission().CenterParties(),
                       options.clock->NowMs() / 1000);
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
