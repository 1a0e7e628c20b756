// A tamper test for each kind of tampering `truce verify` must name: an
// edited entry, a deleted entry, reordered entries, a forked history, a
// forged or wrong-party signature, a checkpoint that does not match.
#include "truce/register/audit.h"

#include <gtest/gtest.h>

#include "truce/register/checkpoint.h"
#include "truce/register/patrol_entries.h"
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
                                 &ru_party_)
                           ->bytes);
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
  e.push_back(
      MakeEntry("key", "RU", "ru-party", When(), {{"action", "revoke"}, {"name", "ru-obs-2"}}, &ru_party_)->bytes);
  e.push_back(MakeEntry("report", "RU", "ru-obs-2", When(), Body("after"), &ru_obs2_)->bytes);
  EXPECT_TRUE(Has(Run(e), "unauthorized-entry"));
  e = entries_;
  e.push_back(
      MakeEntry(
          "key", "RU", "ru-obs", When(),
          {{"action", "add"}, {"key", NoteSigner::Generate("sneaky").verifier().ToString()}, {"roles", {"admin"}}},
          &ru_obs_)
          ->bytes);
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
                        DeterminationBody("I-1", {0, 1}, {{"clauses", {"AP-1"}}}, std::nullopt), &analyst)
                  ->bytes);
  e.push_back(MakeEntry("cosign", "RU", "ru-lead", When(), CosignBody(d, "I-1", std::nullopt), &lead)->bytes);
  EXPECT_FALSE(Has(Run(e), "bad-review")) << Kinds(Run(e));
  auto of_report = e;
  of_report.push_back(MakeEntry("cosign", "RU", "ru-lead", When(), CosignBody(0, "I-1", std::nullopt), &lead)->bytes);
  EXPECT_TRUE(Has(Run(of_report), "bad-review"));
  auto other = e;
  other.push_back(
      MakeEntry("dispute", "RU", "ru-lead", When(), DisputeBody(d, "I-2", "no", std::nullopt), &lead)->bytes);
  EXPECT_TRUE(Has(Run(other), "bad-review"));
  auto shapeless = e;
  shapeless.push_back(
      MakeEntry("dispute", "RU", "ru-lead", When(), {{"determination", d}, {"incident", "I-1"}}, &lead)->bytes);
  EXPECT_TRUE(Has(Run(shapeless), "malformed-entry"));
}

// A patrol's outcome slipped into the log before the other party agreed to
// its plan, and one citing something that is no report: bad-patrol. The
// same patrol in order checks out.
TEST_F(AuditTest, APatrolOutcomeTheOtherPartyNeverAgreedTo) {
  NoteSigner ru = NoteSigner::Generate("ru-lead"), tr = NoteSigner::Generate("tr-lead");
  ASSERT_TRUE(trust_.keys.Pin("RU", kLead, ru.verifier()).ok());
  ASSERT_TRUE(trust_.keys.Pin("TR", kLead, tr.verifier()).ok());
  const json plan = {{"patrol", "P-1"}, {"parties", {"RU", "TR"}}};
  auto e = entries_;
  const uint64_t p = e.size();
  e.push_back(MakeEntry("patrol_plan", "RU", "ru-lead", When(), PatrolPlanBody("P-1", plan, std::nullopt), &ru)->bytes);
  const OutcomeFields stopped{"obstructed", 5.6, "a sit-in", {0}};
  auto unagreed = e;
  unagreed.push_back(
      MakeEntry("patrol_outcome", "RU", "ru-lead", When(), PatrolOutcomeBody("P-1", p, stopped, std::nullopt), &ru)
          ->bytes);
  AuditResult r = Run(unagreed);
  EXPECT_TRUE(Has(r, "bad-patrol")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("waiting for TR"), std::string::npos) << Kinds(r);

  e.push_back(MakeEntry("patrol_agree", "TR", "tr-lead", When(), PatrolAgreeBody("P-1", p), &tr)->bytes);
  auto in_order = e;
  in_order.push_back(
      MakeEntry("patrol_outcome", "RU", "ru-lead", When(), PatrolOutcomeBody("P-1", p, stopped, std::nullopt), &ru)
          ->bytes);
  r = Run(in_order);
  EXPECT_FALSE(Has(r, "bad-patrol")) << Kinds(r);
  OutcomeFields cites_key = stopped;
  cites_key.report_entries = {6};  // RU's key entry
  e.push_back(
      MakeEntry("patrol_outcome", "RU", "ru-lead", When(), PatrolOutcomeBody("P-1", p, cites_key, std::nullopt), &ru)
          ->bytes);
  r = Run(e);
  EXPECT_TRUE(Has(r, "bad-patrol")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("is a key entry, not a report"), std::string::npos) << Kinds(r);
}

