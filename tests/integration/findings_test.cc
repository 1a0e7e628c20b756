// From a simulated scenario to scored findings, as a user runs it:
// `truce sim`, each party ingesting its own reports, `truce incidents`,
// `truce score`. Keeps the accuracy of docs/ACCURACY.md from regressing on
// a small scenario of each mission, and shows that the scores fall when the
// center reads the agreement or the ground wrongly: the simulator's truth is
// its own reading (sim/reading.h), not the center's.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include "run_truce.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

using truce::testing::Outcome;
using truce::testing::Truce;

std::string Slurp(const std::filesystem::path& p) {
  std::ifstream f(p);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

double Number(const std::string& text, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(pattern))) return -1;
  return std::stod(m[1]);
}

class Findings : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("truce-findings-" + std::string(GetParam()) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    mission_ = std::string(TRUCE_SOURCE_DIR) + "/missions/" + GetParam();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // The scenario in `sim` taken in by a fresh center on `pack` (each party
  // its own file, with its officer's key), fused and judged, and scored
  // against the scenario's truth: `truce score`'s output.
  std::string CenterScore(const std::string& pack, const std::string& sim, const std::string& name) {
    const std::string db = (dir_ / (name + ".db")).string(), incidents = (dir_ / (name + ".jsonl")).string();
    Outcome r = Truce("init --mission " + pack + " --db " + db);
    EXPECT_EQ(r.code, 0) << r.out;
    for (const char* p : {"RU", "TR"}) {
      std::string key = mission_ + "/keys/demo/" + (std::string(p) == "RU" ? "ru" : "tr") + "-obs-1.key";
      r = Truce("ingest -q --db " + db + " --key " + key + " " + sim + "/reports-" + p + ".jsonl");
      EXPECT_EQ(r.code, 0) << r.out;
    }
    r = Truce("incidents -q --db " + db + " --format jsonl > " + incidents);
    EXPECT_EQ(r.code, 0) << r.out;
    // Scored always against the true pack's clause kinds.
    r = Truce("score --mission " + mission_ + " --truth " + sim + "/truth.jsonl --events " + sim +
              "/events.jsonl --reports " + sim + "/reports.jsonl " + incidents);
    EXPECT_EQ(r.code, 0) << r.out;
    return r.out;
  }

  // A copy of the mission pack for the center alone, to break.
  std::filesystem::path CopyOfPack(const std::string& name) {
    std::filesystem::path pack = dir_ / name;
    std::filesystem::copy(mission_, pack, std::filesystem::copy_options::recursive);
    return pack;
  }

  std::filesystem::path dir_;
  std::string mission_;
};

TEST_P(Findings, ASimulatedScenarioIsFusedAttributedAndJudgedAccurately) {
  const std::string sim = (dir_ / "sim").string(), db = (dir_ / "c.db").string();
  Outcome r = Truce("sim --mission " + mission_ + " --out " + sim + " --seed 11 --days 2");
  ASSERT_EQ(r.code, 0) << r.out;
  // The same seed gives the same scenario.
  Outcome again = Truce("sim --mission " + mission_ + " --out " + sim + "-again --seed 11 --days 2");
  ASSERT_EQ(again.code, 0) << again.out;
  EXPECT_EQ(Slurp(sim + "/reports.jsonl"), Slurp(sim + "-again/reports.jsonl"));
  EXPECT_EQ(Slurp(sim + "/truth.jsonl"), Slurp(sim + "-again/truth.jsonl"));

  ASSERT_EQ(Truce("init --mission " + mission_ + " --db " + db).code, 0);
  for (const char* p : {"RU", "TR"}) {
    std::string key = mission_ + "/keys/demo/" + (std::string(p) == "RU" ? "ru" : "tr") + "-obs-1.key";
    // Every report the simulator writes is accepted as it is: sightings
    // are placed by intake.
    r = Truce("ingest -q --db " + db + " --key " + key + " " + sim + "/reports-" + p + ".jsonl");
    ASSERT_EQ(r.code, 0) << r.out;
  }
  r = Truce("incidents -q --db " + db + " --format jsonl > " + (dir_ / "incidents.jsonl").string());
  ASSERT_EQ(r.code, 0) << r.out;
  r = Truce("score --mission " + mission_ + " --truth " + sim + "/truth.jsonl --events " + sim + "/events.jsonl " +
            (dir_ / "incidents.jsonl").string());
  ASSERT_EQ(r.code, 0) << r.out;
  SCOPED_TRACE(r.out);
  // Without --reports, no coverage line.
  EXPECT_EQ(r.out.find("coverage"), std::string::npos);
  EXPECT_GE(Number(r.out, R"(B-cubed precision ([0-9.]+))"), 0.95);
  EXPECT_GE(Number(r.out, R"(recall ([0-9.]+))"), 0.95);
  EXPECT_GE(Number(r.out, R"(attribution  accuracy ([0-9.]+))"), 0.9);
  EXPECT_GE(Number(r.out, R"(ceasefire  precision ([0-9.]+))"), 0.9);
  EXPECT_GE(Number(r.out, R"(ceasefire  precision [0-9.]+ \([0-9/]+\), recall ([0-9.]+))"), 0.7);

  // The same folder's flights and patrols, through the center's matcher and tracker.
  EXPECT_EQ(Slurp(sim + "/flight-tracks.json"), Slurp(sim + "-again/flight-tracks.json"));
  EXPECT_EQ(Slurp(sim + "/patrols.jsonl"), Slurp(sim + "-again/patrols.jsonl"));
  r = Truce("score --mission " + mission_ + " --alerts " + sim);
  ASSERT_EQ(r.code, 0) << r.out;
  SCOPED_TRACE(r.out);
  EXPECT_GE(Number(r.out, R"(flights without notice: [0-9]+ alerts, precision ([0-9.]+))"), 0.9);
  EXPECT_GE(Number(r.out, R"(flights without notice: .*recall ([0-9.]+))"), 0.9);
  EXPECT_GE(Number(r.out, R"(patrols off their route: [0-9]+ alerts, precision ([0-9.]+))"), 0.9);
  EXPECT_NE(r.out.find("patrols: 2, "), std::string::npos);
  // Neither incidents nor --alerts: told what to give.
  r = Truce("score --mission " + mission_ + " --truth " + sim + "/truth.jsonl");
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.out.find("give --truth, --events and INCIDENTS"), std::string::npos) << r.out;
}

