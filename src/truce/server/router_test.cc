#include "truce/server/router.h"

#include <gtest/gtest.h>

#include "truce/server/rate_limit.h"

namespace truce::server {
namespace {

using nlohmann::json;

HttpRequest Req(std::string method, std::string target) {
  HttpRequest r;
  r.method = std::move(method);
  r.target = target;
  size_t q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.query = target.substr(q + 1);
  return r;
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.Add("POST", "/v1/reports", [](const auto&, const auto&, HttpResponse& res) { res.body = "post"; });
    router_.Add("GET", "/v1/reports", [](const auto&, const auto&, HttpResponse& res) { res.body = "list"; });
    router_.Add("GET", "/v1/reports/{}", [](const auto&, const RouteMatch& m, HttpResponse& res) {
      auto id = ParseNumber(m.segments[0], "the report id", 1, 1000);
      if (!id.ok()) return SetStatus(res, id.status());
      res.body = "report " + std::to_string(*id);
    });
    router_.Add("GET", "/v1/register/tile/*",
                [](const auto&, const RouteMatch& m, HttpResponse& res) { res.body = "tile " + m.segments[0]; });
  }
  HttpResponse Go(const std::string& method, const std::string& target) {
    HttpResponse res;
    router_.Dispatch(Req(method, target), res);
    return res;
  }
  Router router_;
};

TEST_F(RouterTest, MatchesSegments) {
  EXPECT_EQ(Go("GET", "/v1/reports").body, "list");
  EXPECT_EQ(Go("POST", "/v1/reports").body, "post");
  EXPECT_EQ(Go("GET", "/v1/reports/12").body, "report 12");
  EXPECT_EQ(Go("GET", "/v1/register/tile/0/x001/234.p/5").body, "tile 0/x001/234.p/5");
  EXPECT_EQ(Go("GET", "/v1/reports/12/more").status, 404);
  EXPECT_EQ(Go("GET", "/v1/reportsx").status, 404);
}

TEST_F(RouterTest, AWrongMethodIs405FromTheTable) {
  // The tester's `GET /v1/reports/-1` was answered "takes GET, not GET".
  HttpResponse bad = Go("GET", "/v1/reports/-1");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("the report id must be a whole number from 1 to 1000, not '-1'"), std::string::npos)
      << bad.body;
  HttpResponse del = Go("DELETE", "/v1/reports");
  EXPECT_EQ(del.status, 405);
  ASSERT_EQ(del.headers.size(), 1u);
  EXPECT_EQ(del.headers[0].second, "GET, POST");
  EXPECT_NE(del.body.find("takes GET, POST, not DELETE"), std::string::npos);
  EXPECT_EQ(Go("POST", "/v1/reports/3").status, 405);
}

TEST(ParseNumber, RangeCheckedBeforeUse) {
  EXPECT_EQ(*ParseNumber("0", "start", 0, 10), 0u);
  EXPECT_EQ(*ParseNumber("18446744073709551615", "x", 0, UINT64_MAX), UINT64_MAX);
  // The tester's numbers: too big for the store's integers, or for 64 bits.
  EXPECT_FALSE(ParseNumber("9223372036854775808", "start", 0, (uint64_t(1) << 53) - 1).ok());
  EXPECT_FALSE(ParseNumber("18446744073709551616", "offset", 0, UINT64_MAX).ok());
  EXPECT_FALSE(ParseNumber("-1", "limit", 1, 1000).ok());
  EXPECT_FALSE(ParseNumber("", "limit", 1, 1000).ok());
  EXPECT_FALSE(ParseNumber("+5", "limit", 1, 1000).ok());
  EXPECT_FALSE(ParseNumber("1e3", "limit", 1, 1000).ok());
  EXPECT_FALSE(ParseNumber("0", "limit", 1, 1000).ok());
  auto st = ParseNumber("-5", "limit", 1, 1000);
  EXPECT_EQ(st.status().message(), "limit must be a whole number from 1 to 1000, not '-5'");
}

TEST(Params, DecodesAndRefusesBrokenEscapes) {
  auto p = Params::Parse("a=1&b=x%20y+z&a=2&flag");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(*p->Get("a"), "1");
  EXPECT_EQ(*p->Get("b"), "x y z");
  EXPECT_TRUE(p->Has("flag"));
  EXPECT_FALSE(Params::Parse("a=%2").ok());
  EXPECT_FALSE(Params::Parse("a=%zz").ok());
}

TEST(RateLimit, RefillsWithTheClock) {
  ManualClock clock;
  RateLimit limit(2, 4, clock);  // 2 a second, 4 at once
  int64_t retry = 0;
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(limit.Take("10.0.0.1", 1, &retry));
  EXPECT_FALSE(limit.Take("10.0.0.1", 1, &retry));
  EXPECT_EQ(retry, 1);
  EXPECT_TRUE(limit.Take("10.0.0.2", 1, &retry)) << "another address has its own bucket";
  clock.Advance(500);  // one token back
  EXPECT_TRUE(limit.Take("10.0.0.1", 1, &retry));
  EXPECT_FALSE(limit.Take("10.0.0.1", 1, &retry));
  // A request dearer than the burst passes on a full bucket, and leaves a debt.
  clock.Advance(10000);
  EXPECT_TRUE(limit.Take("10.0.0.1", 10, &retry));
  EXPECT_FALSE(limit.Take("10.0.0.1", 1, &retry));
  EXPECT_EQ(retry, 4);  // from -6 to 1 token at 2 a second
}

}  // namespace
}  // namespace truce::server

namespace truce::server {
namespace {

TEST(RateLimit, ChargesAfterTheFactAndRefusesWhileInDebt) {
  ManualClock clock;
  RateLimit per_key(10, 20, clock);  // 10 entries a second, 20 at once
  int64_t retry = 0;
  EXPECT_FALSE(per_key.InDebt("tr-obs-1", &retry)) << "a key never seen owes nothing";
  per_key.Charge("tr-obs-1", 50);  // a batch of 50 verified entries
  EXPECT_TRUE(per_key.InDebt("tr-obs-1", &retry));
  EXPECT_EQ(retry, 3);  // from -30 back to 0 at 10 a second
  EXPECT_FALSE(per_key.InDebt("ru-obs-1", &retry)) << "one key's flood is not another's";
  clock.Advance(3000);
  EXPECT_FALSE(per_key.InDebt("tr-obs-1", &retry));
  // Paid off in small steps: ten refills of a tenth of a token add up to
  // a whole one, though the doubles sum to a hair less.
  clock.Advance(10000);            // full again: 20
  per_key.Charge("tr-obs-1", 21);  // from 20 to -1
  for (int i = 0; i < 9; ++i) {
    clock.Advance(10);
    EXPECT_TRUE(per_key.InDebt("tr-obs-1", &retry));  // each look refills the bucket
  }
  clock.Advance(10);
  EXPECT_FALSE(per_key.InDebt("tr-obs-1", &retry));
  RateLimit per_address(10, 1, clock);
  EXPECT_TRUE(per_address.Take("10.0.0.1", 1, &retry));
  for (int i = 0; i < 9; ++i) {
    clock.Advance(10);
    EXPECT_FALSE(per_address.Take("10.0.0.1", 1, &retry));
  }
  clock.Advance(10);
  EXPECT_TRUE(per_address.Take("10.0.0.1", 1, &retry)) << "a tenth of a token, ten times, is one";
}

}  // namespace
}  // namespace truce::server
