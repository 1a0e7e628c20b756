// What the HTTP API's routes share, inside server/: the center and the
// server's parts, and routes added behind the check of who may call them.
// Each resource's routes are in a file of their own (write_routes.cc,
// register_routes.cc, report_routes.cc, finding_routes.cc); http_server.cc
// wires them to the listener.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "truce/center/center.h"
#include "truce/findings/live_findings.h"
#include "truce/server/cosigning.h"
#include "truce/server/dashboard_files.h"
#include "truce/server/http_message.h"
#include "truce/server/http_server.h"
#include "truce/server/presence.h"
#include "truce/server/rate_limit.h"
#include "truce/server/request_auth.h"
#include "truce/server/router.h"
#include "truce/server/sessions.h"

namespace truce::server {

// Who may call a route (docs/API.md, "Who may read").
enum class Audience {
  kAnyone,    // writes (their entries are signed) and the health check
  kRegister,  // the register: anyone if the pack makes it public
  kOfficers,  // reports and findings: anyone only if the pack makes reads public
};

// A page of register entries, incidents or determinations at most.
inline constexpr uint64_t kMaxPage = 1000;
// Offsets and indexes beyond this are refused: they fit every store's
// integers and JSON's exact numbers alike.
inline constexpr uint64_t kMaxIndex = (uint64_t(1) << 53) - 1;

class Api {
 public:
  Api(Center& center, Cosigning* cosigning, LiveFindings* findings, const ServeOptions& options);

  Center& center;
  Cosigning* const cosigning;    // null: no witnesses to send checkpoints to
  LiveFindings* const findings;  // null: findings are not kept
  const ServeOptions& options;
  const std::unique_ptr<Sessions> sessions;  // the browsers signed in (session_routes.cc)
  const std::unique_ptr<Presence> presence;  // who looks at what (presence_routes.cc)

  // A route that only the audience may call (401 for anyone else).
  void Add(std::string method, std::string pattern, Audience who, Router::Handler handler);
  // A route that decides for itself who sees what.
  void AddOpen(std::string method, std::string pattern, Router::Handler handler);
  // Whether the request may go on; if not, the 401 is written.
  bool Admit(const HttpRequest& req, Audience who, HttpResponse& res) const;
  // The officer reading: by a signed request (Authorization) or, without
  // one, by a sign-in session's cookie; or why it is neither. The key is
  // checked against the key ring as it is now at each call.
  Result<Reader> Officer(const HttpRequest& req) const;
  // Takes a write's `cost` from the client address's allowance (the
  // per-address limit every POST shares); if none is left, the 429 is
  // written.
  bool TakeWrite(const HttpRequest& req, double cost, HttpResponse& res) const;
  // Answers one request; an exception from a handler is a 500.
  void Handle(const HttpRequest& req, HttpResponse& res) const;

 private:
  Router router_;
  const std::unique_ptr<RateLimit> writes_per_address_;
};

void AddWriteRoutes(Api& api);
void AddRegisterRoutes(Api& api);
void AddReportRoutes(Api& api);
void AddFindingRoutes(Api& api);
void AddPatrolRoutes(Api& api);
void AddDailyRoutes(Api& api);
void AddExportRoutes(Api& api);
void AddSessionRoutes(Api& api);
void AddPresenceRoutes(Api& api);
// The dashboard's files, or why there are none (a 503 at / says it).
void AddDashboardRoutes(Api& api, const Result<DashboardFiles>* files);

}  // namespace truce::server
