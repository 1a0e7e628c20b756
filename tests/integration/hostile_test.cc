// An outside tester's probes against a real `truce serve` (issue 9), each a
// regression test: the server keeps answering, nothing is stored that
// should not be, and memory stays bounded.
#include <fstream>
#include <sstream>

#include "serve_fixture.h"
#include "truce/server/test_conn.h"

namespace truce::testing {
namespace {

using server::testing::Conn;

class Hostile : public Serve {
 protected:
  static void SetUpTestSuite() {
    // A low write rate, so the rate limit is seen without a flood; a
    // clock that stands still, so no bucket refills unless a test says so.
    manual_clock_ = true;
    extra_args_ = {"--write-rate", "5", "--write-burst", "40"};
    Serve::SetUpTestSuite();
  }

  // The server's peak resident memory so far (VmHWM), in MiB.
  static int64_t PeakRssMiB() {
    std::ifstream f("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(f, line)) {
      if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) / 1024;
    }
    return -1;
  }

  void ExpectAlive() {
    auto res = Client().Get("/healthz");
    ASSERT_TRUE(res) << "the server stopped answering";
    EXPECT_EQ(res->status, 200);
  }
};

TEST_F(Hostile, DeepNestingIsRefusedNotACrash) {
  // 100 KB, unsigned: an entry whose body nests arrays 50,000 deep.
  std::string body =
      R"({"v":1,"kind":"report","party":"TR","signer":"tr-obs-1","signed_at":"2020-03-10T14:20:00+03:00",)"
      R"("sig":")" +
      std::string(86, 'A') + R"(==","body":{"x":)" + std::string(50000, '[') + std::string(50000, ']') + "}}";
  json r = Post("/v1/register/entries", body, 422, "application/x-ndjson");
  EXPECT_NE(r.dump().find("nests arrays and objects more than 64 deep"), std::string::npos) << r.dump();
  ExpectAlive();
}

TEST_F(Hostile, URLNumbersAreRangeChecked) {
  json bad = Get("/v1/register/entries?start=9223372036854775808", 400);
  EXPECT_EQ(bad["error"]["message"],
            "start must be a whole number from 0 to 9007199254740991, not '9223372036854775808'");
  bad = Get("/v1/incidents?offset=18446744073709551615", 400);
  EXPECT_EQ(bad["error"]["code"], "invalid_argument");
  bad = Get("/v1/incidents?limit=-1", 400);
  EXPECT_EQ(bad["error"]["message"], "limit must be a whole number from 1 to 1000, not '-1'");
  bad = Get("/v1/determinations?limit=0", 400);
  bad = Get("/v1/reports/-1", 400);
  EXPECT_NE(bad["error"]["message"].get<std::string>().find("the report id must be a whole number"), std::string::npos);
  // A start past the end is an empty page, not everything.
  json page = Get("/v1/register/entries?start=9007199254740991");
  EXPECT_TRUE(page["entries"].empty());
}

TEST_F(Hostile, AChunkedBodyIsHeldToTheLimitAsItArrives) {
  const int64_t before = PeakRssMiB();
  Conn c(port_, "127.0.0.21");
  c.Send("POST /v1/register/entries HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
  const std::string chunk(1 << 20, 'x');
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", chunk.size());
  int sent = 0;
  while (sent < 1024 && c.Send(size + chunk + "\r\n")) ++sent;  // up to 1 GiB
  std::string a = c.ReadAll();
  EXPECT_EQ(a.rfind("HTTP/1.1 413", 0), 0u) << a.substr(0, 200);
  EXPECT_LT(sent, 200) << "the server kept reading far past its limit";
  EXPECT_LT(PeakRssMiB() - before, 200) << "the body was held in memory";
  ExpectAlive();
}

TEST_F(Hostile, RangesDoNotMultiplyAnswers) {
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 1800; ++i) ranges += ",0-" + std::to_string(i % 97);
  httplib::Headers h = {{"Range", ranges.substr(0, 12000)}};
  auto res = Client().Get("/v1/zones", h);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_LT(res->body.size(), 100u << 10);
  EXPECT_FALSE(json::parse(res->body).is_discarded());
}

TEST_F(Hostile, SlowClientsShutNoOneOut) {
  // The tester's 66 connections trickling headers: from one address, all
  // but its share are refused at once, and the rest wait on a socket, not
  // a worker.
  std::vector<std::unique_ptr<Conn>> slow;
  for (int i = 0; i < 66; ++i) {
    slow.push_back(std::make_unique<Conn>(port_, "127.0.0.22"));
    slow.back()->Send("GET /v1/zones HTTP/1.1\r\nX-Slow: ");
  }
  for (int i = 0; i < 20; ++i) ExpectAlive();
}

