// Backup and restore against a real `truce serve` and the parties' real
// witnesses: a copy taken while signed writes keep coming restores into a
// center that verifies, extends the checkpoint the witnesses cosigned
// before the backup, and takes new writes; the witnesses, who saw a larger
// tree since, refuse to cosign it, as the restore warned.
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <regex>
#include <thread>

#include "run_truce.h"
#include "serve_fixture.h"

namespace truce::testing {
namespace {

const std::string kMission = std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020";
// The register is read by the center parties' officers: verify signs as one.
const std::string kReader = " --key " + kMission + "/keys/demo/tr-obs-1.key";

class Backup : public Serve {
 protected:
  static void SetUpTestSuite() {
    wdir_ = std::filesystem::temp_directory_path() / ("truce-backup-witnesses-" + std::to_string(::getpid()));
    std::filesystem::remove_all(wdir_);
    std::filesystem::create_directories(wdir_);
    for (int i = 0; i < 2; ++i) {
      const std::string party = i == 0 ? "RU" : "TR", lower = i == 0 ? "ru" : "tr";
      int port = 0;
      Spawn({"witness", "--party", party, "--key", kMission + "/keys/demo/" + lower + "-witness.key", "--state",
             (wdir_ / lower).string(), "--mission", kMission, "--port", "0"},
            &witness_pid_[i], &port);
      witness_args_.push_back("--witness");
      witness_args_.push_back(party + "=http://127.0.0.1:" + std::to_string(port) + "/");
    }
    // On a manual clock no incident settles: no determinations of the
    // center's own, the log grows only by what the test writes.
    manual_clock_ = true;
    extra_args_ = witness_args_;
    // The writer below goes as fast as the center commits: no rate limits.
    extra_args_.insert(extra_args_.end(), {"--write-rate", "0", "--key-rate", "0"});
    Serve::SetUpTestSuite();
  }
  static void TearDownTestSuite() {
    Serve::TearDownTestSuite();
    for (pid_t p : witness_pid_) {
      if (p > 0) ::kill(p, SIGTERM), ::waitpid(p, nullptr, 0);
    }
    std::filesystem::remove_all(wdir_);
  }

  static uint64_t Size(int port) {
    auto res = SignedClient(port).Get("/v1/register/entries?start=0&end=0");
    return res && res->status == 200 ? json::parse(res->body)["size"].get<uint64_t>() : 0;
  }
  static json Cosigners(int port) {
    auto res = SignedClient(port).Get("/v1/register/cosigners");
    if (!res) return json{{"no answer", httplib::to_string(res.error())}};
    return res->status == 200 ? json::parse(res->body) : json{{"status", res->status}, {"body", res->body}};
  }
  static std::string Write(int port, const std::string& id) {
    auto res = SignedClient(port).Post(
        "/v1/reports", Sign(Report(id, "2020-03-10T14:20:00+03:00", 35.84, 36.61)) + "\n", "application/x-ndjson");
    return !res ? "no answer" : res->status == 201 ? "" : std::to_string(res->status) + " " + res->body;
  }

