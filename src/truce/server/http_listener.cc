#include "truce/server/http_listener.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "truce/core/thread_annotations.h"
#include "truce/server/compression.h"
#include "truce/wire/errors.h"

namespace truce::server {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using wire::FixedErrorBody;

}  // namespace

struct HttpListener::Impl {
  Impl(HttpLimits l, HttpHandler h) : limits(l), handler(std::move(h)), workers(l.workers) {}

  const HttpLimits limits;
  const HttpHandler handler;

  std::atomic<bool> stopping{false};
  std::atomic<size_t> connections{0}, queued{0}, streams{0}, bodies_in_flight{0};
  std::atomic<uint64_t> refused{0}, deadlines{0}, too_large{0}, busy{0};
  void CountDeadline() {
    ++deadlines;
    deadlines.notify_all();  // AwaitDeadlines
  }
  Mutex peers_mu;
  std::unordered_map<std::string, size_t> per_peer TRUCE_GUARDED_BY(peers_mu);

  std::optional<net::ssl::context> tls;
  // Declared after what sessions touch as they are destroyed: the context
  // goes first, and with it every session still waiting on it.
  net::io_context ioc{2};
  tcp::acceptor acceptor{ioc};
  net::steady_timer grace{ioc};
  net::thread_pool workers;

  // Takes `n` bytes from the budget of bodies in flight, or nothing.
  bool ReserveBody(size_t n) {
    size_t now = bodies_in_flight.load();
    do {
      if (now + n > limits.max_bodies_in_flight) return false;
    } while (!bodies_in_flight.compare_exchange_weak(now, now + n));
    return true;
  }

  // Whether one more connection from `peer` is allowed; if so, counted.
  bool Admit(const std::string& peer) {
    MutexLock lock(peers_mu);
    size_t& n = per_peer[peer];
    if (n >= limits.max_connections_per_address || connections.load() >= limits.max_connections) {
      if (n == 0) per_peer.erase(peer);
      return false;
    }
    ++n;
    ++connections;
    return true;
  }
  void Leave(const std::string& peer) {
    MutexLock lock(peers_mu);
    auto it = per_peer.find(peer);
    if (it != per_peer.end() && --it->second == 0) per_peer.erase(it);
    --connections;
  }

  void Accept();

  // Stops the I/O once no connection is left, or at `until` whatever is left.
  void StopWhenIdle(Clock::time_point until) {
    if (connections.load() == 0 || Clock::now() >= until) return ioc.stop();
    grace.expires_after(std::chrono::milliseconds(10));
    grace.async_wait([this, until](beast::error_code) { StopWhenIdle(until); });
  }
};

namespace {

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <class... Args>
  Session(HttpListener::Impl* server, std::string peer, Args&&... args)
      : server_(server),
        limits_(server_->limits),
        peer_(std::move(peer)),
        stream_(std::forward<Args>(args)...),
        buffer_(limits_.max_header_bytes + (64 << 10)),
        timer_(stream_.get_executor()) {}

  ~Session() {
    ReleaseBody();
    if (streaming_) {
      --server_->streams;
      if (on_stream_end_) on_stream_end_();
    }
    server_->Leave(peer_);
  }

