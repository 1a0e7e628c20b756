#include "truce/server/presence.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace truce::server {
namespace {

std::vector<std::string> Keys(const std::vector<wire::Viewer>& viewers) {
  std::vector<std::string> out;
  for (const auto& v : viewers) out.push_back(v.key);
  return out;
}

TEST(PresenceItem, OnlyPlainIdsOfBoundedLength) {
  EXPECT_TRUE(CheckItem("INC-20200310-0001").ok());
  EXPECT_TRUE(CheckItem("determination/12:a_b.c").ok());
  EXPECT_FALSE(CheckItem("").ok());
  EXPECT_FALSE(CheckItem(std::string(129, 'a')).ok());
  EXPECT_TRUE(CheckItem(std::string(128, 'a')).ok());
  EXPECT_FALSE(CheckItem("a b").ok());
  EXPECT_FALSE(CheckItem("<script>").ok());
}

class PresenceTest : public ::testing::Test {
 protected:
  // The changes after `seq` once there are `n` of them: the thread takes
  // its step as soon as the clock is moved, but on its own time.
  std::vector<PresenceChange> ChangesAfter(uint64_t seq, size_t n) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto changes = presence_.ChangesAfter(seq);
    while (changes.size() < n && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::yield();
      changes = presence_.ChangesAfter(seq);
    }
    return changes;
  }

  ManualClock clock_;
  Presence presence_{clock_};
};

TEST_F(PresenceTest, EveryoneOnAnItemIsSeenInTheOrderTheyCame) {
  ASSERT_TRUE(presence_.Beat("INC-1", "tr-lead", "TR").ok());
  clock_.Advance(1000);
  auto both = presence_.Beat("INC-1", "ru-lead", "RU");
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(Keys(*both), (std::vector<std::string>{"tr-lead", "ru-lead"}));
  EXPECT_EQ((*both)[1].party, "RU");
  EXPECT_EQ((*both)[1].since_ms, clock_.NowMs());
  EXPECT_EQ(Keys(presence_.Viewers("INC-1")), Keys(*both));
  EXPECT_TRUE(presence_.Viewers("INC-2").empty());
}

TEST_F(PresenceTest, AnEntryLapsesThirtySecondsAfterItsLastHeartbeat) {
  ASSERT_TRUE(presence_.Beat("INC-1", "tr-lead", "TR").ok());
  ASSERT_TRUE(presence_.Beat("INC-1", "ru-lead", "RU").ok());
  clock_.Advance(20'000);
  ASSERT_TRUE(presence_.Beat("INC-1", "ru-lead", "RU").ok());  // a heartbeat is no change
  const uint64_t before = presence_.last_seq();
  clock_.Advance(10'000);
  EXPECT_EQ(Keys(presence_.Viewers("INC-1")), (std::vector<std::string>{"ru-lead"}));
  // The lapse is a change of its own, made by the thread with no call.
  auto lapsed = ChangesAfter(before, 1);
  ASSERT_EQ(lapsed.size(), 1u);
  EXPECT_EQ(Keys(lapsed[0].viewers), (std::vector<std::string>{"ru-lead"}));
  clock_.Advance(20'000);
  EXPECT_TRUE(presence_.Viewers("INC-1").empty());
  auto gone = ChangesAfter(lapsed[0].seq, 1);
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_TRUE(gone[0].viewers.empty());
}

TEST_F(PresenceTest, JoinsAndLeavesAreChangesHeartbeatsAreNot) {
  ASSERT_TRUE(presence_.Beat("INC-1", "tr-lead", "TR").ok());
  ASSERT_TRUE(presence_.Beat("INC-1", "tr-lead", "TR").ok());
  presence_.Leave("INC-1", "tr-lead");
  presence_.Leave("INC-1", "tr-lead");  // already gone: nothing
  auto changes = presence_.ChangesAfter(0);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].item, "INC-1");
  EXPECT_EQ(Keys(changes[0].viewers), (std::vector<std::string>{"tr-lead"}));
  EXPECT_TRUE(changes[1].viewers.empty());
  EXPECT_EQ(presence_.last_seq(), changes[1].seq);
}

TEST_F(PresenceTest, AKeyLooksAtEightItemsAtMost) {
  for (int i = 0; i < int(kMaxItemsPerKey); ++i)
    ASSERT_TRUE(presence_.Beat("INC-" + std::to_string(i), "tr-lead", "TR").ok());
  auto ninth = presence_.Beat("INC-9", "tr-lead", "TR");
  ASSERT_FALSE(ninth.ok());
  EXPECT_EQ(ninth.status().code(), Code::kPermissionDenied);
  EXPECT_TRUE(presence_.Beat("INC-0", "tr-lead", "TR").ok()) << "a heartbeat on one it has";
  presence_.Leave("INC-0", "tr-lead");
  EXPECT_TRUE(presence_.Beat("INC-9", "tr-lead", "TR").ok());
}

}  // namespace
}  // namespace truce::server
