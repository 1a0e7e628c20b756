#include "truce/center/center.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "truce/center/mini_center_test.h"
#include "truce/register/cosignature.h"

namespace truce {
namespace {

class CenterTest : public testing::MiniCenterTest {
 protected:
  CenterTest() : MiniCenterTest("center") {}
  int64_t Count() { return *center_->reader().CountReports(); }

  // Reports of party TR, sealed by TR's observer.
  IngestOptions Opts() {
    IngestOptions o;
    o.signer = &tr_obs_;
    return o;
  }
};

std::string Line(int i, const char* lat = "35.84") {
  return R"({"id":"TR-)" + std::to_string(i) +
         R"(","source":{"kind":"party","party":"TR"},"category":"shelling","observed":{"start":"2020-03-10T14:20:00+03:00"},"location":{"lat":)" +
         lat + R"(,"lon":36.61,"uncertainty_m":500}})" + "\n";
}

TEST_F(CenterTest, ABadRowRejectsTheWholeBatchAndListsIt) {
  std::string batch = Line(1) + Line(2, "135") + Line(3) + Line(4, "-91");
  IngestOptions options = Opts();
  options.chunk_rows = 1;  // the bad rows arrive after a good chunk was read
  auto result = center_->Ingest(batch, options);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->rejected);
  EXPECT_EQ(result->error_count, 2u);
  EXPECT_EQ(result->errors[0].line, 2u);
  EXPECT_EQ(result->errors[1].line, 4u);
  EXPECT_EQ(result->appended, 0u);
  EXPECT_EQ(Count(), 0);
}

TEST_F(CenterTest, SkipStoresTheGoodRowsAndListsTheBad) {
  std::string batch = Line(1) + Line(2, "135") + Line(3);
  IngestOptions options = Opts();
  options.policy = intake::BatchPolicy::kSkipBad;
  options.want_ids = true;
  auto result = center_->Ingest(batch, options);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->rejected);
  EXPECT_EQ(result->appended, 2u);
  EXPECT_EQ(result->error_count, 1u);
  EXPECT_EQ(result->ids.size(), 2u);
  EXPECT_EQ(Count(), 2);
  // Sent again: recognised, not stored twice.
  result = center_->Ingest(batch, options);
  EXPECT_EQ(result->duplicates, 2u);
  EXPECT_EQ(Count(), 2);
}

TEST_F(CenterTest, AReusedIdWithOtherContentIsListedNotDropped) {
  ASSERT_EQ(center_->Ingest(Line(1), Opts())->appended, 1u);
  std::string changed = Line(1, "35.85");  // same source and id, another place
  auto result = center_->Ingest(Line(2) + changed, Opts());
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->rejected);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].line, 2u);
  EXPECT_EQ(result->errors[0].field, "id");
  EXPECT_NE(result->errors[0].message.find("different report"), std::string::npos);
  EXPECT_EQ(Count(), 1);
}

// Found in review: a label made in a rolled-back batch stayed cached.
TEST_F(CenterTest, ARejectedBatchLeavesNoTagsBehind) {
  ASSERT_EQ(center_->Ingest(Line(1), Opts())->appended, 1u);
  // The first report is in the government control area (a zone not yet
  // seen); the second reuses id TR-1 for other content, so all rolls back.
  auto rejected = center_->Ingest(Line(2, "35.3") + Line(1, "35.85"), Opts());
  ASSERT_TRUE(rejected.ok());
  ASSERT_TRUE(rejected->rejected);
  ASSERT_EQ(center_->Ingest(Line(3, "35.3"), Opts())->appended, 1u);
  ReportFilter f;
  f.zone = "gov";
  auto got = center_->reader().Query(f);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ(got->front().report.source_report_id, "TR-3");
  f.zone = "area";
  EXPECT_EQ(center_->reader().Query(f)->size(), 1u);  // TR-1 only
}