// Issue 9: a signed entry written twice is flagged wherever it is, a key
// change and a report alike.
TEST_F(AuditTest, ASignedEntryWrittenTwice) {
  auto e = entries_;
  e.push_back(e[0]);  // a signed report
  e.push_back(e[6]);  // RU's key entry
  AuditResult r = Run(e);
  EXPECT_TRUE(Has(r, "replayed-entry")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("entry 8: it repeats entry 0 byte for byte"), std::string::npos) << Kinds(r);
  EXPECT_NE(Kinds(r).find("entry 9: it repeats entry 6 byte for byte"), std::string::npos) << Kinds(r);
  EXPECT_FALSE(Has(Run(entries_), "replayed-entry"));
}

class AuditReviewTest : public AuditTest {
 protected:
  void SetUp() override {
    AuditTest::SetUp();
    ASSERT_TRUE(trust_.keys.Pin("RU", kAnalyst, analyst_.verifier()).ok());
    ASSERT_TRUE(trust_.keys.Pin("RU", kLead, ru_lead_.verifier()).ok());
    ASSERT_TRUE(trust_.keys.Pin("TR", kLead, tr_lead_.verifier()).ok());
  }
  uint64_t Add(std::vector<std::string>* e, const std::string& kind, const NoteSigner& key, const std::string& party,
               json body) {
    e->push_back(MakeEntry(kind, party, key.verifier().name, When(), std::move(body), &key)->bytes);
    return e->size() - 1;
  }
  NoteSigner analyst_ = NoteSigner::Generate("ru-analyst");
  NoteSigner ru_lead_ = NoteSigner::Generate("ru-lead");
  NoteSigner tr_lead_ = NoteSigner::Generate("tr-lead");
};

// The tester's replay: TR cosigns, then disputes; the cosign copied back is
// a replayed entry, and a fresh cosign naming the old position as
// `previous` changes nothing (bad-review). An old determination signed
// again after a newer one likewise.
TEST_F(AuditReviewTest, AStalePositionOrDeterminationChangesNothing) {
  auto e = entries_;
  uint64_t d = Add(&e, "determination", analyst_, "RU", DeterminationBody("I-1", {0, 1}, json::object(), std::nullopt));
  uint64_t c = Add(&e, "cosign", tr_lead_, "TR", CosignBody(d, "I-1", std::nullopt));
  Add(&e, "dispute", tr_lead_, "TR", DisputeBody(d, "I-1", "not so", c));
  uint64_t d2 = Add(&e, "determination", analyst_, "RU", DeterminationBody("I-1", {0}, json::object(), d));
  Add(&e, "cosign", ru_lead_, "RU", CosignBody(d2, "I-1", std::nullopt));
  AuditResult honest = Run(e);
  EXPECT_FALSE(Has(honest, "bad-review")) << Kinds(honest);
  EXPECT_FALSE(Has(honest, "replayed-entry")) << Kinds(honest);

  auto copied = e;
  copied.push_back(e[c]);
  AuditResult r = Run(copied);
  EXPECT_TRUE(Has(r, "replayed-entry")) << Kinds(r);
  EXPECT_FALSE(Has(r, "bad-review")) << Kinds(r);

  auto stale = e;
  Add(&stale, "cosign", tr_lead_, "TR", CosignBody(d, "I-1", c));
  r = Run(stale);
  EXPECT_TRUE(Has(r, "bad-review")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("TR's position on determination " + std::to_string(d) + " is now entry " +
                          std::to_string(c + 1) + ", not entry " + std::to_string(c)),
            std::string::npos)
      << Kinds(r);

  auto old_determination = e;
  Add(&old_determination, "determination", analyst_, "RU", DeterminationBody("I-1", {0, 1}, {{"x", 1}}, std::nullopt));
  r = Run(old_determination);
  EXPECT_TRUE(Has(r, "bad-review")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("the newest determination of I-1 is now entry " + std::to_string(d2)), std::string::npos)
      << Kinds(r);
}

