// From a simulated scenario to scored findings, as a user runs it:
// `truce sim`, each party ingesting its own reports, `truce incidents`,
// `truce score`. Keeps the accuracy of docs/ACCURACY.md from regressing on
// a small scenario of each mission.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include "run_truce.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

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
  EXPECT_GE(Number(r.out, R"(B-cubed precision ([0-9.]+))"), 0.95);
  EXPECT_GE(Number(r.out, R"(recall ([0-9.]+))"), 0.95);
  EXPECT_GE(Number(r.out, R"(attribution  accuracy ([0-9.]+))"), 0.9);
  EXPECT_GE(Number(r.out, R"(ceasefire  precision ([0-9.]+))"), 0.9);
  EXPECT_GE(Number(r.out, R"(ceasefire  precision [0-9.]+ \([0-9/]+\), recall ([0-9.]+))"), 0.7);
}

INSTANTIATE_TEST_SUITE_P(BothMissions, Findings, ::testing::Values("idlib-2020", "karabakh-2020"),
                         [](const auto& info) {
                           return std::string(info.param) == "idlib-2020" ? "Idlib" : "Karabakh";
                         });

}  // namespace