TEST_F(CenterTest, ANumberNoDoubleHoldsIsAnErrorNotACrash) {
  auto result = center_->Ingest(Line(1) + "{\"count\":1e400}\n", Opts());
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->rejected);
  ASSERT_EQ(result->errors.size(), 1u);
  EXPECT_EQ(result->errors[0].line, 2u);
  EXPECT_FALSE(center_->Ingest("[{\"count\":1e400}]", Opts()).ok());
}

TEST_F(CenterTest, AMalformedInputChangesNothing) {
  auto result = center_->Ingest("[" + Line(1), Opts());
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(Count(), 0);
}

TEST_F(CenterTest, RefusesAStoreOfAnotherMission) {
  center_.reset();
  Mission other = testing::MiniMission();
  other.id = "other";
  auto c = Center::Open(std::move(other), std::move(OpenSqliteStore(path_.string())).value());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("'mini'"), std::string::npos);
}

}  // namespace

// Opened to read, the center reads what was stored, writes nothing and
// refuses to, and still refuses a store of another mission.
TEST_F(CenterTest, OpenedToReadItReadsAndRefusesToWrite) {
  ASSERT_TRUE(center_->Ingest(Line(1) + Line(2), Opts()).ok());
  center_.reset();
  auto reading = Center::OpenToRead(testing::MiniMission(), std::move(OpenSqliteStore(path_.string())).value());
  ASSERT_TRUE(reading.ok()) << reading.status().ToString();
  EXPECT_EQ(*(*reading)->reader().CountReports(), 2);
  EXPECT_EQ((*reading)->reader().LatestCheckpoint()->first, 3u);
  auto refused = (*reading)->Ingest(Line(3), Opts());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kFailedPrecondition);
  EXPECT_FALSE((*reading)->Submit("{}\n", intake::BatchPolicy::kRejectAll).ok());
  EXPECT_EQ(*(*reading)->reader().CountReports(), 2);
  reading->reset();
  Mission other = testing::MiniMission();
  other.id = "other";
  EXPECT_FALSE(Center::OpenToRead(std::move(other), std::move(OpenSqliteStore(path_.string())).value()).ok());
}

TEST_F(CenterTest, EveryStoredReportIsInTheRegisterUnderACheckpoint) {
  auto result = center_->Ingest(Line(1) + Line(2) + Line(3), Opts());
  ASSERT_TRUE(result.ok());
  // One seal and three sealed entries.
  EXPECT_EQ(result->tree_size, 4u);
  EXPECT_EQ(center_->registrar().size(), 4u);
  auto note = reg::ParseNote(result->checkpoint);
  ASSERT_TRUE(note.ok());
  auto log = reg::NoteVerifier::Parse(testing::MiniMission().log.log_key).value();
  EXPECT_TRUE(reg::VerifySignature(*note, note->signatures[0], log));
  auto cp = reg::ParseCheckpoint(note->text);
  EXPECT_EQ(cp->size, 4u);
  EXPECT_EQ(cp->root, center_->registrar().Root(4));
  ReportFilter all;
  auto stored = center_->reader().Query(all);
  ASSERT_EQ(stored->size(), 3u);
  for (const auto& r : *stored) EXPECT_GE(r.entry, 1u);
}

TEST_F(CenterTest, ABodyReadsBackAsTheSameReport) {
  auto result = center_->Ingest(Line(1), [&] {
    auto o = Opts();
    o.want_ids = true;
    return o;
  }());
  ASSERT_TRUE(result.ok());
  auto entries = center_->reader().Entries(1, 2);
  ASSERT_EQ(entries->size(), 1u);
  auto entry = reg::ParseLeaf((*entries)[0].bytes);
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  EXPECT_EQ(entry->body["id"], "TR-1");
  // Submitting the signed form of the same report is a repeat, not a new one.
  auto tr = reg::NoteSigner::Parse(testing::MiniSignerKey("tr-obs")).value();
  auto signed_entry = reg::MakeEntry("report", "TR", "tr-obs", entry->signed_at, entry->body, &tr);
  auto again = center_->Submit(signed_entry->bytes + "\n", intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->duplicates, 1u) << (again->errors.empty() ? "" : again->errors[0].message);
  EXPECT_EQ(center_->registrar().size(), 2u);
}