// A register from before `previous`: its review entries read in log order
// until the first that states `previous`; after that, one without it is
// flagged.
TEST_F(AuditReviewTest, AnOlderRegisterReadsInLogOrderUntilTheChainBegins) {
  auto e = entries_;
  uint64_t d = Add(&e, "determination", analyst_, "RU",
                   {{"incident", "I-1"}, {"report_entries", {0}}, {"finding", json::object()}});
  uint64_t c = Add(&e, "cosign", tr_lead_, "TR", {{"determination", d}, {"incident", "I-1"}});
  Add(&e, "cosign", ru_lead_, "RU", {{"determination", d}, {"incident", "I-1"}});
  Add(&e, "dispute", tr_lead_, "TR", DisputeBody(d, "I-1", "not so", c));  // the chain begins
  AuditResult r = Run(e);
  EXPECT_FALSE(Has(r, "bad-review")) << Kinds(r);
  EXPECT_FALSE(Has(r, "malformed-entry")) << Kinds(r);
  // RU's cosign again, signed later (so not a copy), still without `previous`.
  e.push_back(MakeEntry("cosign", "RU", "ru-lead", Instant{1583839300000, 180},
                        {{"determination", d}, {"incident", "I-1"}}, &ru_lead_)
                  ->bytes);
  r = Run(e);
  EXPECT_TRUE(Has(r, "bad-review")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("since entry " + std::to_string(c + 2)), std::string::npos) << Kinds(r);
}