  void Start() {
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      beast::get_lowest_layer(stream_).expires_after(limits_.handshake_deadline);
      stream_.async_handshake(net::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        if (ec) return self->Close();
        self->ReadHeader();
      });
    } else {
      ReadHeader();
    }
  }

 private:
  using Self = Session<Stream>;

  auto& Lowest() { return beast::get_lowest_layer(stream_); }

  void ReadHeader() {
    if (server_->stopping) return Close();
    parser_.emplace();
    parser_->header_limit(uint32_t(limits_.max_header_bytes));
    parser_->body_limit(uint64_t(limits_.max_body_bytes));
    // A chunked body has no length up front: each chunk is taken from the
    // budget of bodies in flight as it is announced, before it is read.
    chunk_header_ = [this](std::uint64_t size, beast::string_view, beast::error_code& ec) {
      if (size == 0) return;
      if (!server_->ReserveBody(size_t(size))) {
        ec = beast::error::timeout;  // any error ends the read; over_budget_ says why
        over_budget_ = true;
        return;
      }
      reserved_ += size_t(size);
    };
    parser_->on_chunk_header(chunk_header_);
    over_budget_ = false;
    Lowest().expires_after(limits_.header_deadline);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec == http::error::header_limit) {
      ++server_->too_large;
      return Refuse(431, "too_large", "the request line and headers exceed the server's limit");
    }
    if (ec == http::error::body_limit) {  // a declared length over the limit
      ++server_->too_large;
      return Refuse(413, "too_large", "the request body exceeds the server's limit; split the batch");
    }
    if (ec == beast::error::timeout) server_->CountDeadline();
    if (ec) {
      if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::eof ||
          ec == net::error::connection_reset || ec == net::ssl::error::stream_truncated) {
        return Close();
      }
      return Refuse(400, "bad_request", "the request is not well-formed HTTP/1.1");
    }
    const auto& h = parser_->get();
    if (size_t(std::distance(h.begin(), h.end())) > limits_.max_header_count) {
      ++server_->too_large;
      return Refuse(431, "too_large", "the request has too many header fields");
    }
    if (auto len = parser_->content_length()) {
      if (*len > limits_.max_body_bytes) {
        ++server_->too_large;
        return Refuse(413, "too_large", "the request body exceeds the server's limit; split the batch");
      }
      if (!server_->ReserveBody(size_t(*len))) {
        ++server_->busy;
        return Refuse(503, "unavailable", "the server is receiving too much at once; try again shortly");
      }
      reserved_ = size_t(*len);
    }
    if (parser_->is_done()) return Handle();
    // The body as a whole: a base allowance and the time its length takes
    // at a modest rate (a chunked body is allowed the largest length).
    size_t len = parser_->content_length() ? size_t(*parser_->content_length()) : limits_.max_body_bytes;
    Lowest().expires_after(
        limits_.body_deadline +
        std::chrono::milliseconds(uint64_t(len) * 1000 / std::max<size_t>(1, limits_.min_body_rate)));
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
  }

  void OnBody(beast::error_code ec) {
    if (over_budget_) {
      ++server_->busy;
      return Refuse(503, "unavailable", "the server is receiving too much at once; try again shortly");
    }
    if (ec == http::error::body_limit) {
      ++server_->too_large;
      return Refuse(413, "too_large", "the request body exceeds the server's limit; split the batch");
    }
    if (ec == beast::error::timeout) {
      server_->CountDeadline();
      return Close();
    }
    if (ec) return Close();
    Handle();
  }

  void Handle() {
    auto msg = parser_->release();
    parser_.reset();
    auto req = std::make_shared<HttpRequest>();
    req->method = std::string(msg.method_string());
    req->target = std::string(msg.target());
    size_t q = req->target.find('?');
    req->path = req->target.substr(0, q);
    if (q != std::string::npos) req->query = req->target.substr(q + 1);
    for (const auto& f : msg) {
      std::string name(f.name_string());
      for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
      req->headers.emplace_back(std::move(name), std::string(f.value()));
    }
    req->body = std::move(msg.body());
    req->peer = peer_;
    keep_alive_ = msg.keep_alive();
    if (server_->queued.fetch_add(1) >= limits_.max_queued) {
      --server_->queued;
      ++server_->busy;
      ReleaseBody();
      return Refuse(503, "unavailable", "the server is busy; try again shortly");
    }
    // No deadline while the handler works: the client is not being waited on.
    Lowest().expires_never();
    const auto queued_at = std::chrono::steady_clock::now();
    net::post(server_->workers, [self = this->shared_from_this(), req, queued_at] {
      auto res = std::make_shared<HttpResponse>();
      try {
        const auto started = std::chrono::steady_clock::now();
        self->server_->handler(*req, *res);
        const auto handled = std::chrono::steady_clock::now();
        MaybeCompress(*req, *res);
        // Where the server's time went (a browser shows it beside the
        // network's): waiting for a worker, the answer, its compression.
        auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
        char timing[128];
        std::snprintf(timing, sizeof timing, "queue;dur=%.1f, app;dur=%.1f, gzip;dur=%.1f", ms(started - queued_at),
                      ms(handled - started), ms(std::chrono::steady_clock::now() - handled));
        res->headers.emplace_back("Server-Timing", timing);
      } catch (...) {
        *res = HttpResponse();
        res->status = 500;
        res->body = FixedErrorBody("internal", "unexpected error");
      }
      --self->server_->queued;
      req->body.clear();
      req->body.shrink_to_fit();
      self->ReleaseBody();
      net::post(self->stream_.get_executor(), [self, res] { self->Write(std::move(*res)); });
    });
  }

  void Write(HttpResponse r) {
    if (r.stream) return StartStream(std::move(r));
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(11);
    res->result(unsigned(r.status));
    res->set(http::field::server, "truce");
    if (!r.content_type.empty()) res->set(http::field::content_type, r.content_type);  // none on a 204
    for (const auto& [k, v] : r.headers) res->set(k, v);
    res->body() = std::move(r.body);
    res->keep_alive(keep_alive_ && !server_->stopping);
    res->prepare_payload();
    Send(std::move(res));
  }

  void Send(std::shared_ptr<http::response<http::string_body>> res) {
    response_ = std::move(res);
    Lowest().expires_after(limits_.write_deadline);
    http::async_write(stream_, *response_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
      bool again = !ec && self->response_->keep_alive();
      self->response_.reset();
      if (!again) return self->Close();
      self->ReadHeader();
    });
  }

  // An answer before the request was read whole: the connection ends with it.
  void Refuse(int status, const std::string& code, const std::string& message) {
    ReleaseBody();
    parser_.reset();
    keep_alive_ = false;
    auto res = std::make_shared<http::response<http::string_body>>();
    res->version(11);
    res->result(unsigned(status));
    res->set(http::field::server, "truce");
    res->set(http::field::content_type, "application/json");
    if (status == 503) res->set(http::field::retry_after, "2");
    res->body() = FixedErrorBody(code, message);
    res->keep_alive(false);
    res->prepare_payload();
    Send(std::move(res));
  }

  void StartStream(HttpResponse r) {
    if (server_->streams.fetch_add(1) >= limits_.max_streams) {
      --server_->streams;
      if (r.on_stream_end) r.on_stream_end();
      HttpResponse busy;
      busy.status = 503;
      busy.headers.emplace_back("Retry-After", "10");
      busy.body = FixedErrorBody("unavailable", "too many event streams are open; try again later");
      return Write(std::move(busy));
    }
    streaming_ = true;
    next_ = std::move(r.stream);
    on_stream_end_ = std::move(r.on_stream_end);
    stream_head_.emplace();
    stream_head_->version(11);
    stream_head_->result(unsigned(r.status));
    stream_head_->set(http::field::server, "truce");
    stream_head_->set(http::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) stream_head_->set(k, v);
    stream_head_->keep_alive(false);
    stream_head_->chunked(true);
    serializer_.emplace(*stream_head_);
    Lowest().expires_after(limits_.write_deadline);
    http::async_write_header(stream_, *serializer_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->Close();
      self->last_sent_ = Clock::now();
      self->Poll();
    });
  }

  void Poll() {
    if (server_->stopping) return EndStream();
    chunk_.clear();
    if (!next_(&chunk_)) return EndStream();
    if (chunk_.empty() && Clock::now() - last_sent_ >= limits_.stream_keep_alive) chunk_ = ": keep-alive\n\n";
    if (chunk_.empty()) {
      timer_.expires_after(limits_.stream_poll);
      timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
        if (ec) return self->Close();
        self->Poll();
      });
      return;
    }
    Lowest().expires_after(limits_.write_deadline);
    net::async_write(stream_, http::make_chunk(net::buffer(chunk_)),
                     [self = this->shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->Close();
                       self->last_sent_ = Clock::now();
                       self->Poll();
                     });
  }

  void EndStream() {
    Lowest().expires_after(limits_.write_deadline);
    net::async_write(stream_, http::make_chunk_last(),
                     [self = this->shared_from_this()](beast::error_code, size_t) { self->Close(); });
  }

  void ReleaseBody() {
    if (reserved_ > 0) server_->bodies_in_flight -= reserved_;
    reserved_ = 0;
  }

  void Close() {
    timer_.cancel();
    beast::error_code ec;
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      // close_notify, with a short wait: a client that does not answer it
      // is not waited on.
      Lowest().expires_after(std::chrono::seconds(2));
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
        beast::error_code ignored;
        self->Lowest().socket().close(ignored);
      });
    } else {
      Lowest().socket().shutdown(tcp::socket::shutdown_both, ec);
      Lowest().socket().close(ec);
    }
  }

  HttpListener::Impl* server_;  // outlives every session: they go with its io_context
  const HttpLimits& limits_;
  std::string peer_;
  Stream stream_;
  beast::flat_buffer buffer_;
  net::steady_timer timer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::function<void(std::uint64_t, beast::string_view, beast::error_code&)> chunk_header_;
  bool over_budget_ = false;
  size_t reserved_ = 0;
  bool keep_alive_ = false;
  std::shared_ptr<http::response<http::string_body>> response_;
  // An event stream.
  bool streaming_ = false;
  std::function<bool(std::string*)> next_;
  std::function<void()> on_stream_end_;
  std::optional<http::response<http::empty_body>> stream_head_;
  std::optional<http::response_serializer<http::empty_body>> serializer_;
  std::string chunk_;
  Clock::time_point last_sent_;
};

}  // namespace

