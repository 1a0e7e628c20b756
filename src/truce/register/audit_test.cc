// A tamper test for each kind of tampering `truce verify` must name: an
// edited entry, a deleted entry, reordered entries, a forked history, a
// forged or wrong-party signature, a checkpoint that does not match.
#include "truce/register/audit.h"

#include <gtest/gtest.h>

#include "truce/register/checkpoint.h"
#include "truce/register/review_entries.h"

namespace truce::reg {
namespace {

using nlohmann::json;

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    trust_.origin = "truce.test/log";
    trust_.log_key = log_.verifier();
    ASSERT_TRUE(trust_.keys.Pin("RU", kPartyKey, ru_party_.verifier()).ok());
    ASSERT_TRUE(trust_.keys.Pin("RU", kObserver, ru_obs_.verifier()).ok());
    ASSERT_TRUE(trust_.keys.Pin("TR", kObserver, tr_obs_.verifier()).ok());
    trust_.witnesses.emplace_back("TR", tr_witness_.verifier());
    // 0, 1: signed reports; 2: a seal, 3-5 its reports; 6: RU adds a key;
    // 7: a report signed by that key. Checkpoints at 2, 6 and 8.
    Signed(ru_obs_, "RU", "ru-1");
    Signed(tr_obs_, "TR", "tr-1");
    Checkpoint();
    std::vector<Entry> members;
    LogTree batch;
    for (int i = 0; i < 3; ++i) {
      members.push_back(*MakeEntry("report", "RU", "ru-obs", When(), Body("b-" + std::to_string(i)), nullptr, i));
      batch.Append(members.back().leaf_hash());
    }
    entries_.push_back(MakeEntry("batch", "RU", "ru-obs", When(), BatchSealBody(3, batch.Root()), &ru_obs_)->bytes);
    for (auto& m : members) entries_.push_back(m.bytes);
    entries_.push_back(MakeEntry("key", "RU", "ru-party", When(),
                                 {{"action", "add"}, {"key", ru_obs2_.verifier().ToString()}, {"roles", {"observer"}}},
                                 &ru_party_)->bytes);
    Checkpoint();
    Signed(ru_obs2_, "RU", "ru-2");
    Checkpoint();
  }

  static Instant When() { return Instant{1583839200000, 180}; }
  static json Body(const std::string& id) { return {{"id", id}, {"category", "shelling"}}; }
  void Signed(const NoteSigner& key, const std::string& party, const std::string& id) {
    entries_.push_back(MakeEntry("report", party, key.verifier().name, When(), Body(id), &key)->bytes);
  }
  void Checkpoint() {
    LogTree t;
    for (const auto& e : entries_) t.Append(LeafHash(e));
    checkpoints_.push_back(*log_.Sign(reg::Checkpoint{"truce.test/log", t.size(), t.Root(), {}}.Body()));
  }
  // The newest checkpoint, cosigned by TR's witness.
  std::string Newest() {
    auto note = ParseNote(checkpoints_.back());
    return checkpoints_.back() + tr_witness_.Cosign(note->text, 1700000000) + "\n";
  }
  AuditResult Run(const std::vector<std::string>& entries, const std::string& since = "") {
    Audit audit(trust_, 2);
    for (const auto& c : checkpoints_) audit.AddCheckpoint(c);
    audit.SetNewest(Newest());
    if (!since.empty()) audit.Since(since);
    audit.AddEntries(entries);
    return audit.Finish();
  }
  static bool Has(const AuditResult& r, const std::string& kind) {
    for (const auto& f : r.findings) {
      if (f.kind == kind) return true;
    }
    return false;
  }
  static std::string Kinds(const AuditResult& r) {
    std::string out;
    for (const auto& f : r.findings) out += f.kind + ": " + f.message + "\n";
    return out;
  }
  // An entry re-canonicalised after a change to its JSON.
  static std::string Edit(const std::string& bytes, const std::function<void(json&)>& change) {
    json j = json::parse(bytes);
    change(j);
    return ParseEntry(j.dump())->bytes;
  }

  NoteSigner log_ = NoteSigner::Generate("truce.test/log");
  NoteSigner ru_party_ = NoteSigner::Generate("ru-party");
  NoteSigner ru_obs_ = NoteSigner::Generate("ru-obs");
  NoteSigner ru_obs2_ = NoteSigner::Generate("ru-obs-2");
  NoteSigner tr_obs_ = NoteSigner::Generate("tr-obs");
  Cosigner tr_witness_{NoteSigner::Generate("tr-witness")};
  AuditTrust trust_;
  std::vector<std::string> entries_;
  std::vector<std::string> checkpoints_;
};

