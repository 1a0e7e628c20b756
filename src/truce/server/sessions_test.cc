#include "truce/server/sessions.h"

#include <gtest/gtest.h>

#include <set>

namespace truce::server {
namespace {

TEST(SessionCookie, TheValueIsFoundAmongOtherCookiesAndSpaces) {
  EXPECT_EQ(SessionCookieValue("truce_session=abc"), "abc");
  EXPECT_EQ(SessionCookieValue("theme=dark; truce_session=abc; lang=tr"), "abc");
  EXPECT_EQ(SessionCookieValue("  theme=dark ;truce_session=abc  ;"), "abc");
  EXPECT_EQ(SessionCookieValue("truce_session=\"abc\""), "abc");
  EXPECT_EQ(SessionCookieValue("truce_session=first; truce_session=second"), "first");
  EXPECT_EQ(SessionCookieValue("xtruce_session=abc; truce_sessionx=def"), "");
  EXPECT_EQ(SessionCookieValue("truce_session"), "");
  EXPECT_EQ(SessionCookieValue(""), "");
  EXPECT_EQ(SessionCookieValue(";;;="), "");
  EXPECT_EQ(SessionCookieValue(std::string(9000, 'a') + "; truce_session=abc"), "") << "over the bound";
}

TEST(SessionCookie, TheSignInMessageIsFixed) { EXPECT_EQ(SignInMessage("Q0hBTA=="), "truce-session/v1\nQ0hBTA==\n"); }

class SessionsTest : public ::testing::Test {
 protected:
  ManualClock clock_;
  Sessions sessions_{clock_};
};

TEST_F(SessionsTest, AChallengeIsRandomAndGoodForOneTryWithinItsLife) {
  auto a = sessions_.NewChallenge(), b = sessions_.NewChallenge();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->text.size(), 44u) << "base64 of 32 bytes";
  EXPECT_NE(a->text, b->text);
  EXPECT_EQ(a->expires_ms, clock_.NowMs() + kChallengeLifeMs);
  EXPECT_TRUE(sessions_.TakeChallenge(a->text));
  EXPECT_FALSE(sessions_.TakeChallenge(a->text)) << "used";
  EXPECT_FALSE(sessions_.TakeChallenge("never-given"));
  clock_.Advance(kChallengeLifeMs);
  EXPECT_FALSE(sessions_.TakeChallenge(b->text)) << "expired";
}

TEST_F(SessionsTest, ChallengesAreBoundedAndRefusedWhenFullUntilTheyExpire) {
  for (size_t i = 0; i < kMaxChallenges; ++i) ASSERT_TRUE(sessions_.NewChallenge().ok());
  auto full = sessions_.NewChallenge();
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.status().code(), Code::kUnavailable);
  clock_.Advance(kChallengeLifeMs);
  EXPECT_TRUE(sessions_.NewChallenge().ok());
}

TEST_F(SessionsTest, ASessionIsFoundByItsTokenUntilClosedOrEightHoursPass) {
  auto s = sessions_.Open("tr-lead");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->token.size(), 43u) << "base64url of 32 bytes, unpadded";
  EXPECT_EQ(s->token.find_first_of("+/="), std::string::npos);
  ASSERT_TRUE(sessions_.Find(s->token));
  EXPECT_EQ(sessions_.Find(s->token)->key, "tr-lead");
  EXPECT_FALSE(sessions_.Find(s->token.substr(1)));
  EXPECT_FALSE(sessions_.Find(""));
  clock_.Advance(kSessionLifeMs - 1);
  EXPECT_TRUE(sessions_.Find(s->token));
  clock_.Advance(1);
  EXPECT_FALSE(sessions_.Find(s->token)) << "expired";

  auto t = sessions_.Open("tr-lead");
  ASSERT_TRUE(t.ok());
  sessions_.Close(t->token);
  EXPECT_FALSE(sessions_.Find(t->token));
}

TEST_F(SessionsTest, AKeyHoldsSeveralSessionsAndPastItsShareItsOldestEnds) {
  std::vector<std::string> tokens;
  for (size_t i = 0; i <= kMaxSessionsPerKey; ++i) {
    auto s = sessions_.Open("ru-lead");
    ASSERT_TRUE(s.ok());
    tokens.push_back(s->token);
    clock_.Advance(1000);
  }
  EXPECT_FALSE(sessions_.Find(tokens.front())) << "the oldest went";
  for (size_t i = 1; i < tokens.size(); ++i) EXPECT_TRUE(sessions_.Find(tokens[i])) << i;
  EXPECT_EQ(std::set<std::string>(tokens.begin(), tokens.end()).size(), tokens.size());
}

}  // namespace
}  // namespace truce::server
