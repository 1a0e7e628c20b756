#include "truce/store/sqlite/sqlite_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <sqlite3.h>

#include "truce/store/sqlite/db.h"

namespace truce {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("truce-store-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = OpenSqliteStore((dir_ / "t.db").string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    ASSERT_TRUE(
        store_->Initialize({"mini", "Mini", "/packs/mini"}, {{"area", "Area", "deescalation_area", "{}", "{}"}}).ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  static Report Make(const std::string& id, double lat, double lon, const char* start, const char* party = "TR") {
    Report r;
    r.source_report_id = id;
    r.source = {SourceKind::kParty, party, ""};
    r.category = Category::kShelling;
    r.observed.start = *ParseRfc3339(start);
    r.observed.end = r.observed.start;
    r.observed.end.utc_ms += 600'000;
    r.location = {lat, lon, 500, ""};
    r.zones = {"area"};
    r.clauses = {"C-1"};
    r.text = "text";
    return r;
  }

  static std::vector<const Report*> Pointers(const std::vector<Report>& reports) {
    std::vector<const Report*> out;
    for (const Report& r : reports) out.push_back(&r);
    return out;
  }

  Result<AppendResult> AppendIn(AppendSession& session, const std::vector<Report>& reports) {
    std::vector<uint64_t> entries;
    for (size_t i = 0; i < reports.size(); ++i) entries.push_back(next_entry_++);
    return session.Append(Pointers(reports), entries);
  }

  AppendResult Append(const std::vector<Report>& reports) {
    auto session = store_->BeginAppend(1000);
    EXPECT_TRUE(session.ok());
    auto result = AppendIn(**session, reports);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_TRUE((*session)->Commit().ok());
    return *result;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  uint64_t next_entry_ = 0;
};

TEST_F(SqliteStoreTest, RoundTripsEveryField) {
  Report r = Make("TR-1", 35.84, 36.61, "2020-03-10T14:20:00+03:00");
  r.bearing = Bearing{120, 10};
  r.casualties = Casualties{1, 3};
  r.weapon_class = "mortar-120";
  r.count = 12;
  r.blames = "SY-GOV";
  r.evidence = {std::string(64, 'a')};
  r.location.place = "Ariha";
  Append({r});
  auto got = store_->Query({});
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->size(), 1u);
  const Report& g = got->front().report;
  EXPECT_EQ(got->front().id, 1);
  EXPECT_EQ(got->front().received_ms, 1000);
  EXPECT_EQ(g.source_report_id, "TR-1");
  EXPECT_EQ(g.observed.start.offset_min, 180);
  EXPECT_EQ(g.observed.end.utc_ms, r.observed.end.utc_ms);
  EXPECT_EQ(g.bearing->azimuth_deg, 120);
  EXPECT_EQ(g.casualties->injured, 3);
  EXPECT_EQ(g.weapon_class, "mortar-120");
  EXPECT_EQ(g.count, 12);
  EXPECT_EQ(g.evidence, r.evidence);
  EXPECT_EQ(g.zones, r.zones);
  EXPECT_EQ(g.clauses, r.clauses);
  EXPECT_EQ(g.location.place, "Ariha");
}

// A page read into the vector of the page before keeps no field of it.
TEST_F(SqliteStoreTest, QueryIntoLeavesNothingOfThePageBefore) {
  Report full = Make("TR-1", 35.84, 36.61, "2020-03-10T14:20:00+03:00");
  full.bearing = Bearing{120, 10};
  full.casualties = Casualties{1, 3};
  full.weapon_class = "mortar-120";
  full.evidence = {"a", "b", "c"};
  full.location.place = "Ariha";
  full.text = std::string(200, 'x');
  Report bare = Make("TR-2", 35.90, 36.70, "2020-03-10T15:00:00+03:00");
  bare.zones.clear();
  bare.clauses.clear();
  Append({full, bare});
  ReportFilter f;
  f.limit = 1;
  std::vector<StoredReport> page;
  ASSERT_TRUE(store_->QueryInto(f, &page).ok());
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].report.evidence.size(), 3u);
  f.after_id = page[0].id;
  ASSERT_TRUE(store_->QueryInto(f, &page).ok());
  ASSERT_EQ(page.size(), 1u);
  const Report& g = page[0].report;
  EXPECT_EQ(g.source_report_id, "TR-2");
  EXPECT_FALSE(g.bearing);
  EXPECT_FALSE(g.casualties);
  EXPECT_EQ(g.weapon_class, "");
  EXPECT_EQ(g.location.place, "");
  EXPECT_TRUE(g.evidence.empty());
  EXPECT_TRUE(g.zones.empty());
  EXPECT_TRUE(g.clauses.empty());
  EXPECT_EQ(g.text, bare.text);
  f.after_id = page[0].id;
  ASSERT_TRUE(store_->QueryInto(f, &page).ok());
  EXPECT_TRUE(page.empty());
}

