// The order of a joint patrol's entries: a plan agreed by every party it
// names before it has an outcome, revisions that need agreeing again, no
// plan after the outcome, and copies that change nothing.
#include "truce/register/patrol_entries.h"

#include <gtest/gtest.h>

namespace truce::reg {
namespace {

using nlohmann::json;

class PatrolChainTest : public ::testing::Test {
 protected:
  static json Plan(std::vector<std::string> parties = {"RU", "TR"}) {
    return {{"patrol", "P-0315"},
            {"parties", parties},
            {"route", {{"along", "m4"}, {"from", "Trumba"}, {"to", "Ain al-Hawr"}}}};
  }
  Entry Make(std::string_view kind, const std::string& party, json body, int64_t second = 0) {
    auto e = MakeEntry(kind, party, party == "RU" ? "ru-lead" : "tr-lead", Instant{1584252000000 + second * 1000, 180},
                       std::move(body), party == "RU" ? &ru_ : &tr_);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    EXPECT_TRUE(CheckPatrolBody(*e).ok()) << CheckPatrolBody(*e).ToString();
    return *e;
  }
  // Admits and applies at the next index; returns the admission.
  Status Put(const Entry& e) {
    Status st = chain_.Admit(next_, e);
    if (st.ok()) chain_.Apply(next_, e);
    ++next_;
    return st;
  }
  static OutcomeFields Shortened() { return {"shortened", 31.5, "a sit-in on the road near Nayrab", {}}; }

