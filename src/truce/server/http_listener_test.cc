// The listener under hostile clients, over real loopback sockets: each
// test serves with small limits and checks that the bound holds and that
// an ordinary client is still answered.
#include "truce/server/http_listener.h"
#include "truce/server/test_conn.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace truce::server {
namespace {

using testing::Conn;

class Listener : public ::testing::Test {
 protected:
  void Serve(HttpLimits limits) {
    listener_ = std::make_unique<HttpListener>(limits, [this](const HttpRequest& req, HttpResponse& res) {
      ++handled_;
      last_body_size_ = req.body.size();
      res.body = "{\"path\":\"" + req.path + "\"}";
    });
    auto port = listener_->Bind("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
    thread_ = std::thread([this] { listener_->Run(); });
  }
  void TearDown() override {
    if (listener_) listener_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  std::string Get(const char* from = "127.0.0.1") {
    Conn c(port_, from);
    c.Send("GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    return c.ReadAll();
  }

  std::unique_ptr<HttpListener> listener_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> handled_{0};
  std::atomic<size_t> last_body_size_{0};
};

bool Status200(const std::string& answer) { return answer.rfind("HTTP/1.1 200", 0) == 0; }

TEST_F(Listener, AnswersAndKeepsAlive) {
  Serve({});
  Conn c(port_);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.Send("GET /a?b=1 HTTP/1.1\r\nHost: x\r\n\r\n"));
    std::string a = c.ReadOne();
    EXPECT_TRUE(Status200(a)) << a;
    EXPECT_NE(a.find("{\"path\":\"/a\"}"), std::string::npos);
  }
}

TEST_F(Listener, SlowHeadersHoldNoOneElseUp) {
  // The tester's slowloris: many connections that never finish their
  // headers. Each costs a socket, not a worker, until its deadline.
  HttpLimits limits;
  limits.workers = 2;
  limits.header_deadline = std::chrono::milliseconds(300);
  Serve(limits);
  std::vector<std::unique_ptr<Conn>> slow;
  for (int i = 0; i < 30; ++i) {
    slow.push_back(std::make_unique<Conn>(port_, "127.0.0.2"));
    slow.back()->Send("GET /slow HTTP/1.1\r\nX-Trickle: ");
  }
  EXPECT_TRUE(Status200(Get())) << "an ordinary client waits behind slow ones";
  // And the deadline is for the header block as a whole: a byte now and
  // then does not keep a connection open. The server closes it.
  for (auto& c : slow) {
    c->Send("a");
    EXPECT_EQ(c->ReadAll(), "") << "the server answered a request it never read whole";
  }
  // Beast closes a timed-out socket before its handler counts the deadline.
  listener_->AwaitDeadlines(30);
  EXPECT_EQ(handled_, 1);
}

TEST_F(Listener, CapsConnectionsPerAddress) {
  HttpLimits limits;
  limits.max_connections_per_address = 4;
  Serve(limits);
  std::vector<std::unique_ptr<Conn>> held;
  for (int i = 0; i < 4; ++i) held.push_back(std::make_unique<Conn>(port_, "127.0.0.3"));
  // Ask each for an answer, so all four are surely admitted.
  for (auto& c : held) {
    c->Send("GET /held HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_TRUE(Status200(c->ReadOne()));
  }
  Conn fifth(port_, "127.0.0.3");
  std::string refused = fifth.ReadAll();
  EXPECT_EQ(refused.rfind("HTTP/1.1 503", 0), 0u) << refused;
  EXPECT_NE(refused.find("too many connections from this address"), std::string::npos);
  EXPECT_TRUE(Status200(Get("127.0.0.4"))) << "another address is still served";
}

TEST_F(Listener, RefusesOversizedHeaders) {
  HttpLimits limits;
  limits.max_header_bytes = 4096;
  limits.max_header_count = 10;
  Serve(limits);
  {
    Conn c(port_);
    c.Send("GET /big HTTP/1.1\r\nX-Big: " + std::string(8000, 'a') + "\r\n\r\n");
    EXPECT_EQ(c.ReadAll().rfind("HTTP/1.1 431", 0), 0u);
  }
  {
    Conn c(port_);
    std::string many = "GET /many HTTP/1.1\r\n";
    for (int i = 0; i < 20; ++i) many += "X-" + std::to_string(i) + ": 1\r\n";
    c.Send(many + "\r\n");
    EXPECT_EQ(c.ReadAll().rfind("HTTP/1.1 431", 0), 0u);
  }
  EXPECT_EQ(handled_, 0);
}

TEST_F(Listener, CountsAChunkedBodyAsItArrives) {
  // The tester sent 1 GiB chunked and the server read it whole before
  // refusing it. Now the limit stops the read at the chunk that crosses it.
  HttpLimits limits;
  limits.max_body_bytes = 1 << 20;
  Serve(limits);
  Conn c(port_);
  c.Send("POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk(64 << 10, 'x');
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
  bool refused_early = false;
  for (int i = 0; i < 64 && !refused_early; ++i) {  // 4 MiB, if it were all read
    refused_early = !c.Send(size + chunk + "\r\n");
  }
  std::string a = c.ReadAll();
  EXPECT_EQ(a.rfind("HTTP/1.1 413", 0), 0u) << a.substr(0, 200);
  EXPECT_EQ(handled_, 0);
  EXPECT_GE(listener_->stats().too_large, 1u);
}

TEST_F(Listener, RefusesADeclaredLengthOverTheLimitBeforeReadingIt) {
  HttpLimits limits;
  limits.max_body_bytes = 1 << 20;
  Serve(limits);
  Conn c(port_);
  c.Send("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n");
  EXPECT_EQ(c.ReadAll().rfind("HTTP/1.1 413", 0), 0u);
}

TEST_F(Listener, CapsTheBodiesInFlightTogether) {
  HttpLimits limits;
  limits.max_body_bytes = 1 << 20;
  limits.max_bodies_in_flight = 1 << 20;
  Serve(limits);
  // One client declares a whole budget's body and sends half of it...
  Conn first(port_, "127.0.0.5");
  first.Send("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 1048576\r\n\r\n" + std::string(1000, 'x'));
  // ...so the next is told to come back, not queued without bound.
  // (The first's header is surely read once the server answers a GET.)
  EXPECT_TRUE(Status200(Get("127.0.0.6")));
  Conn second(port_, "127.0.0.7");
  second.Send("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + std::string(1000, 'y'));
  std::string a = second.ReadAll();
  EXPECT_EQ(a.rfind("HTTP/1.1 503", 0), 0u) << a;
  EXPECT_NE(a.find("Retry-After"), std::string::npos);
  // Once the first is done, its share of the budget is free again.
  first.Send(std::string(1048576 - 1000, 'x'));
  EXPECT_TRUE(Status200(first.ReadOne()));
  EXPECT_EQ(last_body_size_, 1048576u);
  Conn third(port_, "127.0.0.7");
  third.Send("POST /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 3\r\n\r\nabc");
  EXPECT_TRUE(Status200(third.ReadAll()));
}

TEST_F(Listener, IgnoresRanges) {
  // 1,800 ranges turned 12 KB into 22 MB: now an answer is sent once, whole.
  Serve({});
  Conn c(port_);
  std::string ranges = "bytes=0-1";
  for (int i = 0; i < 1800; ++i) ranges += ",0-" + std::to_string(i % 9 + 1);
  c.Send("GET /r HTTP/1.1\r\nHost: x\r\nConnection: close\r\nRange: " + ranges.substr(0, 12000) + "\r\n\r\n");
  std::string a = c.ReadAll();
  EXPECT_TRUE(Status200(a)) << a.substr(0, 100);
  EXPECT_EQ(a.find("multipart/byteranges"), std::string::npos);
  EXPECT_LT(a.size(), 400u);
}

}  // namespace
}  // namespace truce::server