TEST_F(SqliteStoreTest, RecognisesRepeatsFromTheSameSource) {
  Report a = Make("TR-1", 35.84, 36.61, "2020-03-10T14:20:00+03:00");
  AppendResult first = Append({a});
  AppendResult again = Append({a, Make("TR-2", 35.84, 36.61, "2020-03-10T14:20:00+03:00")});
  EXPECT_EQ(again.appended, 1u);
  EXPECT_EQ(again.duplicates, 1u);
  EXPECT_EQ(again.ids[0], first.ids[0]);
  EXPECT_EQ(again.outcomes[0], AppendOutcome::kDuplicate);
  EXPECT_EQ(again.outcomes[1], AppendOutcome::kAppended);
  // The same id from another source is another report.
  AppendResult other = Append({Make("TR-1", 35.84, 36.61, "2020-03-10T14:20:00+03:00", "RU")});
  EXPECT_EQ(other.appended, 1u);
  EXPECT_EQ(*store_->CountReports(), 3);
}

TEST_F(SqliteStoreTest, AnIdReusedForOtherContentIsAConflict) {
  Report a = Make("TR-1", 35.84, 36.61, "2020-03-10T14:20:00+03:00");
  a.content_digest = "one";
  AppendResult first = Append({a});
  a.content_digest = "two";
  a.text = "something else";
  AppendResult again = Append({a});
  EXPECT_EQ(again.outcomes[0], AppendOutcome::kConflict);
  EXPECT_EQ(again.ids[0], first.ids[0]);
  EXPECT_EQ(again.appended, 0u);
  EXPECT_EQ(store_->Query({})->front().report.text, "text");
}

// A bulk load into an empty store builds the reports' indexes at the end;
// until then it must still answer repeats and conflicts, across undo points.
TEST_F(SqliteStoreTest, ABulkLoadFindsRepeatsWithItsIndexesPutOff) {
  Report a = Make("TR-1", 35.84, 36.61, "2020-03-10T14:20:00+03:00");
  Report b = Make("TR-2", 35.84, 36.61, "2020-03-10T14:20:00+03:00");
  Report c = Make("TR-3", 35.84, 36.61, "2020-03-10T14:20:00+03:00");
  Report a_changed = a;
  a_changed.content_digest = "other";
  Report c_undone = c;
  c_undone.zones = {"gone"};
  {
    auto session = store_->BeginAppend(1000, Store::Load::kBulk);
    ASSERT_TRUE(session.ok());
    auto& s = **session;
    ASSERT_EQ(AppendIn(s, {a, b})->appended, 2u);
    ASSERT_TRUE(s.Mark().ok());
    ASSERT_EQ(AppendIn(s, {c_undone})->appended, 1u);
    ASSERT_TRUE(s.Undo().ok());  // c is gone, and so is its key
    auto again = AppendIn(s, {a, a_changed, c, c});
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->outcomes[0], AppendOutcome::kDuplicate);
    EXPECT_EQ(again->outcomes[1], AppendOutcome::kConflict);
    EXPECT_EQ(again->outcomes[2], AppendOutcome::kAppended);
    EXPECT_EQ(again->outcomes[3], AppendOutcome::kDuplicate);
    EXPECT_EQ(again->ids[3], again->ids[2]);
    ASSERT_TRUE(s.Commit().ok());
  }
  EXPECT_EQ(*store_->CountReports(), 3);
  // The labels, put off too, are those of the reports kept, not the undone.
  ReportFilter by_zone;
  by_zone.zone = "area";
  EXPECT_EQ(store_->Query(by_zone)->size(), 3u);
  by_zone.zone = "gone";
  EXPECT_EQ(store_->Query(by_zone)->size(), 0u);
  ReportFilter by_clause;
  by_clause.clause = "C-1";
  EXPECT_EQ(store_->Query(by_clause)->size(), 3u);
  // The unique index is back: an ordinary append's ON CONFLICT needs it.
  AppendResult later = Append({a, b});
  EXPECT_EQ(later.duplicates, 2u);
}