  NoteSigner ru_ = NoteSigner::Generate("ru-lead"), tr_ = NoteSigner::Generate("tr-lead");
  PatrolChain chain_{/*undoable=*/true};
  uint64_t next_ = 10;
};

TEST_F(PatrolChainTest, APlanAgreedByEveryPartyTakesAnOutcome) {
  ASSERT_TRUE(Put(Make(kind::kPatrolPlan, "RU", PatrolPlanBody("P-0315", Plan(), std::nullopt))).ok());  // 10
  Entry early = Make(kind::kPatrolOutcome, "RU", PatrolOutcomeBody("P-0315", 10, Shortened(), std::nullopt));
  Status st = chain_.Admit(11, early);
  EXPECT_EQ(st.code(), Code::kFailedPrecondition);
  EXPECT_NE(st.message().find("waiting for TR"), std::string::npos) << st.message();

  ASSERT_TRUE(Put(Make(kind::kPatrolAgree, "TR", PatrolAgreeBody("P-0315", 10))).ok());  // 11
  EXPECT_TRUE(chain_.Find("P-0315")->Agreed());
  ASSERT_TRUE(Put(early).ok());  // 12
  EXPECT_EQ(chain_.Find("P-0315")->outcomes, std::vector<uint64_t>{12});

  // A correction names the outcome it corrects; a second first one is refused.
  OutcomeFields fixed = Shortened();
  fixed.reached_km = 29;
  EXPECT_EQ(Put(Make(kind::kPatrolOutcome, "TR", PatrolOutcomeBody("P-0315", 10, fixed, std::nullopt), 5)).code(),
            Code::kFailedPrecondition);
  EXPECT_TRUE(Put(Make(kind::kPatrolOutcome, "TR", PatrolOutcomeBody("P-0315", 10, fixed, 12), 5)).ok());
  // And after the outcome the plan is closed.
  Status late = Put(Make(kind::kPatrolPlan, "RU", PatrolPlanBody("P-0315", Plan(), 10), 9));
  EXPECT_EQ(late.code(), Code::kFailedPrecondition);
  EXPECT_NE(late.message().find("has ended"), std::string::npos) << late.message();
}

TEST_F(PatrolChainTest, ARevisionNeedsEveryoneToAgreeAgain) {
  ASSERT_TRUE(Put(Make(kind::kPatrolPlan, "RU", PatrolPlanBody("P-0315", Plan(), std::nullopt))).ok());  // 10
  ASSERT_TRUE(Put(Make(kind::kPatrolAgree, "TR", PatrolAgreeBody("P-0315", 10))).ok());                  // 11
  // TR revises it (names the plan it replaces): RU's agreement was to the old one.
  ASSERT_TRUE(Put(Make(kind::kPatrolPlan, "TR", PatrolPlanBody("P-0315", Plan(), 10), 2)).ok());  // 12
  EXPECT_FALSE(chain_.Find("P-0315")->Agreed());
  // Agreeing to the replaced plan is refused, and says which is current.
  Status stale = Put(Make(kind::kPatrolAgree, "RU", PatrolAgreeBody("P-0315", 10), 3));  // 13
  EXPECT_EQ(stale.code(), Code::kFailedPrecondition);
  EXPECT_NE(stale.message().find("now entry 12"), std::string::npos) << stale.message();
  // A revision that names an older plan than the newest is refused too.
  EXPECT_EQ(Put(Make(kind::kPatrolPlan, "RU", PatrolPlanBody("P-0315", Plan(), 10), 4)).code(),
            Code::kFailedPrecondition);                                                     // 14
  EXPECT_TRUE(Put(Make(kind::kPatrolAgree, "RU", PatrolAgreeBody("P-0315", 12), 5)).ok());  // 15
  EXPECT_TRUE(chain_.Find("P-0315")->Agreed());
  // A party agrees once.
  EXPECT_EQ(Put(Make(kind::kPatrolAgree, "RU", PatrolAgreeBody("P-0315", 12), 6)).code(), Code::kFailedPrecondition);
}

TEST_F(PatrolChainTest, OnlyThePlansPartiesTakePart) {
  EXPECT_EQ(Put(Make(kind::kPatrolPlan, "TR", PatrolPlanBody("P-1", Plan({"RU"}), std::nullopt))).code(),
            Code::kFailedPrecondition);
  ASSERT_TRUE(Put(Make(kind::kPatrolPlan, "RU", PatrolPlanBody("P-1", Plan({"RU"}), std::nullopt))).ok());  // 11
  EXPECT_EQ(Put(Make(kind::kPatrolAgree, "TR", PatrolAgreeBody("P-1", 11))).code(), Code::kFailedPrecondition);
  // A plan of another patrol is not this one's.
  EXPECT_EQ(Put(Make(kind::kPatrolAgree, "RU", PatrolAgreeBody("P-2", 11))).code(), Code::kNotFound);
}

TEST_F(PatrolChainTest, ACopyChangesNothingAndUndoRestores) {
  Entry plan = Make(kind::kPatrolPlan, "RU", PatrolPlanBody("P-0315", Plan(), std::nullopt));
  ASSERT_TRUE(Put(plan).ok());  // 10
  chain_.Settle();
  EXPECT_EQ(chain_.Admit(11, plan).code(), Code::kAlreadyExists);
  Entry agree = Make(kind::kPatrolAgree, "TR", PatrolAgreeBody("P-0315", 10));
  ASSERT_TRUE(Put(agree).ok());  // 11
  chain_.Truncate(11);
  EXPECT_FALSE(chain_.Find("P-0315")->Agreed());
  EXPECT_TRUE(chain_.Admit(11, agree).ok());  // forgotten, so admitted again
}

TEST(PatrolBody, EachFieldIsNamedWhenWrong) {
  NoteSigner k = NoteSigner::Generate("ru-lead");
  auto check = [&](std::string_view kind, json body) {
    return CheckPatrolBody(*MakeEntry(kind, "RU", "ru-lead", Instant{0, 0}, std::move(body), &k)).message();
  };
  EXPECT_NE(check(kind::kPatrolPlan, {{"patrol", "P"}, {"plan", 3}, {"previous", nullptr}}).find("body.plan"),
            std::string::npos);
  EXPECT_NE(check(kind::kPatrolPlan, {{"patrol", "P"}, {"plan", json::object()}}).find("body.previous"),
            std::string::npos);
  EXPECT_NE(check(kind::kPatrolAgree, {{"patrol", "P"}, {"plan", 1}, {"previous", nullptr}}).find("body.previous"),
            std::string::npos);
  json out = {{"patrol", "P"}, {"plan", 1}, {"outcome", "obstructed"}, {"reached_km", 3}, {"previous", nullptr}};
  EXPECT_NE(check(kind::kPatrolOutcome, out).find("body.reasons"), std::string::npos);
  out["reasons"] = "a crowd";
  EXPECT_NE(check(kind::kPatrolOutcome, out).find("cites the report"), std::string::npos);
  out["report_entries"] = {7};
  EXPECT_EQ(check(kind::kPatrolOutcome, out), "");
  out["outcome"] = "lost";
  EXPECT_NE(check(kind::kPatrolOutcome, out).find("body.outcome"), std::string::npos);
  out["outcome"] = "completed";
  out["reached_km"] = -1;
  EXPECT_NE(check(kind::kPatrolOutcome, out).find("body.reached_km"), std::string::npos);
}

}  // namespace
}  // namespace truce::reg