TEST_F(AuditTest, AnHonestLogChecksOut) {
  AuditResult r = Run(entries_);
  EXPECT_TRUE(r.ok()) << Kinds(r);
  EXPECT_EQ(r.entries, 8u);
  EXPECT_EQ(r.size, 8u);
  EXPECT_EQ(r.batches, 1u);
  EXPECT_EQ(r.checkpoints, 3u);
  EXPECT_EQ(r.cosigned_by, std::vector<std::string>{"TR"});
}

TEST_F(AuditTest, AnEditedSignedEntry) {
  auto e = entries_;
  e[1] = Edit(e[1], [](json& j) { j["body"]["category"] = "airstrike"; });
  AuditResult r = Run(e);
  EXPECT_TRUE(Has(r, "edited-entry")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("entry 1:"), std::string::npos);
}

TEST_F(AuditTest, AnEditedEntryOfASealedBatch) {
  auto e = entries_;
  e[4] = Edit(e[4], [](json& j) { j["body"]["category"] = "airstrike"; });
  AuditResult r = Run(e);
  EXPECT_TRUE(Has(r, "edited-entry")) << Kinds(r);
}

TEST_F(AuditTest, ADeletedEntry) {
  for (size_t victim : {1u, 4u, 7u}) {
    auto e = entries_;
    e.erase(e.begin() + long(victim));
    AuditResult r = Run(e);
    EXPECT_TRUE(Has(r, "deleted-entries")) << victim << "\n" << Kinds(r);
  }
}

TEST_F(AuditTest, ReorderedEntries) {
  auto e = entries_;
  std::swap(e[0], e[1]);  // two signed entries: each signature still good
  AuditResult r = Run(e);
  EXPECT_TRUE(Has(r, "reordered-entries")) << Kinds(r);
  e = entries_;
  std::swap(e[3], e[5]);  // inside a sealed batch
  r = Run(e);
  EXPECT_TRUE(Has(r, "reordered-entries")) << Kinds(r);
}

TEST_F(AuditTest, AForkedHistory) {
  // The log showed someone a different tree of size 2, under its own key.
  LogTree other;
  other.Append(LeafHash(entries_[0]));
  other.Append(LeafHash("something else"));
  std::string held = *log_.Sign(reg::Checkpoint{"truce.test/log", 2, other.Root(), {}}.Body());
  AuditResult r = Run(entries_, held);
  EXPECT_TRUE(Has(r, "forked-history")) << Kinds(r);
  // A checkpoint kept from the honest log: fine.
  EXPECT_TRUE(Run(entries_, checkpoints_[0]).ok());
  // Two different trees of one size among the log's own checkpoints.
  checkpoints_.push_back(held);
  EXPECT_TRUE(Has(Run(entries_), "forked-history"));
}

TEST_F(AuditTest, AForgedSignature) {
  auto e = entries_;
  NoteSigner stranger = NoteSigner::Generate("ru-ghost");
  e.push_back(MakeEntry("report", "RU", "ru-ghost", When(), Body("ghost"), &stranger)->bytes);
  AuditResult r = Run(e);
  EXPECT_TRUE(Has(r, "forged-signature")) << Kinds(r);
  // A known key's name over a signature it never made.
  e = entries_;
  NoteSigner impostor = NoteSigner::Generate("tr-obs");
  e.push_back(MakeEntry("report", "TR", "tr-obs", When(), Body("x"), &impostor)->bytes);
  r = Run(e);
  EXPECT_TRUE(Has(r, "edited-entry")) << Kinds(r);
}

TEST_F(AuditTest, AForkedNewestCheckpointAndEntriesBeyondIt) {
  // The newest checkpoint (with its cosignatures) of another tree of a size
  // the log also signed honestly.
  LogTree other;
  for (size_t i = 0; i + 1 < entries_.size(); ++i) other.Append(LeafHash(entries_[i]));
  other.Append(LeafHash("not the real last entry"));
  checkpoints_.push_back(*log_.Sign(reg::Checkpoint{"truce.test/log", 8, other.Root(), {}}.Body()));
  std::vector<std::string> honest(checkpoints_.begin(), checkpoints_.end() - 1);
  Audit audit(trust_, 1);
  for (const auto& c : honest) audit.AddCheckpoint(c);
  audit.SetNewest(checkpoints_.back());
  audit.AddEntries(entries_);
  EXPECT_TRUE(Has(audit.Finish(), "forked-history"));
  checkpoints_.pop_back();
  auto e = entries_;
  e.push_back(MakeEntry("report", "TR", "tr-obs", When(), Body("late"), &tr_obs_)->bytes);
  EXPECT_TRUE(Has(Run(e), "unverified-entries"));
}

TEST_F(AuditTest, AReportOfAnotherCenterParty) {
  auto e = entries_;
  json body = Body("claim");
  body["source"] = {{"kind", "party"}, {"party", "TR"}};
  e.push_back(MakeEntry("report", "RU", "ru-obs", When(), body, &ru_obs_)->bytes);
  EXPECT_TRUE(Has(Run(e), "wrong-party-report"));
}

