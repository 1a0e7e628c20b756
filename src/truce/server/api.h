// What the HTTP API's routes share, inside server/: the center and the
// server's parts, and routes added behind the check of who may call them.
// Each resource's routes are in a file of their own (write_routes.cc,
// register_routes.cc, report_routes.cc, finding_routes.cc); http_server.cc
// wires them to the listener.
#pragma once

#include <cstdint>
#include <string>

#include "truce/center/center.h"
#include "truce/findings/live_findings.h"
#include "truce/server/cosigning.h"
#include "truce/server/dashboard_files.h"
#include "truce/server/http_message.h"
#include "truce/server/http_server.h"
#include "truce/server/request_auth.h"
#include "truce/server/router.h"

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
  Api(Center& center, Cosigning* cosigning, LiveFindings* findings, const ServeOptions& options)
      : center(center), cosigning(cosigning), findings(findings), options(options) {}

  Center& center;
  Cosigning* const cosigning;    // null: no witnesses to send checkpoints to
  LiveFindings* const findings;  // null: findings are not kept
  const ServeOptions& options;

  // A route that only the audience may call (401 for anyone else).
  void Add(std::string method, std::string pattern, Audience who, Router::Handler handler);
  // A route that decides for itself who sees what.
  void AddOpen(std::string method, std::string pattern, Router::Handler handler);
  // Whether the request may go on; if not, the 401 is written.
  bool Admit(const HttpRequest& req, Audience who, HttpResponse& res) const;
  // The officer who signed the request, or why it is not one.
  Result<Reader> SignedBy(const HttpRequest& req) const;
  // Answers one request; an exception from a handler is a 500.
  void Handle(const HttpRequest& req, HttpResponse& res) const;

 private:
  Router router_;
};

void AddWriteRoutes(Api& api);
void AddRegisterRoutes(Api& api);
void AddReportRoutes(Api& api);
void AddFindingRoutes(Api& api);
// The dashboard's files, or why there are none (a 503 at / says it).
void AddDashboardRoutes(Api& api, const Result<DashboardFiles>* files);

}  // namespace truce::server
