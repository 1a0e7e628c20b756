// One HTTP request and its answer as the center's handlers see them: plain
// values, so the handlers know nothing of the transport (http_listener.h)
// and a fuzz target can drive them without a socket.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace truce::server {

struct HttpRequest {
  std::string method;                                        // "GET", "POST", ...
  std::string target;                                        // as sent: the path and the query
  std::string path;                                          // the target up to '?'
  std::string query;                                         // after '?', still percent-encoded
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string peer;  // the client's address, without its port

  // The first header of that name (lower case), or "".
  std::string_view Header(std::string_view lower_name) const {
    for (const auto& [k, v] : headers) {
      if (k == lower_name) return v;
    }
    return {};
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // A stream (server-sent events) instead of a body: called on the I/O
  // thread, never concurrently, each time the client has taken what was
  // sent before; it appends what is to be sent now (possibly nothing) and
  // returns false when the stream is over. It must not block.
  std::function<bool(std::string* out)> stream;
  // Called once when the stream ends, however it ends.
  std::function<void()> on_stream_end;
};

// What one client may cost the server. Every bound is checked before the
// work it protects: a header block is measured as it arrives, a body is
// counted against the limits as it arrives (chunked or not), and nothing
// waits on a client without a deadline.
struct HttpLimits {
  size_t max_header_bytes = 16 << 10;  // the request line and every header together
  size_t max_header_count = 64;
  size_t max_body_bytes = 64 << 20;
  // The bodies being received or handled at once, all clients together.
  size_t max_bodies_in_flight = 256 << 20;
  // From the first byte of a request (or the end of the previous answer on
  // a kept-alive connection) to the end of its headers: one deadline for
  // the whole header block, however it trickles in.
  std::chrono::milliseconds header_deadline{15000};
  // For the body, as a whole: this, plus the body's length at
  // min_body_rate bytes a second.
  std::chrono::milliseconds body_deadline{30000};
  size_t min_body_rate = 256 << 10;
  // For each part of an answer to leave.
  std::chrono::milliseconds write_deadline{30000};
  // The TLS handshake, when serving HTTPS.
  std::chrono::milliseconds handshake_deadline{10000};
  size_t max_connections = 1024;
  size_t max_connections_per_address = 32;
  size_t max_streams = 256;  // open event streams, all clients together
  // Threads that run handlers, and the requests that may wait for one
  // before the server answers 503. A signed write waits in its handler for
  // the group's fsync: enough workers that many officers' writes share one
  // commit (docs/PERFORMANCE.md). A worker is held only while a handler
  // runs, never by a connection.
  size_t workers = 64;
  size_t max_queued = 512;
  // How often an open stream is asked for more, and how long it may stay
  // silent before a comment keeps it alive.
  std::chrono::milliseconds stream_poll{200};
  std::chrono::milliseconds stream_keep_alive{15000};
};

using HttpHandler = std::function<void(const HttpRequest&, HttpResponse&)>;

}  // namespace truce::server
