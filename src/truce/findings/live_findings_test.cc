#include "truce/findings/live_findings.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "truce/center/test_center.h"

namespace truce {
namespace {

class LiveFindingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("truce-live-" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    Open();
  }
  void TearDown() override {
    center_.reset();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + ext);
  }
  void Open() {
    center_.reset();
    auto c = testing::OpenMiniCenter(path_, clock_);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    center_ = std::move(c).value();
  }
  std::unique_ptr<LiveFindings> Start(int64_t settle_ms = 0) {
    LiveOptions o;
    o.settle_ms = settle_ms;
    o.poll_ms = 20;
    auto f = LiveFindings::Start(center_.get(), o);
    EXPECT_TRUE(f.ok()) << f.status().ToString();
    return std::move(f).value();
  }
  void Ingest(const std::string& jsonl) {
    IngestOptions o;
    o.signer = &tr_obs_;
    auto r = center_->Ingest(jsonl, o);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->error_count, 0u) << r->errors[0].message;
  }

  std::filesystem::path path_;
  ManualClock clock_;
  std::unique_ptr<Center> center_;
  reg::NoteSigner tr_obs_ = reg::NoteSigner::Parse(testing::MiniSignerKey("tr-obs")).value();
};

std::string Report(const std::string& id, const std::string& kind, double lat, const std::string& extra = "") {
  return R"({"id":")" + id + R"(","source":{"kind":")" + kind + R"(","party":"TR","name":")" + id +
         R"("},"category":"shelling","observed":{"start":"2020-03-10T14:20:00+03:00","end":"2020-03-10T14:30:00+03:00"},)"
         R"("location":{"lat":)" +
         std::to_string(lat) + R"(,"lon":36.5,"uncertainty_m":300})" + extra + "}\n";
}

// The center waits for an incident to settle before it proposes: time is
// the center's clock, which the test moves rather than waits on.
TEST_F(LiveFindingsTest, ProposesOnlyOnceTheIncidentHasSettledByTheCentersClock) {
  Ingest(Report("OP-1", "observer", 35.80));
  auto live = Start(/*settle_ms=*/30'000);
  live->Sync();
  EXPECT_EQ(center_->registrar().size(), 2u) << "proposed before the incident settled";
  ASSERT_EQ(live->Incidents({}).incidents.size(), 1u);
  EXPECT_FALSE(live->Incidents({}).incidents[0].determination) << "none yet";
  clock_.Advance(29'999);
  live->Sync();
  EXPECT_EQ(center_->registrar().size(), 2u);
  clock_.Advance(1);
  live->Sync();
  EXPECT_EQ(center_->registrar().size(), 3u);
  ASSERT_TRUE(live->Incidents({}).incidents[0].determination);
  EXPECT_EQ(live->Incidents({}).incidents[0].determination->state, review::State::kProposed);
  // The determination's entry is stamped by the same clock.
  auto entries = center_->registrar().Entries(2, 3);
  ASSERT_TRUE(entries.ok() && entries->size() == 1u);
  EXPECT_NE(entries->front().bytes.find(FormatRfc3339(Instant{clock_.NowMs(), 0})), std::string::npos)
      << entries->front().bytes;
}

// A report joins an incident, the center proposes the incident's
// determination once, and a restart proposes nothing again: the finding
// read back from its entry is the finding worked out anew.
TEST_F(LiveFindingsTest, ProposesEachChangedIncidentOnceAndNotAgainAfterARestart) {
  Ingest(Report("OP-1", "observer", 35.80));
  auto live = Start();
  live->Sync();
  uint64_t size = center_->registrar().size();
  EXPECT_EQ(size, 3u);  // the sealed report (2 entries) and one determination
  IncidentPage incidents = live->Incidents({});
  ASSERT_EQ(incidents.total, 1u);
  ASSERT_TRUE(incidents.incidents[0].determination);
  EXPECT_EQ(incidents.incidents[0].determination->state, review::State::kProposed);

  // A radar's report of the same shelling joins it: a new finding, proposed.
  Ingest(Report("CBR-1", "radar", 35.801, R"(,"origin":{"lat":35.55,"lon":36.5,"uncertainty_m":200})"));
  live->Sync();
  incidents = live->Incidents({});
  ASSERT_EQ(incidents.total, 1u);
  EXPECT_EQ(incidents.incidents[0].finding.determination.responsible, "SY-GOV");
  EXPECT_EQ(incidents.incidents[0].finding.incident.reports.size(), 2u);
  size = center_->registrar().size();
  EXPECT_EQ(size, 6u);  // the second sealed report and the new determination
  std::vector<review::DeterminationView> all = live->Determinations("", 10);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].state, review::State::kSuperseded);

  live.reset();
  Open();
  live = Start();
  live->Sync();
  live->Sync();
  EXPECT_EQ(center_->registrar().size(), size);
  EXPECT_EQ(live->Incidents({}).total, 1u);
}