TEST_F(SqliteStoreTest, ABulkLoadRolledBackLeavesTheIndexes) {
  Report a = Make("TR-1", 35.84, 36.61, "2020-03-10T14:20:00+03:00");
  {
    auto session = store_->BeginAppend(1000, Store::Load::kBulk);
    ASSERT_TRUE(session.ok());
    ASSERT_TRUE(AppendIn(**session, {a}).ok());
  }
  EXPECT_EQ(*store_->CountReports(), 0);
  Append({a});
  EXPECT_EQ(Append({a}).duplicates, 1u);
  // Into a store that has reports a bulk load keeps the indexes: repeats
  // of what is stored are found by them.
  auto session = store_->BeginAppend(1000, Store::Load::kBulk);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(AppendIn(**session, {a})->duplicates, 1u);
}

TEST_F(SqliteStoreTest, OpeningTheSameMissionAgainDoesNotWaitForAWriter) {
  auto session = store_->BeginAppend(0);  // holds the write lock, as a long ingest does
  ASSERT_TRUE(session.ok());
  auto other = OpenSqliteStore((dir_ / "t.db").string());
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  Status st =
      (*other)->Initialize({"mini", "Mini", "/packs/mini"}, {{"area", "Area", "deescalation_area", "{}", "{}"}});
  EXPECT_TRUE(st.ok()) << st.ToString();
  // Had opening or Initialize tried to write, they would have failed with
  // "database is locked" after the busy timeout.
  EXPECT_EQ(*(*other)->CountReports(), 0);
}

TEST_F(SqliteStoreTest, UncommittedSessionLeavesNothing) {
  {
    auto session = store_->BeginAppend(0);
    ASSERT_TRUE(session.ok());
    ASSERT_TRUE(AppendIn(**session, {Make("TR-1", 35.84, 36.61, "2020-03-10T14:20:00Z")}).ok());
    ASSERT_TRUE((*session)
                    ->AppendEntries(0, std::vector<std::string_view>{"{}"}, std::vector<std::string_view>{"report"},
                                    std::vector<Sha256>{Sha256Of("x")})
                    .ok());
  }
  EXPECT_EQ(*store_->CountReports(), 0);
  EXPECT_TRUE(store_->LeafHashes(0)->empty());
}

