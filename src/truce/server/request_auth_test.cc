#include "truce/server/request_auth.h"

#include <gtest/gtest.h>

#include "truce/mission/test_mission.h"

namespace truce::server {
namespace {

class RequestAuth : public ::testing::Test {
 protected:
  RequestAuth() {
    for (const PinnedKey& k : mission_.keys) {
      EXPECT_TRUE(keys_.Pin(k.party, reg::ParseRoles(k.roles).value(), reg::NoteVerifier::Parse(k.key).value()).ok());
    }
  }
  HttpRequest Signed(const std::string& key, const std::string& target, int64_t at) {
    HttpRequest r;
    r.method = "GET";
    r.target = target;
    r.headers.emplace_back("authorization",
                           SignRequest(reg::NoteSigner::Parse(testing::MiniSignerKey(key)).value(), "GET", target, at));
    return r;
  }
  Result<Reader> Verify(const HttpRequest& r, int64_t now = kNow) {
    return VerifyRequest(r, keys_, mission_.CenterParties(), now);
  }
  static constexpr int64_t kNow = 1583839200;
  Mission mission_ = testing::MiniMission();
  reg::KeyRing keys_;
};

TEST_F(RequestAuth, AnOfficersSignedRequestIsAdmitted) {
  auto r = Verify(Signed("tr-obs", "/v1/incidents?limit=5", kNow));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->party, "TR");
  EXPECT_EQ(r->key, "tr-obs");
  EXPECT_TRUE(Verify(Signed("ru-lead", "/v1/events", kNow - 200)).ok()) << "a clock a little behind";
}

TEST_F(RequestAuth, RefusesWhatItCannotTrust) {
  HttpRequest none;
  none.method = "GET";
  none.target = "/v1/reports";
  EXPECT_EQ(Verify(none).status().code(), Code::kPermissionDenied);
  // Signed for another target or method: the signature covers both.
  HttpRequest moved = Signed("tr-obs", "/v1/incidents?limit=5", kNow);
  moved.target = "/v1/incidents?limit=1000";
  EXPECT_NE(Verify(moved).status().message().find("does not match"), std::string::npos);
  HttpRequest posted = Signed("tr-obs", "/v1/incidents", kNow);
  posted.method = "POST";
  EXPECT_FALSE(Verify(posted).ok());
  // Stale: replayed after the five minutes, or from a clock far off.
  auto stale = Verify(Signed("tr-obs", "/v1/reports", kNow - 301));
  EXPECT_NE(stale.status().message().find("check the computer's clock"), std::string::npos);
  // A key of nobody, or a revoked one.
  auto forged = Signed("tr-obs", "/v1/reports", kNow);
  forged.headers[0].second.replace(forged.headers[0].second.find("tr-obs"), 6, "xx-obs");
  EXPECT_NE(Verify(forged).status().message().find("not a live key"), std::string::npos);
  auto revoke =
      reg::MakeEntry("key", "TR", "tr-party", Instant{kNow * 1000, 0}, {{"action", "revoke"}, {"name", "tr-obs"}},
                     &*reg::NoteSigner::Parse(testing::MiniSignerKey("tr-party")));
  ASSERT_TRUE(revoke.ok()) << revoke.status().ToString();
  ASSERT_TRUE(keys_.Apply(*revoke).ok());
  EXPECT_FALSE(Verify(Signed("tr-obs", "/v1/reports", kNow)).ok());
  // Garbage in the header is refused, not a crash.
  for (std::string bad : {"Truce", "Truce key=\"tr-obs\"", "Truce key=\"tr-obs\", at=\"-5\", sig=\"x\"",
                          "Basic dXNlcjpwYXNz", "Truce key=\"tr-obs\", at=\"99999999999999999999\", sig=\"AA==\""}) {
    HttpRequest r = none;
    r.headers.emplace_back("authorization", bad);
    EXPECT_EQ(Verify(r).status().code(), Code::kPermissionDenied) << bad;
  }
}

}  // namespace
}  // namespace truce::server