void HttpListener::Impl::Accept() {
  acceptor.async_accept(net::make_strand(ioc), [self = this](beast::error_code ec, tcp::socket socket) {
    if (self->stopping || !self->acceptor.is_open()) return;
    if (!ec) {
      beast::error_code aec;
      auto remote = socket.remote_endpoint(aec);
      std::string peer = aec ? std::string("?") : remote.address().to_string();
      if (!self->Admit(peer)) {
        ++self->refused;
        // A short answer, best effort and without waiting: the client is
        // told why rather than left with a reset.
        static const std::string kBusy =
            "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\nContent-Type: application/json\r\n"
            "Connection: close\r\nContent-Length: " +
            std::to_string(FixedErrorBody("unavailable", "too many connections from this address").size()) +
            "\r\n\r\n" + FixedErrorBody("unavailable", "too many connections from this address");
        // Over TLS the answer would need a handshake first, which is the
        // work a refusal must not cost: the socket is only closed.
        if (!self->tls) {
          socket.non_blocking(true, aec);
          socket.write_some(net::buffer(kBusy), aec);
        }
        socket.close(aec);
      } else {
        socket.set_option(tcp::no_delay(true), aec);
        if (self->tls) {
          std::make_shared<Session<TlsStream>>(self, peer, std::move(socket), *self->tls)->Start();
        } else {
          std::make_shared<Session<beast::tcp_stream>>(self, peer, std::move(socket))->Start();
        }
      }
    }
    self->Accept();
  });
}