TEST_F(AuditTest, AWrongPartySignature) {
  auto e = entries_;
  e.push_back(MakeEntry("report", "TR", "ru-obs", When(), Body("as-tr"), &ru_obs_)->bytes);
  AuditResult r = Run(e);
  EXPECT_TRUE(Has(r, "wrong-party-signature")) << Kinds(r);
}

TEST_F(AuditTest, ACheckpointThatDoesNotMatch) {
  // Not signed by the log key.
  NoteSigner stranger = NoteSigner::Generate("truce.test/log");
  LogTree t;
  for (const auto& e : entries_) t.Append(LeafHash(e));
  checkpoints_.push_back(*stranger.Sign(reg::Checkpoint{"truce.test/log", 8, t.Root(), {}}.Body()));
  EXPECT_TRUE(Has(Run(entries_), "forged-checkpoint"));
  checkpoints_.pop_back();
  // Another log's checkpoint under the right key.
  checkpoints_.push_back(*log_.Sign(reg::Checkpoint{"truce.test/other", 8, t.Root(), {}}.Body()));
  EXPECT_TRUE(Has(Run(entries_), "checkpoint-mismatch"));
}

TEST_F(AuditTest, ABadCosignatureAndAMissingOne) {
  Audit audit(trust_, 1);
  std::string newest = Newest();
  newest[newest.size() - 6] ^= 1;  // a flipped bit in the witness's line
  audit.SetNewest(newest);
  audit.AddEntries(entries_);
  AuditResult r = audit.Finish();
  EXPECT_TRUE(Has(r, "bad-cosignature") || Has(r, "forged-checkpoint")) << Kinds(r);
  Audit plain(trust_, 1);
  plain.SetNewest(checkpoints_.back());
  plain.AddEntries(entries_);
  r = plain.Finish();
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.not_cosigned_by, std::vector<std::string>{"TR"});
}

TEST_F(AuditTest, AnEntryByARevokedKeyOrABadRole) {
  auto e = entries_;
  e.push_back(MakeEntry("key", "RU", "ru-party", When(), {{"action", "revoke"}, {"name", "ru-obs-2"}}, &ru_party_)->bytes);
  e.push_back(MakeEntry("report", "RU", "ru-obs-2", When(), Body("after"), &ru_obs2_)->bytes);
  EXPECT_TRUE(Has(Run(e), "unauthorized-entry"));
  e = entries_;
  e.push_back(MakeEntry("key", "RU", "ru-obs", When(),
                        {{"action", "add"}, {"key", NoteSigner::Generate("sneaky").verifier().ToString()}, {"roles", {"admin"}}},
                        &ru_obs_)->bytes);
  EXPECT_TRUE(Has(Run(e), "unauthorized-entry"));
}

// A cosign must be of an earlier determination of the incident it names:
// one "of" a report, or of another incident, is flagged; an honest one is not.
TEST_F(AuditTest, AReviewOfSomethingThatIsNotItsDetermination) {
  NoteSigner analyst = NoteSigner::Generate("ru-analyst"), lead = NoteSigner::Generate("ru-lead");
  ASSERT_TRUE(trust_.keys.Pin("RU", kAnalyst, analyst.verifier()).ok());
  ASSERT_TRUE(trust_.keys.Pin("RU", kLead, lead.verifier()).ok());
  auto e = entries_;
  const uint64_t d = e.size();
  e.push_back(MakeEntry("determination", "RU", "ru-analyst", When(),
                        {{"incident", "I-1"}, {"report_entries", {0, 1}}, {"finding", {{"clauses", {"AP-1"}}}}},
                        &analyst)->bytes);
  e.push_back(MakeEntry("cosign", "RU", "ru-lead", When(), CosignBody(d, "I-1"), &lead)->bytes);
  EXPECT_FALSE(Has(Run(e), "bad-review")) << Kinds(Run(e));
  auto of_report = e;
  of_report.push_back(MakeEntry("cosign", "RU", "ru-lead", When(), CosignBody(0, "I-1"), &lead)->bytes);
  EXPECT_TRUE(Has(Run(of_report), "bad-review"));
  auto other = e;
  other.push_back(MakeEntry("dispute", "RU", "ru-lead", When(), DisputeBody(d, "I-2", "no"), &lead)->bytes);
  EXPECT_TRUE(Has(Run(other), "bad-review"));
  auto shapeless = e;
  shapeless.push_back(MakeEntry("dispute", "RU", "ru-lead", When(), {{"determination", d}, {"incident", "I-1"}}, &lead)->bytes);
  EXPECT_TRUE(Has(Run(shapeless), "malformed-entry"));
}

}  // namespace
}  // namespace truce::reg
