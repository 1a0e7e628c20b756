#include "truce/findings/incident_map.h"

#include <gtest/gtest.h>

#include <set>

namespace truce {
namespace {

constexpr int64_t kT0 = 1583839200000;  // 2020-03-10T11:20:00Z

Finding At(int n, double lat, double lon, int64_t t_ms = kT0) {
  Finding f;
  f.incident.id = "I-" + std::to_string(n);
  f.incident.reports = {n};
  f.incident.lat = lat;
  f.incident.lon = lon;
  f.incident.uncertainty_m = 250;
  f.incident.time = {Instant{t_ms, 180}, Instant{t_ms + 60'000, 180}};
  f.incident.category = Category::kShelling;
  f.incident.corroboration = fusion::Corroboration::kCorroborated;
  f.determination.responsible = n % 2 ? "SY-GOV" : "";
  return f;
}

const geo::BoundingBox kWorld{-90, -180, 90, 180};
const geo::BoundingBox kIdlib{35.0, 36.0, 36.5, 37.5};

MapQuery Query(geo::BoundingBox bbox, int zoom, size_t cap = kMaxMapFeatures) {
  MapQuery q;
  q.bbox = bbox;
  q.zoom = zoom;
  q.max_features = cap;
  return q;
}

size_t CountSum(const IncidentMap& m) {
  size_t n = 0;
  for (const MapCell& c : m.features) n += c.count;
  return n;
}

TEST(MapClusterer, ClustersACellOfSeveralAndGivesALoneIncidentItself) {
  MapClusterer c(Query(kIdlib, 10));
  for (int i = 0; i < 10; ++i) c.Add(At(i, 35.80 + i * 1e-4, 36.50 + i * 1e-4), i < 7 ? "final" : "none");
  c.Add(At(100, 35.20, 37.20), "proposed");
  IncidentMap m = std::move(c).Finish();
  EXPECT_EQ(m.total, 11u);
  EXPECT_TRUE(m.clustered);
  ASSERT_EQ(m.features.size(), 2u);
  // North first: the cluster, then the lone incident.
  const MapCell& cluster = m.features[0];
  EXPECT_EQ(cluster.count, 10u);
  EXPECT_FALSE(cluster.lone);
  EXPECT_EQ(cluster.states, (std::map<std::string, size_t>{{"final", 7}, {"none", 3}}));
  EXPECT_NEAR(cluster.lat, 35.80045, 1e-5);
  EXPECT_NEAR(cluster.lon, 36.50045, 1e-5);
  EXPECT_DOUBLE_EQ(cluster.bbox.south, 35.80);
  EXPECT_DOUBLE_EQ(cluster.bbox.north, 35.80 + 9e-4);
  EXPECT_DOUBLE_EQ(cluster.bbox.west, 36.50);
  EXPECT_DOUBLE_EQ(cluster.bbox.east, 36.50 + 9e-4);
  const MapCell& lone = m.features[1];
  EXPECT_EQ(lone.count, 1u);
  ASSERT_TRUE(lone.lone);
  EXPECT_EQ(lone.lone->id, "I-100");
  EXPECT_EQ(lone.lone->state, "proposed");
  EXPECT_EQ(lone.lone->category, "shelling");
  EXPECT_EQ(lone.lone->corroboration, "corroborated");
  EXPECT_EQ(CountSum(m), m.total);
}

// A cell is 64 px: at zoom 8 (cells 0.35° wide, 36.21° to 36.56° here) two
// places 9 km apart share one, at zoom 12 (0.022°) they do not.
TEST(MapClusterer, CellsNarrowAsTheZoomGrows) {
  for (auto [zoom, features] : {std::pair{8, 1u}, std::pair{12, 2u}}) {
    MapClusterer c(Query(kIdlib, zoom));
    c.Add(At(1, 35.801, 36.30), "none");
    c.Add(At(2, 35.801, 36.40), "none");
    EXPECT_EQ(std::move(c).Finish().features.size(), features) << "zoom " << zoom;
  }
}

TEST(MapClusterer, FromZoom14EveryIncidentIsAlone) {
  MapClusterer c(Query(kIdlib, kUnclusteredZoom));
  for (int i = 0; i < 50; ++i) c.Add(At(i, 35.8, 36.5), "none");  // one place
  IncidentMap m = std::move(c).Finish();
  EXPECT_FALSE(m.clustered);
  ASSERT_EQ(m.features.size(), 50u);
  std::set<std::string> ids;
  for (const MapCell& f : m.features) {
    ASSERT_TRUE(f.lone);
    ids.insert(f.lone->id);
  }
  EXPECT_EQ(ids.size(), 50u);
}

// Never more than the cap, whatever the zoom: the grid coarsens, and the
// counts still sum to the total.
TEST(MapClusterer, TheCapHoldsAtEveryZoom) {
  for (int zoom : {0, 5, 13, 14, 18, 22}) {
    MapClusterer c(Query(kWorld, zoom, 100));
    int n = 1;
    for (int i = 0; i < 60; ++i) {
      for (int j = 0; j < 60; ++j, ++n) c.Add(At(n, -80 + i * 2.7, -179 + j * 5.9), n % 3 ? "final" : "none");
    }
    IncidentMap m = std::move(c).Finish();
    EXPECT_EQ(m.total, 3600u);
    EXPECT_LE(m.features.size(), 100u) << "zoom " << zoom;
    if (zoom > 0) {
      EXPECT_GT(m.features.size(), 25u) << "zoom " << zoom << ": coarser than needed";
    }
    EXPECT_EQ(CountSum(m), 3600u);
    EXPECT_TRUE(m.clustered);
    size_t finals = 0;
    for (const MapCell& f : m.features) {
      finals += f.lone ? f.lone->state == "final" : (f.states.count("final") ? f.states.at("final") : 0);
    }
    EXPECT_EQ(finals, 2400u);
  }
}

// The level kept is the finest that fits, whatever the order incidents come in.
TEST(MapClusterer, TheAnswerDoesNotDependOnOrder) {
  std::vector<Finding> all;
  for (int i = 0; i < 500; ++i) all.push_back(At(i, 35.0 + (i * 37 % 100) * 0.015, 36.0 + (i * 61 % 100) * 0.015));
  auto run = [&](bool reverse) {
    MapClusterer c(Query(kIdlib, 16, 50));
    for (size_t i = 0; i < all.size(); ++i) c.Add(all[reverse ? all.size() - 1 - i : i], "none");
    std::vector<std::pair<size_t, std::pair<double, double>>> out;
    for (const MapCell& f : std::move(c).Finish().features) out.push_back({f.count, {f.bbox.south, f.bbox.west}});
    return out;
  };
  EXPECT_EQ(run(false), run(true));
}

TEST(MapClusterer, TheBboxHoldsItsEdgesAndNothingOutside) {
  MapClusterer c(Query(kIdlib, 14));
  c.Add(At(1, 35.0, 36.0), "none");  // south-west corner
  c.Add(At(2, 36.5, 37.5), "none");  // north-east corner
  c.Add(At(3, 34.99999, 36.5), "none");
  c.Add(At(4, 35.5, 37.50001), "none");
  IncidentMap m = std::move(c).Finish();
  EXPECT_EQ(m.total, 2u);
  EXPECT_EQ(m.features.size(), 2u);
}

TEST(MapClusterer, ThePolesAndTheWholeWorldAtZoomZero) {
  MapClusterer c(Query(kWorld, 0));
  c.Add(At(1, 90, 180), "none");
  c.Add(At(2, -90, -180), "none");
  c.Add(At(3, 0, 0), "none");
  IncidentMap m = std::move(c).Finish();
  EXPECT_EQ(CountSum(m), 3u);
  EXPECT_EQ(m.features.size(), 3u);  // 4 cells a side at zoom 0
}

TEST(TimelineCounter, CountsByStartInWholeSecondBins) {
  TimelineCounter t(kT0, kT0 + 10'000, 4);  // 2.5 s a bin, rounded up to 3 s
  t.Add(kT0, "final");
  t.Add(kT0 + 2'999, "none");
  t.Add(kT0 + 3'000, "final");
  t.Add(kT0 + 11'999, "final");
  t.Add(kT0 + 12'000, "final");  // past the last bin
  t.Add(kT0 - 1, "final");       // before the first
  IncidentTimeline out = std::move(t).Finish();
  EXPECT_EQ(out.bin_seconds, 3);
  EXPECT_EQ(*out.from_ms, kT0);
  EXPECT_EQ(*out.to_ms, kT0 + 12'000);
  EXPECT_EQ(out.counts, (std::vector<uint64_t>{2, 1, 0, 1}));
  EXPECT_EQ(out.states.at("final"), (std::vector<uint64_t>{1, 1, 0, 1}));
  EXPECT_EQ(out.states.at("none"), (std::vector<uint64_t>{1, 0, 0, 0}));
  EXPECT_EQ(out.states.size(), 2u);
}

TEST(TimelineCounter, AnEmptySpanStillHasOneSecondBins) {
  TimelineCounter t(kT0, kT0, 200);
  t.Add(kT0, "none");
  IncidentTimeline out = std::move(t).Finish();
  EXPECT_EQ(out.bin_seconds, 1);
  EXPECT_EQ(out.counts.size(), 200u);
  EXPECT_EQ(out.counts[0], 1u);
}

}  // namespace
}  // namespace truce