HttpListener::HttpListener(HttpLimits limits, HttpHandler handler)
    : impl_(std::make_unique<Impl>(limits, std::move(handler))) {}

HttpListener::~HttpListener() {
  Stop();
  impl_->workers.join();
}

Status HttpListener::UseTls(const std::string& cert_file, const std::string& key_file) {
  net::ssl::context ctx(net::ssl::context::tls_server);
  ctx.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 | net::ssl::context::no_sslv3 |
                  net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1 | net::ssl::context::single_dh_use);
  beast::error_code ec;
  ctx.use_certificate_chain_file(cert_file, ec);
  if (ec)
    return Status::Invalid("--tls-cert " + cert_file + ": cannot read a PEM certificate chain (" + ec.message() + ")");
  ctx.use_private_key_file(key_file, net::ssl::context::pem, ec);
  if (ec) return Status::Invalid("--tls-key " + key_file + ": cannot read a PEM private key (" + ec.message() + ")");
  if (SSL_CTX_check_private_key(ctx.native_handle()) != 1) {
    return Status::Invalid("--tls-key " + key_file + " is not the private key of the certificate in " + cert_file);
  }
  impl_->tls.emplace(std::move(ctx));
  return Status::Ok();
}

bool HttpListener::tls() const { return impl_->tls.has_value(); }

Result<int> HttpListener::Bind(const std::string& host, int port) {
  beast::error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (ec) return Status::Invalid("--host " + host + " is not an IP address (" + ec.message() + ")");
  tcp::endpoint ep(address, uint16_t(port));
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    a.close(ec);
    if (port == 0) return Status::Io("cannot bind " + host + " on any port");
    return Status::Io("cannot bind " + host + ":" + std::to_string(port) +
                      " (in use by another program? try --port 0 for a free one)");
  }
  return int(a.local_endpoint().port());
}

void HttpListener::Run(int io_threads) {
  impl_->Accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < io_threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void HttpListener::Stop() {
  if (impl_->stopping.exchange(true)) return;
  Impl* impl = impl_.get();
  net::post(impl->ioc, [impl] {
    beast::error_code ec;
    impl->acceptor.close(ec);
    // Streams end at their next poll and answers in progress go out;
    // whatever still waits on a client after a moment is dropped.
    impl->StopWhenIdle(Clock::now() + std::chrono::milliseconds(500));
  });
}

void HttpListener::AwaitDeadlines(uint64_t count) const {
  for (uint64_t seen = impl_->deadlines.load(); seen < count; seen = impl_->deadlines.load()) {
    impl_->deadlines.wait(seen);
  }
}

ListenerStats HttpListener::stats() const {
  return {impl_->refused.load(), impl_->deadlines.load(), impl_->too_large.load(), impl_->busy.load()};
}

}  // namespace truce::server