TEST_F(CenterTest, AnotherPartysReportOrAnUnsignedOneIsRefused) {
  auto ru = reg::NoteSigner::Parse(testing::MiniSignerKey("ru-obs")).value();
  IngestOptions o = Opts();
  o.signer = &ru;
  auto result = center_->Ingest(Line(1), o);  // a TR claim signed by RU
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->rejected);
  EXPECT_NE(result->errors[0].message.find("only report for itself"), std::string::npos);
  IngestOptions unsigned_options;
  EXPECT_EQ(center_->Ingest(Line(1), unsigned_options).status().code(), Code::kPermissionDenied);
  EXPECT_EQ(Count(), 0);
  EXPECT_EQ(center_->registrar().size(), 0u);
}

// `truce ingest` beside a running `truce serve`: two writers on one file.
// Each takes in what the other appended before it appends.
TEST_F(CenterTest, TwoProcessesWritingOneDatabaseStayInStep) {
  auto other = Center::Open(testing::MiniMission(), OpenSqliteStore(path_.string()).value(),
                            reg::NoteSigner::Parse(testing::MiniSignerKey("mini-log")).value());
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_TRUE(center_->Ingest(Line(1), Opts()).ok());
  auto second = (*other)->Ingest(Line(2), Opts());
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->tree_size, 4u);
  auto third = center_->Ingest(Line(3), Opts());
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->tree_size, 6u);
  // The other process's tree, caught up, agrees with this one's.
  ASSERT_TRUE((*other)->Ingest(Line(4), Opts()).ok());
  EXPECT_EQ((*other)->registrar().Root(6), center_->registrar().Root(6));
  EXPECT_EQ(Count(), 4);
}

// Issue 9: the joint review against replays. Entries signed by the mini
// mission's TR analyst and RU lead, each on a line of its own.
class ReviewOrderTest : public CenterTest {
 protected:
  void SetUp() override {
    CenterTest::SetUp();
    ASSERT_TRUE(center_->Ingest(Line(1), Opts()).ok());  // 0: the seal, 1: the report
  }
  std::string Signed(const std::string& kind, const char* key, const std::string& party, nlohmann::json body) {
    auto signer = reg::NoteSigner::Parse(testing::MiniSignerKey(key)).value();
    // A new time for each, so no two are a copy unless the test makes one.
    Instant at{1583839200000 + int64_t(++signed_) * 1000, 0};
    return reg::MakeEntry(kind, party, key, at, std::move(body), &signer)->bytes + "\n";
  }
  std::string Determination(std::optional<uint64_t> previous) {
    return Signed("determination", "tr-analyst", "TR",
                  reg::DeterminationBody("I-1", {1}, {{"clauses", {"C-1"}}}, previous));
  }
  std::string Cosign(uint64_t d, std::optional<uint64_t> previous) {
    return Signed("cosign", "ru-lead", "RU", reg::CosignBody(d, "I-1", previous));
  }
  std::string Dispute(uint64_t d, std::optional<uint64_t> previous) {
    return Signed("dispute", "ru-lead", "RU", reg::DisputeBody(d, "I-1", "not so", previous));
  }
  // Appends one submission and returns the register index of its first entry.
  uint64_t Append(const std::string& lines) {
    auto r = center_->Submit(lines, intake::BatchPolicy::kRejectAll);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return 0;
    EXPECT_EQ(r->error_count, 0u) << (r->errors.empty() ? "" : r->errors[0].message);
    EXPECT_FALSE(r->entries.empty());
    return r->entries.empty() ? 0 : r->entries[0].second;
  }
  int signed_ = 0;
};