TEST_F(SqliteStoreTest, RegisterEntriesCheckpointsAndUndo) {
  auto session = store_->BeginAppend(0);
  ASSERT_TRUE(session.ok());
  auto& s = **session;
  ASSERT_TRUE(s.AppendEntries(0, std::vector<std::string_view>{"a", "b"},
                              std::vector<std::string_view>{"report", "key"},
                              std::vector<Sha256>{Sha256Of("a"), Sha256Of("b")})
                  .ok());
  ASSERT_TRUE(s.Mark().ok());
  ASSERT_TRUE(s.AppendEntries(2, std::vector<std::string_view>{"c"}, std::vector<std::string_view>{"report"},
                              std::vector<Sha256>{Sha256Of("c")})
                  .ok());
  ASSERT_TRUE(s.Undo().ok());  // "c" is gone, "a" and "b" stay
  ASSERT_TRUE(s.PutCheckpoint(2, "note at 2\n").ok());
  ASSERT_TRUE(s.Commit().ok());
  auto leaves = store_->LeafHashes(0);
  ASSERT_TRUE(leaves.ok());
  ASSERT_EQ(leaves->size(), 2u);
  EXPECT_EQ((*leaves)[1], Sha256Of("b"));
  auto entries = store_->Entries(1, 10);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].bytes, "b");
  EXPECT_EQ(store_->EntriesOfKind("key")->size(), 1u);
  EXPECT_EQ(store_->LatestCheckpoint()->first, 2u);
  EXPECT_EQ(*store_->CheckpointAt(2), "note at 2\n");
  ASSERT_TRUE(store_->PutCosignature(2, "tr-witness", "— tr-witness AAAA").ok());
  auto cosigs = store_->LatestCosignatures();
  ASSERT_EQ(cosigs->size(), 1u);
  EXPECT_EQ(std::get<1>((*cosigs)[0]), 2u);
}

// A patrol's fixes, kept compactly beside the register: in the order taken,
// batch after batch, to a centimetre and a hundredth of HDOP.
TEST_F(SqliteStoreTest, KeepsAPatrolsFixesInOrder) {
  EXPECT_TRUE(store_->PatrolsWithFixes()->empty());
  ASSERT_TRUE(store_
                  ->AddFixes("JP-1", {{"RU-BTR-1", 1000, 35.8401234567, 36.7012345678, 1, 0.94},
                                      {"TR-ACV-1", 1500, 35.84, 36.70, 0, 0}})
                  .ok());
  ASSERT_TRUE(store_->AddFixes("JP-1", {{"RU-BTR-1", 2000, 35.85, 36.69, 2, 1.2}}).ok());
  ASSERT_TRUE(store_->AddFixes("JP-2", {}).ok());  // nothing: no patrol listed for it
  EXPECT_EQ(*store_->PatrolsWithFixes(), std::vector<std::string>{"JP-1"});
  auto fixes = store_->Fixes("JP-1");
  ASSERT_TRUE(fixes.ok()) << fixes.status().ToString();
  ASSERT_EQ(fixes->size(), 3u);
  EXPECT_EQ((*fixes)[0].vehicle, "RU-BTR-1");
  EXPECT_NEAR((*fixes)[0].lat, 35.8401234567, 1e-7);
  EXPECT_NEAR((*fixes)[0].lon, 36.7012345678, 1e-7);
  EXPECT_DOUBLE_EQ((*fixes)[0].hdop, 0.94);
  EXPECT_EQ((*fixes)[1].quality, 0);
  EXPECT_EQ((*fixes)[2].t_ms, 2000);
  EXPECT_TRUE(store_->Fixes("JP-2")->empty());
}

