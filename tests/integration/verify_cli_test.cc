// The offline check as a party runs it: `truce register export` from a
// database, `truce verify` of the folder, and each tampering named.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include "run_truce.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

using truce::testing::Outcome;
using truce::testing::Truce;

class VerifyCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("truce-verify-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const std::string m = std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020";
    const std::string db = (dir_ / "c.db").string();
    ASSERT_EQ(Truce("init --mission " + m + " --db " + db).code, 0);
    for (const char* p : {"ru", "tr"}) {
      Outcome r = Truce("ingest -q --db " + db + " --key " + m + "/keys/demo/" + p + "-obs-1.key " + m +
                        "/examples/reports-" + p + ".jsonl");
      ASSERT_EQ(r.code, 0) << r.out;
    }
    export_ = (dir_ / "export").string();
    Outcome r = Truce("register export --db " + db + " --out " + export_);
    ASSERT_EQ(r.code, 0) << r.out;
    mission_ = m;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Outcome Verify(const std::string& folder) { return Truce("verify " + folder + " --mission " + mission_); }
  std::vector<std::string> Lines() {
    std::ifstream in(export_ + "/entries.jsonl");
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
  }
  void Write(const std::vector<std::string>& lines) {
    std::ofstream out(export_ + "/entries.jsonl", std::ios::trunc);
    for (const auto& l : lines) out << l << "\n";
  }

  std::filesystem::path dir_;
  std::string export_, mission_;
};

TEST_F(VerifyCli, AnHonestExportPassesAndEachTamperingIsNamed) {
  Outcome ok = Verify(export_);
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("OK: every entry"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("NOT cosigned by RU"), std::string::npos) << ok.out;  // no witnesses ran
  const auto lines = Lines();
  ASSERT_GT(lines.size(), 20u);

  auto edited = lines;
  edited[5].replace(edited[5].find("\"category\":\""), 12, "\"category\":\"x");
  Write(edited);
  Outcome r = Verify(export_);
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("FAIL "), std::string::npos) << r.out;

  auto deleted = lines;
  deleted.erase(deleted.begin() + 7);
  Write(deleted);
  r = Verify(export_);
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("deleted-entries"), std::string::npos) << r.out;

  auto reordered = lines;
  std::swap(reordered[3], reordered[4]);
  Write(reordered);
  r = Verify(export_);
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.out.find("reordered-entries"), std::string::npos) << r.out;

  Write(lines);
  EXPECT_EQ(Verify(export_).code, 0);
  // A checkpoint kept from before must be extended; the export's own is.
  r = Truce("verify " + export_ + " --mission " + mission_ + " --since " + export_ + "/checkpoint");
  EXPECT_EQ(r.code, 0) << r.out;
}

}  // namespace