// The tester's replay, on the center: a position cosigned, then disputed;
// the cosign sent again byte for byte is a duplicate and changes nothing,
// and a fresh cosign that follows the old position is refused.
TEST_F(ReviewOrderTest, AnOldPositionCannotComeBack) {
  uint64_t d = Append(Determination(std::nullopt));
  std::string cosign = Cosign(d, std::nullopt);
  uint64_t c = Append(cosign);
  uint64_t x = Append(Dispute(d, c));
  const uint64_t size = center_->registrar().size();

  auto again = center_->Submit(cosign, intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->error_count, 0u);
  EXPECT_TRUE(again->entries.empty());
  EXPECT_EQ(again->duplicates, 1u);
  EXPECT_EQ(center_->registrar().size(), size);

  auto stale = center_->Submit(Cosign(d, c), intake::BatchPolicy::kRejectAll);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), Code::kFailedPrecondition);
  EXPECT_EQ(stale.status().message(), "RU's position on determination " + std::to_string(d) + " is now entry " +
                                          std::to_string(x) + ", not entry " + std::to_string(c) +
                                          ": re-read and sign again");
  EXPECT_EQ(center_->registrar().size(), size);
  // Following the current position, it goes in.
  Append(Cosign(d, x));
}

// Two entries that follow the same position, in one group commit: the
// writer, not only the look before it, takes the first and refuses the
// second. Two copies of one entry in one commit: one is appended.
TEST_F(ReviewOrderTest, TheWriterChecksTheOrderUnderItsLock) {
  uint64_t d = Append(Determination(std::nullopt));
  auto r = center_->Submit(Cosign(d, std::nullopt) + Dispute(d, std::nullopt), intake::BatchPolicy::kSkipBad);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entries.size(), 1u);
  ASSERT_EQ(r->error_count, 1u);
  EXPECT_EQ(r->errors[0].line, 2u);
  EXPECT_EQ(r->errors[0].field, "body.previous");
  EXPECT_NE(r->errors[0].message.find("is now entry " + std::to_string(d + 1) + ", not null"), std::string::npos)
      << r->errors[0].message;

  std::string dispute = Dispute(d, d + 1);
  r = center_->Submit(dispute + dispute, intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->error_count, 0u) << r->errors[0].message;
  EXPECT_EQ(r->entries.size(), 1u);
  EXPECT_EQ(r->duplicates, 1u);
}

// An old determination can never become the incident's newest again: sent
// again, it is a duplicate; signed again as if it were the first, it is
// refused. The order survives a restart (it is read back from the log).
TEST_F(ReviewOrderTest, AnOldDeterminationCannotComeBack) {
  std::string first = Determination(std::nullopt);
  uint64_t d1 = Append(first);
  uint64_t d2 = Append(Determination(d1));
  EXPECT_EQ(center_->registrar().NewestDetermination("I-1"), d2);
  auto again = center_->Submit(first, intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->duplicates, 1u);
  EXPECT_EQ(center_->registrar().NewestDetermination("I-1"), d2);

  center_.reset();
  center_ = testing::OpenMiniCenter(path_).value();
  EXPECT_EQ(center_->registrar().NewestDetermination("I-1"), d2);
  auto stale = center_->Submit(Determination(std::nullopt), intake::BatchPolicy::kRejectAll);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().message(), "the newest determination of I-1 is now entry " + std::to_string(d2) +
                                          ", not null: re-read and sign again");
  again = center_->Submit(first, intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->duplicates, 1u);
}