  static inline std::vector<std::string> witness_args_;
  static inline pid_t witness_pid_[2] = {-1, -1};
  static inline std::filesystem::path wdir_;
};

uint64_t EntriesIn(const std::string& out) {
  std::smatch m;
  return std::regex_search(out, m, std::regex("checks out: ([0-9]+) entries")) ? std::stoull(m[1]) : 0;
}

TEST_F(Backup, ACopyTakenUnderWritesRestoresIntoACenterThatExtendsWhatTheWitnessesSaw) {
  std::string batch;
  for (int i = 0; i < 300; ++i)
    batch += Sign(Report("B-" + std::to_string(i), "2020-03-10T14:20:00+03:00", 35.84, 36.61)) + "\n";
  Post("/v1/reports", batch, 201, "application/x-ndjson");

  // The checkpoint both witnesses cosigned before the backup.
  Witnessed();
  json c = Cosigners(port_);
  ASSERT_EQ(c["cosigners"].size(), 2u) << c.dump();
  for (const json& w : c["cosigners"]) ASSERT_EQ(w["cosigned_latest"], true) << c.dump();
  const std::string seen = Client().Get("/v1/register/checkpoint")->body;
  const std::string seen_path = (dir_ / "seen.checkpoint").string();
  std::ofstream(seen_path) << seen;

  // Signed writes, one at a time, all through the backup.
  std::atomic<bool> stop{false};
  std::mutex mu;  // guards the three below
  std::condition_variable progress;
  int written = 0;
  bool failed = false;
  std::string refused;
  // Until the writer has written `n` more, or failed.
  auto written_more = [&](int n) {
    std::unique_lock<std::mutex> lock(mu);
    const int target = written + n;
    progress.wait(lock, [&] { return written >= target || failed; });
  };
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      std::string why = Write(port_, "W-" + std::to_string(i));
      std::lock_guard<std::mutex> lock(mu);
      if (!why.empty()) {
        refused = why;
        failed = true;
      } else {
        ++written;
      }
      progress.notify_all();
      if (failed) return;
    }
  });
  struct Joiner {  // an ASSERT below must not leave the thread running
    std::thread& t;
    std::atomic<bool>& stop;
    ~Joiner() {
      stop = true;
      if (t.joinable()) t.join();
    }
  } joiner{writer, stop};
  written_more(5);
  const uint64_t size_before = Size(port_);
  const std::string db = (dir_ / "center.db").string(), copy = (dir_ / "copy.db").string();
  Outcome backup = Truce("backup --db " + db + " --out " + copy + " --step 1");
  const uint64_t size_after = Size(port_);
  written_more(5);
  stop = true;
  writer.join();
  ASSERT_EQ(backup.code, 0) << backup.out;
  EXPECT_EQ(refused, "");
  EXPECT_GT(size_after, size_before) << "no write went in while the backup ran";
  const uint64_t copied = EntriesIn(backup.out);
  EXPECT_GE(copied, size_before) << backup.out;
  EXPECT_LE(copied, size_after) << backup.out;
  EXPECT_EQ(Truce("backup --db " + db + " --out " + copy).code, 2) << "a backup never overwrites";

  // Restore: refused onto an existing file without --force, and for files
  // that are not truce backups; then into a new file.
  const std::string restored = (dir_ / "restored.db").string();
  Outcome onto = Truce("restore --backup " + copy + " --db " + db);
  EXPECT_NE(onto.code, 0);
  EXPECT_NE(onto.out.find("exists; a restore replaces it"), std::string::npos) << onto.out;
  std::ofstream(dir_ / "text.db") << "not a database\n";
  Outcome text = Truce("restore --backup " + (dir_ / "text.db").string() + " --db " + restored);
  EXPECT_NE(text.out.find("is not a SQLite database"), std::string::npos) << text.out;
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "other.db").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(other);
  Outcome foreign = Truce("restore --backup " + (dir_ / "other.db").string() + " --db " + restored);
  EXPECT_NE(foreign.out.find("not a truce database"), std::string::npos) << foreign.out;
  EXPECT_FALSE(std::filesystem::exists(restored));

  Outcome restore = Truce("restore --backup " + copy + " --db " + restored);
  ASSERT_EQ(restore.code, 0) << restore.out;
  EXPECT_EQ(EntriesIn(restore.out), copied) << restore.out;
  EXPECT_NE(restore.out.find("witnesses"), std::string::npos) << restore.out;

  // The restored center serves, verifies, and extends what the witnesses
  // cosigned before the backup.
  std::vector<std::string> args = {"serve",  "--mission", kMission,         "--db", restored,
                                   "--port", "0",         "--manual-clock", "now"};
  args.insert(args.end(), witness_args_.begin(), witness_args_.end());
  pid_t pid = -1;
  int port = 0;
  ClockChannel restored_clock;
  Spawn(args, &pid, &port, &restored_clock);
  ASSERT_GT(port, 0);
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/v1/register/";
  EXPECT_EQ(Size(port), copied);
  Outcome verify = Truce("verify " + url + " --mission " + kMission + kReader + " --since " + seen_path);
  EXPECT_EQ(verify.code, 0) << verify.out;
  EXPECT_NE(verify.out.find("OK: every entry"), std::string::npos) << verify.out;

  // It takes new writes and carries on from where the backup ended.
  EXPECT_EQ(Write(port, "after-restore-1"), "");
  EXPECT_EQ(Size(port), copied + 1);
  verify = Truce("verify " + url + " --mission " + kMission + kReader + " --since " + seen_path);
  EXPECT_EQ(verify.code, 0) << verify.out;

  // The witnesses saw a larger tree before the restore (the writes after
  // the backup): they do not cosign this one, and say why.
  Command(restored_clock, "witnessed");
  c = Cosigners(port);
  ASSERT_EQ(c["cosigners"].size(), 2u) << c.dump();
  for (const json& w : c["cosigners"]) {
    EXPECT_TRUE(w.contains("last_error")) << c.dump();
    EXPECT_EQ(w["cosigned_latest"], false) << c.dump();
  }

  // A stop signal stops a server on a manual clock too.
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  restored_clock.Close();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the restored center did not stop cleanly";
}

}  // namespace
}  // namespace truce::testing