// A lead's unverifiable is read from the register as it comes, and takes
// the determination out of that party's queue (and only that party's); a
// party that is not a center party has no queue.
TEST_F(LiveFindingsTest, AnUnverifiableLeavesThePartysQueue) {
  Ingest(Report("OP-1", "observer", 35.80));
  auto live = Start();
  live->Sync();
  auto queue = live->Awaiting("RU", 10);
  ASSERT_TRUE(queue.ok()) << queue.status().ToString();
  ASSERT_EQ(queue->size(), 1u);
  const uint64_t d = queue->front().record.entry;
  const std::string incident = queue->front().record.incident;
  auto lead = reg::NoteSigner::Parse(testing::MiniSignerKey("ru-lead")).value();
  auto e = reg::MakeEntry("unverifiable", "RU", "ru-lead", Instant{1583839200000, 0},
                          reg::UnverifiableBody(d, incident, "no one reached the site", std::nullopt), &lead);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  auto r = center_->Submit(e->bytes + "\n", intake::BatchPolicy::kRejectAll);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->error_count, 0u) << r->errors[0].message;
  live->Sync();
  EXPECT_TRUE(live->Awaiting("RU", 10)->empty());
  ASSERT_EQ(live->Awaiting("TR", 10)->size(), 1u);
  auto view = live->Determination(d);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->state, review::State::kProposed);  // TR has not said
  EXPECT_EQ(view->record.positions.at("RU").stance, review::Stance::kUnverifiable);
  EXPECT_EQ(view->record.positions.at("RU").reasons, "no one reached the site");
  EXPECT_EQ(live->Awaiting("SY-GOV", 10).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(live->Awaiting("center", 10).status().code(), Code::kInvalidArgument);
}

// The map and the timeline read the live incidents through the same
// filters as the list.
TEST_F(LiveFindingsTest, TheMapAndTheTimelineTakeTheIncidentsFilters) {
  Ingest(Report("OP-1", "observer", 35.80) + Report("OP-2", "observer", 35.90));  // 11 km apart: two
  auto live = Start(/*settle_ms=*/30'000);
  live->Sync();
  MapQuery q;
  q.bbox = {35.0, 36.0, 36.0, 37.0};
  q.zoom = 14;
  EXPECT_EQ(live->Map({}, q).total, 2u);
  EXPECT_EQ(live->Map({}, q).features.size(), 2u);
  IncidentFilter f;
  f.bbox = geo::BoundingBox{35.85, 36.0, 36.0, 37.0};
  EXPECT_EQ(live->Map(f, q).total, 1u);
  f = {};
  f.state = "proposed";  // nothing has settled yet
  EXPECT_EQ(live->Map(f, q).total, 0u);
  EXPECT_TRUE(live->Timeline(f, {}).counts.empty());
  f.state = "none";
  EXPECT_EQ(live->Map(f, q).total, 2u);
  // Zones are those of the fused place: both in the area, one on the road.
  f = {};
  f.zone = "area";
  EXPECT_EQ(live->Map(f, q).total, 2u);
  f.zone = "road-corridor";
  const IncidentPage on_road = live->Incidents(f);
  ASSERT_EQ(on_road.total, 1u);
  EXPECT_EQ(on_road.incidents[0].finding.incident.lat, 35.80);
  EXPECT_EQ(on_road.incidents[0].finding.zones, (std::vector<std::string>{"area", "road-corridor"}));

  // Both start at 11:20:00Z: the span is that one second, in 200 bins of one.
  IncidentTimeline t = live->Timeline({}, {});
  ASSERT_EQ(t.counts.size(), 200u);
  EXPECT_EQ(t.bin_seconds, 1);
  EXPECT_EQ(*t.from_ms, ParseRfc3339("2020-03-10T11:20:00Z")->utc_ms);
  EXPECT_EQ(t.counts[0], 2u);
  EXPECT_EQ(t.states.at("none")[0], 2u);
  // A span after them: empty bins, not none.
  TimelineQuery later;
  later.from_ms = *t.from_ms + 3'600'000;
  later.bins = 10;
  IncidentTimeline empty = live->Timeline({}, later);
  EXPECT_EQ(empty.counts, std::vector<uint64_t>(10, 0));
  EXPECT_EQ(*empty.from_ms, *later.from_ms);
}

}  // namespace
}  // namespace truce
