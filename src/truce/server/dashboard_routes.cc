// The dashboard at /: its built files from memory (dashboard_files.h), and
// index.html for each of the app's own pages, so a link to one opens it.
// Every answer forbids inline script and any other origin (docs/API.md,
// "The dashboard"): a report's text that slipped through escaping still
// could not run.
#include <string>

#include "truce/server/api.h"
#include "truce/server/compression.h"
#include "truce/server/dashboard_files.h"

namespace truce::server {
namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

void Send(const HttpRequest& req, const DashboardFile& f, HttpResponse& res) {
  res.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  res.headers.emplace_back("Referrer-Policy", "no-referrer");
  res.headers.emplace_back("X-Frame-Options", "DENY");
  res.headers.emplace_back("ETag", f.etag);
  res.headers.emplace_back("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  res.content_type = f.type;
  if (req.Header("if-none-match") == f.etag) {
    res.status = 304;
    return;
  }
  res.status = 200;
  // A plain answer of a text type gets its Vary from MaybeCompress.
  if (!f.gzip.empty() && AcceptsGzip(req.Header("accept-encoding"))) {
    res.headers.emplace_back("Vary", "Accept-Encoding");
    res.headers.emplace_back("Content-Encoding", "gzip");
    res.body = f.gzip;
  } else {
    res.body = f.body;
  }
}

}  // namespace

void AddDashboardRoutes(Api& api, const Result<DashboardFiles>* files) {
  auto page = [files](const HttpRequest& req, const RouteMatch&, HttpResponse& res) {
    if (!files->ok()) {
      return SetError(res, 503, "unavailable", files->status().message());
    }
    Send(req, (*files)->index(), res);
  };
  // The app's pages (web/src/view.js): each is index.html, which reads the URL.
  for (const char* path :
       {"/", "/review", "/intake", "/register", "/incidents/{}", "/patrols", "/patrols/{}", "/daily"}) {
    api.AddOpen("GET", path, page);
  }
  api.AddOpen("GET", "/assets/*", [files](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
    const DashboardFile* f = files->ok() ? (*files)->Find("/assets/" + m.segments[0]) : nullptr;
    if (!f) return SetError(res, 404, "not_found", "the dashboard has no file assets/" + m.segments[0].substr(0, 120));
    Send(req, *f, res);
  });
}

}  // namespace truce::server