TEST_F(SqliteStoreTest, FiltersByTimeBoxZoneClauseCategoryAndParty) {
  std::vector<Report> reports;
  for (int i = 0; i < 50; ++i) {
    char t[64];
    std::snprintf(t, sizeof t, "2020-03-%02dT10:00:00Z", 1 + i % 20);
    Report r = Make("R" + std::to_string(i), 35.0 + 0.02 * i, 36.0 + 0.02 * i, t, i % 2 ? "TR" : "RU");
    if (i % 5 == 0) r.blames = "SY-GOV";
    if (i % 5 == 0) {
      r.category = Category::kAirstrike;
      r.zones = {};
      r.clauses = {};
    }
    reports.push_back(r);
  }
  Append(reports);
  auto count = [&](ReportFilter f) {
    f.limit = 1000;
    auto got = store_->Query(f);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got->size();
  };
  ReportFilter f;
  EXPECT_EQ(count(f), 50u);
  f = {};
  f.from_ms = ParseRfc3339("2020-03-05T00:00:00Z")->utc_ms;
  f.to_ms = ParseRfc3339("2020-03-06T00:00:00Z")->utc_ms;
  size_t in_time = 0;
  for (const auto& r : reports) in_time += r.observed.Overlaps(*f.from_ms, *f.to_ms);
  EXPECT_EQ(count(f), in_time);
  f = {};
  f.bbox = geo::BoundingBox{35.1, 36.1, 35.5, 36.5};
  size_t in_box = 0;
  for (const auto& r : reports) in_box += f.bbox->Contains({r.location.lat, r.location.lon});
  EXPECT_EQ(count(f), in_box);
  EXPECT_GT(in_box, 0u);
  f = {};
  f.zone = "area";
  EXPECT_EQ(count(f), 40u);
  f = {};
  f.clause = "C-1";
  f.category = "shelling";
  EXPECT_EQ(count(f), 40u);
  f = {};
  f.party = "RU";
  EXPECT_EQ(count(f), 25u);
  f = {};
  f.blames = "SY-GOV";
  EXPECT_EQ(count(f), 10u);
  f = {};
  f.zone = "nowhere";
  EXPECT_EQ(count(f), 0u);
  // Paging by id.
  f = {};
  f.limit = 20;
  auto page = store_->Query(f);
  ASSERT_EQ(page->size(), 20u);
  f.after_id = page->back().id;
  f.limit = 1000;
  EXPECT_EQ(count(f), 30u);
}

TEST_F(SqliteStoreTest, RefusesAnotherMission) {
  Status st = store_->Initialize({"other", "Other", ""}, {});
  EXPECT_EQ(st.code(), Code::kFailedPrecondition);
  EXPECT_NE(st.message().find("holds mission 'mini'"), std::string::npos);
  EXPECT_EQ(store_->Zones()->size(), 1u);
  // The same mission again refreshes its zones from the pack.
  EXPECT_TRUE(store_
                  ->Initialize({"mini", "Mini", "/packs/mini"}, {{"area", "Area", "deescalation_area", "{}", "{}"},
                                                                 {"road", "Road", "security_corridor", "{}", "{}"}})
                  .ok());
  EXPECT_EQ(store_->Zones()->size(), 2u);
}

// Issue 9: a signed entry is found by its leaf hash in the session that
// wrote it (so copies in one group commit are caught), reports aside; and
// a schema-3 file gains the index when opened.
TEST_F(SqliteStoreTest, EntriesAreFoundByLeafHashAndASchema3FileGainsTheIndex) {
  {
    auto session = store_->BeginAppend(0);
    ASSERT_TRUE(session.ok());
    auto& s = **session;
    ASSERT_TRUE(s.AppendEntries(0, std::vector<std::string_view>{"a", "b"},
                                std::vector<std::string_view>{"report", "cosign"},
                                std::vector<Sha256>{Sha256Of("a"), Sha256Of("b")})
                    .ok());
    EXPECT_EQ(*s.FindEntry(Sha256Of("b")), std::optional<uint64_t>(1));
    EXPECT_EQ(*s.FindEntry(Sha256Of("a")), std::nullopt);  // a report: found by source and id instead
    EXPECT_EQ(*s.EntryKind(1), "cosign");
    EXPECT_EQ(*s.EntryKind(1000000000000000), "");
    ASSERT_TRUE(s.PutCheckpoint(2, "note\n").ok());
    ASSERT_TRUE(s.Commit().ok());
  }
  store_.reset();
  const std::string path = (dir_ / "t.db").string();
  {
    auto db = sqlite::Db::Open(path, SQLITE_OPEN_READWRITE);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)
                    ->Exec("DROP INDEX register_entries_by_leaf; DROP INDEX register_entries_by_kind; "
                           "ALTER TABLE register_entries DROP COLUMN at; DROP TABLE patrol_fixes; "
                           "PRAGMA user_version = 3")
                    .ok());
  }
  auto reopened = OpenSqliteStore(path);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  auto db = sqlite::Db::Open(path, SQLITE_OPEN_READWRITE);
  auto q = (*db)->Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'register_entries_by_leaf'");
  Status st;
  ASSERT_TRUE((*q)->Step(&st));
  EXPECT_EQ((*q)->Int(0), 1);
  auto v = (*db)->Prepare("PRAGMA user_version");
  ASSERT_TRUE((*v)->Step(&st));
  EXPECT_EQ((*v)->Int(0), 6);
  EXPECT_TRUE((*reopened)->PatrolsWithFixes().ok());  // schema 6's table is there
  auto session = (*reopened)->BeginAppend(0);
  EXPECT_EQ(*(*session)->FindEntry(Sha256Of("b")), std::optional<uint64_t>(1));
}

