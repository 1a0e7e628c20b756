// The center's HTTP transport: an event-driven server (Boost.Beast over
// Boost.Asio) that holds up under hostile clients.
//
// Connections wait on the network in a few I/O threads, never in a worker:
// a client that trickles its headers or never reads its answer costs a
// socket and a small buffer until its deadline, not a thread. Handlers run
// on a fixed pool of workers, so a write waiting for the disk's fsync does
// not stall the network. Every bound of HttpLimits is enforced here, before
// a handler sees the request:
//   - one deadline for a request's header block, and one for its body;
//   - the header block's size and its number of fields;
//   - the body's length, counted as it arrives (chunked too), and all
//     bodies in flight together;
//   - connections in all and per client address;
//   - requests queued for a worker.
// There are no byte ranges: an API answer is sent whole, once.
#pragma once

#include <memory>
#include <string>

#include "truce/core/status.h"
#include "truce/server/http_message.h"

namespace truce::server {

// Counters of what the listener refused, for tests and logs.
struct ListenerStats {
  uint64_t connections_refused = 0;  // over a connection cap
  uint64_t deadlines = 0;            // closed for being too slow
  uint64_t too_large = 0;            // header block or body over its limit
  uint64_t busy = 0;                 // 503: the body budget or the workers' queue was full
};

class HttpListener {
 public:
  HttpListener(HttpLimits limits, HttpHandler handler);
  ~HttpListener();

  // Serve HTTPS with this certificate chain and private key (PEM files).
  // REQUIRES: before Bind.
  Status UseTls(const std::string& cert_file, const std::string& key_file);
  bool tls() const;

  // Binds host:port (port 0 picks a free one). Returns the bound port.
  Result<int> Bind(const std::string& host, int port);
  // Serves until Stop(), on this thread and io_threads - 1 others.
  // REQUIRES: Bind succeeded.
  void Run(int io_threads = 2);
  // Safe from any thread, and before Run.
  void Stop();

  ListenerStats stats() const;
  // Blocks until `count` connections in all have been closed for being too
  // slow. For tests: Beast closes such a socket before the listener counts
  // it, so the client sees the close first.
  void AwaitDeadlines(uint64_t count) const;

  struct Impl;  // the connections' shared state: http_listener.cc alone sees it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace truce::server
