// The HTTP API of `truce serve` (docs/API.md), over cpp-httplib.
//
// Handlers only translate: request parameters to Center calls, results and
// Status to JSON. Every error body has one shape:
//   {"error": {"code": "...", "message": "...", "details": [...]}}
#pragma once

#include <memory>
#include <string>

#include "truce/center/center.h"
#include "truce/center/live_findings.h"
#include "truce/server/cosigning.h"

namespace truce::server {

class HttpServer {
 public:
  // With `cosigning`, each new checkpoint is sent to the parties' witnesses;
  // with `findings`, incidents, determinations and events are served.
  explicit HttpServer(Center& center, Cosigning* cosigning = nullptr, LiveFindings* findings = nullptr);
  ~HttpServer();

  // Binds host:port (port 0 picks a free one). Returns the bound port.
  Result<int> Bind(const std::string& host, int port);
  // Serves until Stop(). REQUIRES: Bind succeeded.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace truce::server