// Two faults put into the center's copy of the pack only, as a bug in its
// rules would be: the truth, read by the simulator from the true pack, does
// not follow them, so the scores fall.
//  * The ground misread: each control area is given to the next party in
//    the list of those that hold one, so the center puts every act down to
//    the wrong side (the Attributor's ground holder gone wrong). Attribution
//    accuracy falls.
//  * A clause misread: the ceasefire clause binds only the party of the
//    first control area, so the center stops citing it for the other
//    side's acts (Binds gone wrong). Ceasefire recall falls.
TEST_P(Findings, ABrokenRuleInTheCenterLowersTheScores) {
  const std::string sim = (dir_ / "sim").string();
  Outcome r = Truce("sim --mission " + mission_ + " --out " + sim + " --seed 11 --days 2");
  ASSERT_EQ(r.code, 0) << r.out;
  const std::string honest = CenterScore(mission_, sim, "honest");

  std::filesystem::path swapped = CopyOfPack("ground-swapped");
  std::vector<std::string> holders;  // the parties of the control areas, in pack order
  {
    std::ifstream in(swapped / "zones.geojson");
    nlohmann::json zones = nlohmann::json::parse(in);
    for (auto& f : zones["features"]) {
      auto& props = f["properties"];
      if (props.value("kind", "") != "control_area") continue;
      std::string party = props.value("party", "");
      if (std::find(holders.begin(), holders.end(), party) == holders.end()) holders.push_back(party);
    }
    ASSERT_GE(holders.size(), 2u);
    for (auto& f : zones["features"]) {
      auto& props = f["properties"];
      if (props.value("kind", "") != "control_area") continue;
      size_t i = size_t(std::find(holders.begin(), holders.end(), props.value("party", "")) - holders.begin());
      props["party"] = holders[(i + 1) % holders.size()];
    }
    std::ofstream(swapped / "zones.geojson") << zones.dump(1);
  }
  const std::string ground_broken = CenterScore(swapped.string(), sim, "ground-swapped");

  std::filesystem::path rebound = CopyOfPack("ceasefire-rebound");
  {
    std::string toml = Slurp(rebound / "mission.toml");
    const std::string kind = "kind = \"ceasefire\"\n";
    size_t at = toml.find(kind);
    ASSERT_NE(at, std::string::npos);
    toml.insert(at + kind.size(), "binds = [\"" + holders[0] + "\"]\n");
    std::ofstream(rebound / "mission.toml") << toml;
  }
  const std::string clause_broken = CenterScore(rebound.string(), sim, "ceasefire-rebound");

  const std::string accuracy = R"(attribution  accuracy ([0-9.]+))";
  const std::string ceasefire_recall = R"(ceasefire  precision [0-9.]+ \([0-9/]+\), recall ([0-9.]+))";
  std::printf("honest center:\n%scontrol areas given to the next party:\n%sceasefire binding only %s:\n%s",
              honest.c_str(), ground_broken.c_str(), holders[0].c_str(), clause_broken.c_str());
  double honest_accuracy = Number(honest, accuracy), honest_recall = Number(honest, ceasefire_recall);
  ASSERT_GE(honest_accuracy, 0.9) << honest;
  ASSERT_GE(honest_recall, 0.7) << honest;
  // Nearly every party named is then the wrong one.
  EXPECT_LT(Number(ground_broken, accuracy), honest_accuracy - 0.5) << ground_broken;
  // The other side's attributed acts lose the clause.
  EXPECT_LT(Number(clause_broken, ceasefire_recall), honest_recall - 0.1) << clause_broken;
  // Neither fault touches fusion: the clustering is the same.
  const std::string bcubed = R"(B-cubed precision ([0-9.]+))";
  EXPECT_EQ(Number(ground_broken, bcubed), Number(honest, bcubed));
  EXPECT_EQ(Number(clause_broken, bcubed), Number(honest, bcubed));
}

INSTANTIATE_TEST_SUITE_P(BothMissions, Findings, ::testing::Values("idlib-2020", "karabakh-2020"),
                         [](const auto& info) {
                           return std::string(info.param) == "idlib-2020" ? "Idlib" : "Karabakh";
                         });

}  // namespace