// An unverifiable position is audited as a cosign or dispute is: an honest
// chain checks out (TR cannot establish it, then cosigns); one without
// reasons is malformed; one of another incident, a stale one, a copy and
// one signed by an observer are each named.
TEST_F(AuditReviewTest, AnUnverifiablePosition) {
  auto e = entries_;
  uint64_t d = Add(&e, "determination", analyst_, "RU", DeterminationBody("I-1", {0, 1}, json::object(), std::nullopt));
  uint64_t u =
      Add(&e, "unverifiable", tr_lead_, "TR", UnverifiableBody(d, "I-1", "no access to the site", std::nullopt));
  Add(&e, "cosign", ru_lead_, "RU", CosignBody(d, "I-1", std::nullopt));
  uint64_t c = Add(&e, "cosign", tr_lead_, "TR", CosignBody(d, "I-1", u));
  AuditResult r = Run(e);
  EXPECT_FALSE(Has(r, "bad-review")) << Kinds(r);
  EXPECT_FALSE(Has(r, "malformed-entry")) << Kinds(r);
  EXPECT_FALSE(Has(r, "unauthorized-entry")) << Kinds(r);
  EXPECT_FALSE(Has(r, "replayed-entry")) << Kinds(r);

  auto no_reasons = e;
  Add(&no_reasons, "unverifiable", tr_lead_, "TR", {{"determination", d}, {"incident", "I-1"}, {"previous", c}});
  r = Run(no_reasons);
  EXPECT_TRUE(Has(r, "malformed-entry")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("body.reasons: an unverifiable says what the center cannot establish"), std::string::npos)
      << Kinds(r);
  auto empty_reasons = e;
  Add(&empty_reasons, "unverifiable", tr_lead_, "TR", UnverifiableBody(d, "I-1", "", c));
  EXPECT_TRUE(Has(Run(empty_reasons), "malformed-entry"));

  auto other = e;
  Add(&other, "unverifiable", tr_lead_, "TR", UnverifiableBody(d, "I-2", "no", c));
  r = Run(other);
  EXPECT_TRUE(Has(r, "bad-review")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("an unverifiable of entry " + std::to_string(d) + " for I-2"), std::string::npos) << Kinds(r);

  auto stale = e;
  Add(&stale, "unverifiable", tr_lead_, "TR", UnverifiableBody(d, "I-1", "after all, no", u));
  r = Run(stale);
  EXPECT_TRUE(Has(r, "bad-review")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("TR's position on determination " + std::to_string(d) + " is now entry " + std::to_string(c) +
                          ", not entry " + std::to_string(u)),
            std::string::npos)
      << Kinds(r);

  auto copied = e;
  copied.push_back(e[u]);
  r = Run(copied);
  EXPECT_TRUE(Has(r, "replayed-entry")) << Kinds(r);
  EXPECT_FALSE(Has(r, "bad-review")) << Kinds(r);

  auto observer = e;
  observer.push_back(
      MakeEntry("unverifiable", "TR", "tr-obs", When(), UnverifiableBody(d, "I-1", "no", c), &tr_obs_)->bytes);
  EXPECT_TRUE(Has(Run(observer), "unauthorized-entry")) << Kinds(Run(observer));
}

// A determination cites earlier report entries only: not a seal, not an
// entry that does not exist.
TEST_F(AuditReviewTest, ADeterminationCitesOnlyEarlierReports) {
  auto e = entries_;
  Add(&e, "determination", analyst_, "RU", DeterminationBody("I-1", {2}, json::object(), std::nullopt));
  AuditResult r = Run(e);
  EXPECT_TRUE(Has(r, "bad-review")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("entry 2 is a batch entry, not a report"), std::string::npos) << Kinds(r);
  e = entries_;
  Add(&e, "determination", analyst_, "RU",
      DeterminationBody("I-1", {uint64_t{1000000000000000}}, json::object(), std::nullopt));
  r = Run(e);
  EXPECT_NE(Kinds(r).find("entry 1000000000000000 is not earlier in the register"), std::string::npos) << Kinds(r);
}

// Issue 9: a key entry with a member no party agreed to, or adding a key
// under a witness key's name, is flagged.
TEST_F(AuditTest, AKeyEntryWithAnUnknownMemberOrAWitnessName) {
  trust_.keys.ReserveName("tr-witness");
  auto e = entries_;
  e.push_back(MakeEntry("key", "RU", "ru-party", When(),
                        {{"action", "add"},
                         {"key", NoteSigner::Generate("ru-obs-3").verifier().ToString()},
                         {"roles", {"observer"}},
                         {"valid_until", "2030"}},
                        &ru_party_)
                  ->bytes);
  AuditResult r = Run(e);
  EXPECT_TRUE(Has(r, "unauthorized-entry")) << Kinds(r);
  EXPECT_NE(Kinds(r).find("body.valid_until: not a field of a key add entry"), std::string::npos) << Kinds(r);
  e = entries_;
  e.push_back(MakeEntry("key", "RU", "ru-party", When(),
                        {{"action", "add"},
                         {"key", NoteSigner::Generate("tr-witness").verifier().ToString()},
                         {"roles", {"observer"}}},
                        &ru_party_)
                  ->bytes);
  r = Run(e);
  EXPECT_NE(Kinds(r).find("'tr-witness' is the name of a witness key"), std::string::npos) << Kinds(r);
}

}  // namespace
}  // namespace truce::reg
