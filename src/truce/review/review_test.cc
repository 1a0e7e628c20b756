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

}  // namespace
}  // namespace truce::review