// The entries' bytes go once into the leaves file beside the database:
// what a session undid or never committed is never read back, the next
// session cuts it off, and a database whose leaves file is gone says so.
TEST_F(SqliteStoreTest, EntriesLiveInTheLeavesFileAndOnlyCommittedOnesCount) {
  auto append = [&](AppendSession& s, uint64_t first, const std::vector<std::string>& bytes) {
    std::vector<std::string_view> views(bytes.begin(), bytes.end());
    std::vector<std::string_view> kinds(bytes.size(), "report");
    std::vector<Sha256> hashes;
    for (const auto& b : bytes) hashes.push_back(Sha256Of(b));
    return s.AppendEntries(first, views, kinds, hashes);
  };
  const std::string leaves = (dir_ / "t.db-leaves").string();
  {
    auto session = store_->BeginAppend(0);
    ASSERT_TRUE(session.ok());
    ASSERT_TRUE(append(**session, 0, {"zero", "one"}).ok());
    ASSERT_TRUE((*session)->Mark().ok());
    ASSERT_TRUE(append(**session, 2, {"undone"}).ok());
    ASSERT_TRUE((*session)->Undo().ok());
    ASSERT_TRUE(append(**session, 2, {"two"}).ok());
    ASSERT_TRUE((*session)->Commit().ok());
  }
  const auto committed = std::filesystem::file_size(leaves);
  EXPECT_EQ(committed, 3 * 2 + 4 + 3 + 3u);  // each entry after its two-byte length
  {
    auto session = store_->BeginAppend(0);  // never committed: rolled back
    ASSERT_TRUE(append(**session, 3, {std::string(5000, 'x')}).ok());
    ASSERT_TRUE((*session)->PutCheckpoint(4, "note\n").ok());
  }
  {
    auto session = store_->BeginAppend(0);
    ASSERT_TRUE(append(**session, 3, {"three"}).ok());
    ASSERT_TRUE((*session)->Commit().ok());
  }
  auto entries = store_->Entries(0, 10);
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  std::vector<std::string> got;
  for (const auto& e : *entries) got.push_back(e.bytes);
  EXPECT_EQ(got, (std::vector<std::string>{"zero", "one", "two", "three"}));
  EXPECT_EQ(std::filesystem::file_size(leaves), committed + 2 + 5);

  // Bytes a killed session wrote past the committed end are cut off.
  { std::ofstream(leaves, std::ios::app | std::ios::binary) << std::string(100, '?'); }
  {
    auto session = store_->BeginAppend(0);
    ASSERT_TRUE(append(**session, 4, {"four"}).ok());
    ASSERT_TRUE((*session)->Commit().ok());
  }
  EXPECT_EQ(std::filesystem::file_size(leaves), committed + 2 + 5 + 2 + 4);
  EXPECT_EQ(store_->Entries(4, 5)->at(0).bytes, "four");

  // Without its leaves file the register cannot be read, and says why.
  store_.reset();
  std::filesystem::remove(leaves);
  auto reopened = OpenSqliteStore((dir_ / "t.db").string());
  ASSERT_TRUE(reopened.ok());
  auto lost = (*reopened)->Entries(0, 1);
  ASSERT_FALSE(lost.ok());
  EXPECT_NE(lost.status().message().find("t.db-leaves"), std::string::npos) << lost.status().message();
  auto session = (*reopened)->BeginAppend(0);
  ASSERT_TRUE(session.ok());
  Status st = append(**session, 5, {"five"});
  EXPECT_NE(st.message().find("damaged"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace truce
