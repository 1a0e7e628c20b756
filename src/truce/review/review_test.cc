// The ledger replays the review as the register holds it: what a copied or
// stale entry in a log (one written around the server) does to the states
// the live findings show.
#include "truce/review/review.h"

#include <gtest/gtest.h>

namespace truce::review {
namespace {

using nlohmann::json;

class LedgerTest : public ::testing::Test {
 protected:
  // An entry as the register would hold it, at the next index. Signatures
  // are the registrar's and the audit's business, not the ledger's.
  uint64_t Add(const std::string& kind, const std::string& party, json body) {
    auto e = reg::MakeEntry(kind, party, key_.verifier().name, Instant{1583839200000 + int64_t(log_.size()) * 1000, 0},
                            std::move(body), &key_);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    log_.push_back(*e);
    return log_.size() - 1;
  }
  // Applies the log in order; what the last entry did.
  Status Replay(Ledger* ledger) {
    Status last;
    for (size_t i = 0; i < log_.size(); ++i) last = ledger->Apply(i, log_[i]);
    return last;
  }
  Ledger ledger_{{"RU", "TR"}};
  reg::NoteSigner key_ = reg::NoteSigner::Generate("any");
  std::vector<reg::Entry> log_;
};

// The tester's case: TR cosigned and then disputed; RU cosigned. A copy of
// TR's cosign at the end of the log leaves TR disputing, not final.
TEST_F(LedgerTest, ACopiedPositionChangesNothing) {
  uint64_t d = Add("determination", "center", reg::DeterminationBody("I-1", {0}, json::object(), std::nullopt));
  uint64_t c = Add("cosign", "TR", reg::CosignBody(d, "I-1", std::nullopt));
  uint64_t x = Add("dispute", "TR", reg::DisputeBody(d, "I-1", "no", c));
  Add("cosign", "RU", reg::CosignBody(d, "I-1", std::nullopt));
  log_.push_back(log_[c]);
  Status st = Replay(&ledger_);
  EXPECT_EQ(st.code(), Code::kAlreadyExists) << st.ToString();
  const DeterminationRecord* rec = ledger_.Find(d);
  ASSERT_NE(rec, nullptr);
  EXPECT_EQ(ledger_.StateOf(*rec), State::kDisputed);
  EXPECT_EQ(rec->positions.at("TR").entry, x);
  EXPECT_EQ(rec->history.size(), 3u);
}

// A fresh entry that follows a position no longer current is stale: TR
// cannot cosign "after" its cosign once it has disputed since.
TEST_F(LedgerTest, AStalePositionChangesNothing) {
  uint64_t d = Add("determination", "center", reg::DeterminationBody("I-1", {0}, json::object(), std::nullopt));
  uint64_t c = Add("cosign", "TR", reg::CosignBody(d, "I-1", std::nullopt));
  Add("dispute", "TR", reg::DisputeBody(d, "I-1", "no", c));
  Add("cosign", "RU", reg::CosignBody(d, "I-1", std::nullopt));
  Add("cosign", "TR", reg::CosignBody(d, "I-1", c));
  Status st = Replay(&ledger_);
  EXPECT_EQ(st.code(), Code::kFailedPrecondition) << st.ToString();
  EXPECT_EQ(ledger_.StateOf(*ledger_.Find(d)), State::kDisputed);
}

// An old determination signed again as the incident's first does not
// become its newest; one that follows the newest does.
TEST_F(LedgerTest, AnOldDeterminationDoesNotComeBack) {
  uint64_t d1 = Add("determination", "center", reg::DeterminationBody("I-1", {0}, json::object(), std::nullopt));
  uint64_t d2 = Add("determination", "center", reg::DeterminationBody("I-1", {0}, {{"x", 1}}, d1));
  Add("determination", "center", reg::DeterminationBody("I-1", {0}, json::object(), std::nullopt));
  EXPECT_EQ(Replay(&ledger_).code(), Code::kFailedPrecondition);
  EXPECT_EQ(ledger_.Latest("I-1")->entry, d2);
  EXPECT_EQ(ledger_.Find(d1)->superseded_by, d2);
}

// A register from before `previous`: log order decides, until the first
// entry that states one; then one without it changes nothing.
TEST_F(LedgerTest, AnOlderRegisterReadsInLogOrderUntilTheChainBegins) {
  uint64_t d =
      Add("determination", "center", {{"incident", "I-1"}, {"report_entries", {0}}, {"finding", json::object()}});
  Add("cosign", "TR", {{"determination", d}, {"incident", "I-1"}});
  uint64_t x = Add("dispute", "TR", {{"determination", d}, {"incident", "I-1"}, {"reasons", "no"}});
  EXPECT_TRUE(Replay(&ledger_).ok());
  EXPECT_EQ(ledger_.Find(d)->positions.at("TR").entry, x);

  Ledger chained({"RU", "TR"});
  uint64_t r = Add("cosign", "RU", reg::CosignBody(d, "I-1", std::nullopt));
  Add("cosign", "TR", {{"determination", d}, {"incident", "I-1"}});
  EXPECT_EQ(Replay(&chained).code(), Code::kFailedPrecondition);
  EXPECT_EQ(chained.Find(d)->positions.at("TR").entry, x);
  EXPECT_EQ(chained.Find(d)->positions.at("RU").entry, r);
  EXPECT_EQ(chained.StateOf(*chained.Find(d)), State::kDisputed);
}

// The review's rule (ReviewState), each row replayed from entries: a
// dispute outweighs everything short of final; "unverifiable" needs every
// party's position, as "final" does.
TEST_F(LedgerTest, TheStateTable) {
  struct Row {
    const char* name;
    std::vector<std::pair<std::string, std::string>> positions;  // party, kind, in log order
    State state;
  };
  const Row rows[] = {
      {"none yet", {}, State::kProposed},
      {"one position missing", {{"RU", "cosign"}}, State::kProposed},
      {"one unverifiable, one missing", {{"TR", "unverifiable"}}, State::kProposed},
      {"all cosign", {{"RU", "cosign"}, {"TR", "cosign"}}, State::kFinal},
      {"cosign and unverifiable", {{"RU", "cosign"}, {"TR", "unverifiable"}}, State::kUnverifiable},
      {"both unverifiable", {{"RU", "unverifiable"}, {"TR", "unverifiable"}}, State::kUnverifiable},
      {"unverifiable and dispute", {{"RU", "unverifiable"}, {"TR", "dispute"}}, State::kDisputed},
      {"one dispute, one missing", {{"TR", "dispute"}}, State::kDisputed},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    log_.clear();
    Ledger ledger({"RU", "TR"});
    uint64_t d = Add("determination", "center", reg::DeterminationBody("I-1", {0}, json::object(), std::nullopt));
    for (const auto& [party, kind] : row.positions) {
      json body = kind == "cosign"    ? reg::CosignBody(d, "I-1", std::nullopt)
                  : kind == "dispute" ? reg::DisputeBody(d, "I-1", "not so", std::nullopt)
                                      : reg::UnverifiableBody(d, "I-1", "no crater analysis", std::nullopt);
      Add(kind, party, body);
    }
    ASSERT_TRUE(Replay(&ledger).ok());
    EXPECT_EQ(ledger.StateOf(*ledger.Find(d)), row.state) << StateName(ledger.StateOf(*ledger.Find(d)));
  }
}

// The rule alone, where the ledger cannot reach: superseded as before,
// unless final; no center parties, nothing is settled.
TEST(ReviewStateTest, SupersededUnlessFinal) {
  const std::vector<std::string> parties = {"RU", "TR"};
  Position cosign{"", "", Stance::kCosign, "", 0, {}};
  Position unverifiable{"", "", Stance::kUnverifiable, "why", 0, {}};
  EXPECT_EQ(ReviewState(parties, {{"RU", cosign}, {"TR", cosign}}, true), State::kFinal);
  EXPECT_EQ(ReviewState(parties, {{"RU", cosign}, {"TR", unverifiable}}, true), State::kSuperseded);
  EXPECT_EQ(ReviewState(parties, {{"RU", unverifiable}, {"TR", unverifiable}}, false), State::kUnverifiable);
  EXPECT_EQ(ReviewState({}, {}, false), State::kProposed);
}

// A party changes its position through `previous`: TR first cannot
// establish it, then cosigns (new evidence came to its lead); the
// determination goes from unverifiable to final, and both entries stay.
TEST_F(LedgerTest, APartyMovesFromUnverifiableToCosign) {
  uint64_t d = Add("determination", "center", reg::DeterminationBody("I-1", {0}, json::object(), std::nullopt));
  Add("cosign", "RU", reg::CosignBody(d, "I-1", std::nullopt));
  uint64_t u = Add("unverifiable", "TR", reg::UnverifiableBody(d, "I-1", "the crater was not examined", std::nullopt));
  ASSERT_TRUE(Replay(&ledger_).ok());
  EXPECT_EQ(ledger_.StateOf(*ledger_.Find(d)), State::kUnverifiable);
  EXPECT_EQ(ledger_.Find(d)->positions.at("TR").reasons, "the crater was not examined");
  EXPECT_EQ(ledger_.Find(d)->positions.at("TR").stance, Stance::kUnverifiable);

  Ledger again({"RU", "TR"});
  uint64_t c = Add("cosign", "TR", reg::CosignBody(d, "I-1", u));
  ASSERT_TRUE(Replay(&again).ok());
  EXPECT_EQ(again.StateOf(*again.Find(d)), State::kFinal);
  EXPECT_EQ(again.Find(d)->positions.at("TR").entry, c);
  EXPECT_EQ(again.Find(d)->history.size(), 3u);
}

// An unverifiable that follows no longer the current position is stale,
// as a cosign's or dispute's is: it cannot undo TR's later cosign.
TEST_F(LedgerTest, AStaleUnverifiableChangesNothing) {
  uint64_t d = Add("determination", "center", reg::DeterminationBody("I-1", {0}, json::object(), std::nullopt));
  Add("cosign", "RU", reg::CosignBody(d, "I-1", std::nullopt));
  uint64_t u = Add("unverifiable", "TR", reg::UnverifiableBody(d, "I-1", "not seen", std::nullopt));
  Add("cosign", "TR", reg::CosignBody(d, "I-1", u));
  Add("unverifiable", "TR", reg::UnverifiableBody(d, "I-1", "not seen, again", u));
  EXPECT_EQ(Replay(&ledger_).code(), Code::kFailedPrecondition);
  EXPECT_EQ(ledger_.StateOf(*ledger_.Find(d)), State::kFinal);
}

// A lead's queue: proposed, and no position of the party's own yet.
TEST_F(LedgerTest, AwaitsOnlyWhatThePartyHasNotReviewed) {
  uint64_t d1 = Add("determination", "center", reg::DeterminationBody("I-1", {0}, json::object(), std::nullopt));
  uint64_t d2 = Add("determination", "center", reg::DeterminationBody("I-2", {0}, json::object(), std::nullopt));
  uint64_t d3 = Add("determination", "center", reg::DeterminationBody("I-3", {0}, json::object(), std::nullopt));
  Add("unverifiable", "RU", reg::UnverifiableBody(d1, "I-1", "no access", std::nullopt));
  Add("dispute", "TR", reg::DisputeBody(d2, "I-2", "no", std::nullopt));
  ASSERT_TRUE(Replay(&ledger_).ok());
  EXPECT_FALSE(ledger_.Awaits(*ledger_.Find(d1), "RU"));
  EXPECT_TRUE(ledger_.Awaits(*ledger_.Find(d1), "TR"));
  EXPECT_FALSE(ledger_.Awaits(*ledger_.Find(d2), "RU"));  // disputed: no longer proposed
  EXPECT_TRUE(ledger_.Awaits(*ledger_.Find(d3), "RU"));
  EXPECT_TRUE(ledger_.IsCenterParty("TR"));
  EXPECT_FALSE(ledger_.IsCenterParty("center"));
}

TEST(StateNameTest, UnverifiableIsAState) {
  EXPECT_TRUE(ParseState("unverifiable") == State::kUnverifiable);
  EXPECT_EQ(StateName(State::kUnverifiable), "unverifiable");
  EXPECT_EQ(StateList(), "proposed, final, disputed, unverifiable or superseded");
  EXPECT_EQ(StanceName(Stance::kUnverifiable), "unverifiable");
}

}  // namespace
}  // namespace truce::review
