// The HTTP API of `truce serve` (docs/API.md), on the hardened listener
// (http_listener.h).
//
// Handlers only translate: request parameters to Center calls, results and
// Status to JSON. Every error body has one shape:
//   {"error": {"code": "...", "message": "...", "details": [...]}}
#pragma once

#include <memory>
#include <string>

#include "truce/center/center.h"
#include "truce/findings/live_findings.h"
#include "truce/server/cosigning.h"
#include "truce/server/http_listener.h"
#include "truce/server/http_message.h"

namespace truce::server {

struct ServeOptions {
  HttpLimits limits;
  // HTTPS with this certificate chain and key (PEM), when both are set.
  std::string tls_cert, tls_key;
  // Write requests (POST) a client address may make: per second, and in a
  // burst. 0 turns the limit off.
  double writes_per_second = 50, write_burst = 200;
  // Entries a signing key may have appended: per second, and in a burst.
  // Only entries it verifiably signed count; 0 turns the limit off.
  double key_entries_per_second = 200, key_entry_burst = 2000;
  const Clock* clock = &SystemClock::Instance();
  // The dashboard's build folder (web/ built by Vite), served at /; empty:
  // no dashboard, and / says so.
  std::string web_dir;
};

class HttpServer {
 public:
  // With `cosigning`, each new checkpoint is sent to the parties' witnesses;
  // with `findings`, incidents, determinations and events are served.
  HttpServer(Center& center, Cosigning* cosigning = nullptr, LiveFindings* findings = nullptr,
             ServeOptions options = {});
  ~HttpServer();

  // Binds host:port (port 0 picks a free one), with TLS if the options
  // name a certificate. Returns the bound port.
  Result<int> Bind(const std::string& host, int port);
  bool tls() const;
  // Whether the dashboard's files were read (served at /), or why not.
  Status dashboard() const;
  // Serves until Stop(). REQUIRES: Bind succeeded.
  void Run();
  void Stop();

  // One request, answered without a socket: what the listener calls on a
  // worker, and what the request-path fuzz target drives.
  void Handle(const HttpRequest& req, HttpResponse& res);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace truce::server
