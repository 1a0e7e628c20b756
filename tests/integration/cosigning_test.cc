// The center sends each new checkpoint to both parties' witnesses (C2SP
// tlog-witness) and publishes their cosignatures with it: real `truce
// witness` processes beside a real `truce serve`.
#include "serve_fixture.h"

namespace truce::testing {
namespace {

class Cosigned : public Serve {
 protected:
  static void SetUpTestSuite() {
    witness_dir_ = std::filesystem::temp_directory_path() / ("truce-witnesses-" + std::to_string(::getpid()));
    std::filesystem::remove_all(witness_dir_);
    std::filesystem::create_directories(witness_dir_);
    const std::string m = std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020";
    for (int i = 0; i < 2; ++i) {
      const std::string party = i == 0 ? "RU" : "TR", lower = i == 0 ? "ru" : "tr";
      int port = 0;
      Spawn({"witness", "--party", party, "--key", m + "/keys/demo/" + lower + "-witness.key", "--state",
             (witness_dir_ / lower).string(), "--mission", m, "--port", "0"},
            &witness_pid_[i], &port);
      ASSERT_GT(port, 0);
      extra_args_.push_back("--witness");
      extra_args_.push_back(party + "=http://127.0.0.1:" + std::to_string(port) + "/");
    }
    // The clock stands still: no incident settles, so no determination
    // grows the log between the cosigned note and the check below.
    manual_clock_ = true;
    Serve::SetUpTestSuite();
  }
  static void TearDownTestSuite() {
    Serve::TearDownTestSuite();
    for (pid_t p : witness_pid_) {
      if (p > 0) {
        ::kill(p, SIGTERM);
        ::waitpid(p, nullptr, 0);
      }
    }
    std::filesystem::remove_all(witness_dir_);
  }

  static inline pid_t witness_pid_[2] = {-1, -1};
  static inline std::filesystem::path witness_dir_;
};

TEST_F(Cosigned, EachNewCheckpointCarriesBothPartiesCosignatures) {
  for (int i = 0; i < 3; ++i) {
    Post("/v1/reports", Sign(Report("TR-C-" + std::to_string(i), "2020-03-10T14:20:00+03:00", 35.84, 36.61)) + "\n",
         201, "application/x-ndjson");
  }
  Witnessed();
  auto res = Client().Get("/v1/register/checkpoint");
  ASSERT_TRUE(res);
  const std::string note = res->body;
  const json cosigners = Get("/v1/register/cosigners");
  EXPECT_NE(note.find("\n— idlib-2020-log "), std::string::npos) << note;
  EXPECT_NE(note.find("\n— ru-witness "), std::string::npos) << note;
  EXPECT_NE(note.find("\n— tr-witness "), std::string::npos) << note;
  const uint64_t size = cosigners["size"].get<uint64_t>();
  ASSERT_EQ(cosigners["cosigners"].size(), 2u) << cosigners.dump();
  for (const json& c : cosigners["cosigners"]) {
    EXPECT_EQ(c["cosigned_size"], size) << c.dump();
    EXPECT_EQ(c["cosigned_latest"], true) << c.dump();
  }
  // What a party checks with nothing but its pack: every cosignature verifies.
  std::string cmd = std::string(TRUCE_BINARY) + " verify http://127.0.0.1:" + std::to_string(port_) +
                    "/v1/register/ --mission " + TRUCE_SOURCE_DIR + "/missions/idlib-2020 --key " + TRUCE_SOURCE_DIR +
                    "/missions/idlib-2020/keys/demo/tr-obs-1.key 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  EXPECT_EQ(::pclose(p), 0) << out;
  EXPECT_NE(out.find("cosigned by RU's witness"), std::string::npos) << out;
  EXPECT_NE(out.find("cosigned by TR's witness"), std::string::npos) << out;
}

}  // namespace
}  // namespace truce::testing