// An unverifiable is refused as a dispute is: without reasons, signed by a
// key that is not a lead's, following a position that is not current; a
// copy is a duplicate. A party's chain runs through it: unverifiable, then
// cosign naming it.
TEST_F(ReviewOrderTest, AnUnverifiableJoinsTheChainAndIsRefusedLikeADispute) {
  uint64_t d = Append(Determination(std::nullopt));
  // The refusal, however the center gives it: the whole submission, or its line.
  auto refusal = [&](const std::string& lines) -> std::string {
    auto r = center_->Submit(lines, intake::BatchPolicy::kRejectAll);
    if (!r.ok()) return r.status().message();
    if (r->error_count == 0) return "(accepted)";
    return r->errors[0].message;
  };
  const uint64_t size = center_->registrar().size();
  EXPECT_NE(refusal(Signed("unverifiable", "ru-lead", "RU",
                           {{"determination", d}, {"incident", "I-1"}, {"previous", nullptr}}))
                .find("body.reasons: an unverifiable says what the center cannot establish"),
            std::string::npos);
  EXPECT_NE(refusal(Signed("unverifiable", "ru-lead", "RU", reg::UnverifiableBody(d, "I-1", "", std::nullopt)))
                .find("body.reasons"),
            std::string::npos);
  // An observer's key, and the analyst's, hold no lead role.
  EXPECT_NE(refusal(Signed("unverifiable", "ru-obs", "RU", reg::UnverifiableBody(d, "I-1", "no", std::nullopt)))
                .find("has the role observer; an unverifiable entry needs lead"),
            std::string::npos);
  EXPECT_NE(refusal(Signed("unverifiable", "tr-analyst", "TR", reg::UnverifiableBody(d, "I-1", "no", std::nullopt))),
            "(accepted)");
  EXPECT_EQ(center_->registrar().size(), size);

  std::string unverifiable =
      Signed("unverifiable", "ru-lead", "RU", reg::UnverifiableBody(d, "I-1", "no one reached the site", std::nullopt));
  uint64_t u = Append(unverifiable);
  EXPECT_EQ(center_->registrar().size(), size + 1);
  // Not following the current position (entry u): refused, nothing appended.
  EXPECT_EQ(refusal(Signed("unverifiable", "ru-lead", "RU", reg::UnverifiableBody(d, "I-1", "again", std::nullopt))),
            "RU's position on determination " + std::to_string(d) + " is now entry " + std::to_string(u) +
                ", not null: re-read and sign again");
  // Sent again byte for byte: a duplicate.
  auto again = center_->Submit(unverifiable, intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->duplicates, 1u);
  EXPECT_EQ(center_->registrar().size(), size + 1);
  // The party changes its mind: a cosign naming its unverifiable.
  uint64_t c = Append(Cosign(d, u));
  EXPECT_EQ(center_->registrar().size(), size + 2);
  EXPECT_EQ(refusal(Dispute(d, u)), "RU's position on determination " + std::to_string(d) + " is now entry " +
                                        std::to_string(c) + ", not entry " + std::to_string(u) +
                                        ": re-read and sign again");
}

// A new review entry names what it follows; a determination cites the
// entries of reports the register holds.
TEST_F(ReviewOrderTest, ANewEntryNamesItsPreviousAndCitesRealReports) {
  auto r =
      center_->Submit(Signed("determination", "tr-analyst", "TR",
                             {{"incident", "I-1"}, {"report_entries", {1}}, {"finding", nlohmann::json::object()}}),
                      intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->error_count, 1u);
  EXPECT_NE(r->errors[0].message.find("body.previous: the register index of the incident's newest determination"),
            std::string::npos)
      << r->errors[0].message;
  for (uint64_t cited : {uint64_t{1000000000000000}, uint64_t{0}}) {
    r = center_->Submit(Signed("determination", "tr-analyst", "TR",
                               reg::DeterminationBody("I-1", {cited}, nlohmann::json::object(), std::nullopt)),
                        intake::BatchPolicy::kRejectAll);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->error_count, 1u);
    EXPECT_NE(r->errors[0].message.find("body.report_entries: entry " + std::to_string(cited)), std::string::npos)
        << r->errors[0].message;
  }
  EXPECT_EQ(center_->registrar().size(), 2u);
}