TEST_F(Hostile, BogusSignaturesCostLittleMemory) {
  // 60 MB of lines with bogus signatures peaked at 906 MB before.
  const int64_t before = PeakRssMiB();
  std::string line = Sign(Report("bogus", "2020-03-10T14:00:00Z", 35.8, 36.6));
  line.replace(line.find("\"sig\":\"") + 7, 4, "AAAA");
  std::string body;
  while (body.size() < (60 << 20)) body += line + "\n";
  Conn c(port_, "127.0.0.23");
  c.Send(
      "POST /v1/register/entries HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-ndjson\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  c.Send(body);
  std::string a = c.ReadAll(60000);
  EXPECT_EQ(a.rfind("HTTP/1.1 403", 0), 0u) << a.substr(0, 300);
  // And the work is bounded too: after 1,000 forged signatures with nothing
  // that could be stored, the rest of the 140,000 lines is not verified.
  EXPECT_NE(a.find("not read: 1000 entries before this line are refused"), std::string::npos);
  EXPECT_LT(PeakRssMiB() - before, 3 * 60 + 100) << "more than a small multiple of the body";
  ExpectAlive();
}

TEST_F(Hostile, WritesAreRateLimitedPerAddress) {
  int limited = 0;
  std::string retry;
  for (int i = 0; i < 60 && limited == 0; ++i) {
    auto res = Client().Post("/v1/register/entries", "", "application/x-ndjson");
    ASSERT_TRUE(res);
    if (res->status == 429) {
      ++limited;
      retry = res->get_header_value("Retry-After");
    }
  }
  EXPECT_EQ(limited, 1);
  ASSERT_FALSE(retry.empty());
  ExpectAlive();  // reads are not limited
  // The clock has not moved: still refused.
  auto again = Client().Post("/v1/register/entries", "", "application/x-ndjson");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 429);
  // Another address has its own bucket.
  Conn other(port_, "127.0.0.24");
  other.Send("POST /v1/register/entries HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
  std::string answer = other.ReadOne();
  EXPECT_EQ(answer.rfind("HTTP/1.1 ", 0), 0u) << answer;
  EXPECT_EQ(answer.find("HTTP/1.1 429"), std::string::npos) << answer.substr(0, 200);
  // A client that comes back when told is let in.
  Advance(std::stoll(retry) * 1000);
  auto later = Client().Post("/v1/register/entries", "", "application/x-ndjson");
  ASSERT_TRUE(later);
  EXPECT_NE(later->status, 429) << later->body;
}

// A signed read is good for five minutes either side of the server's
// clock, and not a second longer: a replay of it after that is refused.
TEST_F(Hostile, ASignedReadExpiresByTheServersClock) {
  const std::string target = "/v1/incidents?limit=1";
  const std::string signed_now = Authorization("GET", target);
  auto read = [&] { return Client().http().Get(target, {{"Authorization", signed_now}}); };
  auto res = read();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  Advance(300'000 - now_ms_ % 1000);  // the server's second is now 300 after the signature's
  res = read();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  Advance(1000);
  res = read();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401) << res->body;
  EXPECT_NE(res->body.find("more than 300 s from the server's clock"), std::string::npos) << res->body;
  // Signed afresh, at the server's time, it is read.
  Get(target);
}

}  // namespace
}  // namespace truce::testing

namespace truce::testing {
namespace {

class KeyLimited : public Serve {
 protected:
  static void SetUpTestSuite() {
    manual_clock_ = true;
    extra_args_ = {"--key-rate", "1", "--key-burst", "10"};
    Serve::SetUpTestSuite();
  }
};

TEST_F(KeyLimited, AKeyThatWroteTooMuchWaits) {
  // 12 verified entries from one key in one request: allowed on a full
  // bucket, and the key then owes what it took beyond its burst.
  std::string batch;
  for (int i = 0; i < 12; ++i)
    batch += Sign(Report("KL-" + std::to_string(i), "2020-03-10T14:00:00Z", 35.8, 36.6)) + "\n";
  Post("/v1/reports", batch, 201, "application/x-ndjson");
  auto res =
      Client().Post("/v1/reports", Sign(Report("KL-next", "2020-03-10T14:00:00Z", 35.8, 36.6)), "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429) << res->body;
  EXPECT_NE(res->body.find("key 'tr-obs-1' has written more than its share"), std::string::npos);
  EXPECT_FALSE(res->get_header_value("Retry-After").empty());
  // Another party's key is not held back by it, and forged lines that
  // name tr-obs-1 cost it nothing more.
  Post("/v1/reports",
       Sign(R"({"id":"KL-ru","source":{"kind":"party","party":"RU"},"category":"shelling",)"
            R"("observed":{"start":"2020-03-10T14:00:00Z"},"location":{"lat":35.8,"lon":36.6,"uncertainty_m":500}})",
            "ru-obs-1", "RU"),
       201, "application/x-ndjson");
  // The clock has not moved: tr-obs-1 still waits, for as long as it was
  // told, and not for half of it. Then it writes again.
  const int64_t retry_s = std::stoll(res->get_header_value("Retry-After"));
  const std::string next = Sign(Report("KL-next", "2020-03-10T14:00:00Z", 35.8, 36.6));
  res = Client().Post("/v1/reports", next, "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429) << res->body;
  Advance(retry_s * 500);
  res = Client().Post("/v1/reports", next, "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429) << res->body;
  Advance(retry_s * 500);
  Post("/v1/reports", next, 201, "application/x-ndjson");
}

}  // namespace
}  // namespace truce::testing