// The tester's determination for an incident that does not exist: an
// incident is named by one of its reports, which must be stored and cited.
TEST_F(ReviewOrderTest, ADeterminationIsAboutAnIncidentTheCenterFormed) {
  ASSERT_TRUE(center_->Ingest(Line(2), Opts()).ok());  // 2: the seal, 3: report 2
  auto refused = [&](const std::string& incident, uint64_t cited) {
    auto r = center_->Submit(Signed("determination", "tr-analyst", "TR",
                                    reg::DeterminationBody(incident, {cited}, nlohmann::json::object(), std::nullopt)),
                             intake::BatchPolicy::kRejectAll);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && r->error_count == 1 ? r->errors[0].message : std::string("(not refused)");
  };
  EXPECT_NE(refused("I-7", 1).find("body.incident: there is no incident I-7: the center has no report 7"),
            std::string::npos);
  EXPECT_NE(refused("incident-1", 1).find("body.incident: 'incident-1' is not an incident's name"), std::string::npos);
  EXPECT_NE(refused("I-1x", 1).find("is not an incident's name"), std::string::npos);
  EXPECT_NE(refused("I-2", 1).find("body.report_entries: I-2 is named by report 2, whose entry 3 is not cited"),
            std::string::npos);
  EXPECT_EQ(center_->registrar().size(), 4u);
  Append(Signed("determination", "tr-analyst", "TR",
                reg::DeterminationBody("I-2", {1, 3}, nlohmann::json::object(), std::nullopt)));
  EXPECT_EQ(center_->registrar().size(), 5u);
}

// A key entry is refused for a member no party agreed to, naming it; a
// key entry sent again is a duplicate, not a second (refused) add.
TEST_F(ReviewOrderTest, AKeyEntryWithAnUnknownMemberIsRefusedAndACopyIsADuplicate) {
  const std::string key = reg::NoteSigner::Generate("tr-obs-2").verifier().ToString();
  auto r = center_->Submit(
      Signed("key", "tr-party", "TR", {{"action", "add"}, {"key", key}, {"roles", {"observer"}}, {"until", "2030"}}),
      intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->error_count, 1u);
  EXPECT_NE(r->errors[0].message.find("body.until: not a field of a key add entry"), std::string::npos)
      << r->errors[0].message;
  std::string add = Signed("key", "tr-party", "TR", {{"action", "add"}, {"key", key}, {"roles", {"observer"}}});
  Append(add);
  r = center_->Submit(add, intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->error_count, 0u) << r->errors[0].message;
  EXPECT_EQ(r->duplicates, 1u);
}

// A key may not take the name of a witness key the pack pins.
TEST(KeyNames, AWitnessKeysNameIsNotForTheTaking) {
  auto path = std::filesystem::temp_directory_path() / ("truce-center-witness-" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  Mission m = testing::MiniMission();
  reg::Cosigner witness{reg::NoteSigner::Generate("tr-witness")};
  m.keys.push_back({"TR", {"witness"}, witness.verifier().ToString()});
  auto center = Center::Open(std::move(m), OpenSqliteStore(path.string()).value(),
                             reg::NoteSigner::Parse(testing::MiniSignerKey("mini-log")).value());
  ASSERT_TRUE(center.ok()) << center.status().ToString();
  auto party = reg::NoteSigner::Parse(testing::MiniSignerKey("tr-party")).value();
  auto e = reg::MakeEntry("key", "TR", "tr-party", Instant{1583839200000, 0},
                          {{"action", "add"},
                           {"key", reg::NoteSigner::Generate("tr-witness").verifier().ToString()},
                           {"roles", {"observer"}}},
                          &party);
  auto r = (*center)->Submit(e->bytes + "\n", intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->error_count, 1u);
  EXPECT_NE(r->errors[0].message.find("'tr-witness' is the name of a witness key"), std::string::npos)
      << r->errors[0].message;
  center->reset();
  for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + ext);
}

}  // namespace truce
