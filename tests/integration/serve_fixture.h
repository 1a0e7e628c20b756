// A real `truce serve` for integration tests: started once per test suite
// on a free loopback port with a fresh SQLite file, stopped with SIGTERM.
//
// A suite that sets `manual_clock_` runs the server on a clock that moves
// only when the test says (`truce serve --manual-clock`,
// src/truce/cli/clock_commands.h): Advance(ms) moves it, SyncFindings()
// and Witnessed() return once the findings, or the cosigning, have taken
// the step the writes and the time so far call for. So no test waits for
// time to pass or polls the server for a change; the server is stopped by
// the end of its stdin.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "truce/register/entry.h"
#include "truce/server/request_auth.h"

namespace truce::testing {

using nlohmann::json;

// The commands of a server on a manual clock: its stdin and its stdout.
struct ClockChannel {
  FILE* to = nullptr;
  FILE* from = nullptr;
  void Close() {
    if (to) std::fclose(to);
    if (from) std::fclose(from);
    to = from = nullptr;
  }
};

class Serve : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("truce-serve-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::string mission = std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020";
    std::string db = (dir_ / "center.db").string();
    std::vector<std::string> args = {"serve", "--mission", mission, "--db", db, "--port", "0"};
    if (manual_clock_) args.insert(args.end(), {"--manual-clock", "now"});
    args.insert(args.end(), extra_args_.begin(), extra_args_.end());
    Spawn(args, &pid_, &port_, manual_clock_ ? &clock_ : nullptr);
    ASSERT_GT(port_, 0) << "truce serve did not print its URL";
    if (manual_clock_) Advance(0);  // reads the clock's start
  }

  // Starts `truce ARGS` and waits for the URL it prints once bound
  // ("... on http://127.0.0.1:PORT/"): its pid and port. With `clock`, its
  // stdin and the rest of its stdout are kept there for Command. Every pipe
  // is closed on exec, so no other child holds a server's stdin open.
  static void Spawn(const std::vector<std::string>& args, pid_t* pid, int* port, ClockChannel* clock = nullptr) {
    int out[2], in[2] = {-1, -1};
    ASSERT_EQ(::pipe2(out, O_CLOEXEC), 0);
    if (clock) {
      ASSERT_EQ(::pipe2(in, O_CLOEXEC), 0);
    }
    *pid = ::fork();
    if (*pid == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      if (clock) ::dup2(in[0], STDIN_FILENO);
      std::vector<std::string> all = {"truce"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(TRUCE_BINARY, argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    if (clock) ::close(in[0]);
    FILE* f = ::fdopen(out[0], "r");
    if (clock) *clock = {::fdopen(in[1], "w"), f};
    char line[512];
    *port = 0;
    while (std::fgets(line, sizeof line, f)) {
      std::string s(line);
      for (std::string scheme : {"http://127.0.0.1:", "https://127.0.0.1:"}) {
        auto at = s.find(scheme);
        if (at != std::string::npos) *port = std::stoi(s.substr(at + scheme.size()));
      }
      if (*port > 0) break;
    }
    ASSERT_GT(*port, 0) << "truce " << args[0] << " did not print its URL";
  }

  // Sends one command to a server on a manual clock: its answer line,
  // "clock MS" or "error: ...", without the newline ("" for none).
  static std::string Answer(ClockChannel& clock, const std::string& command) {
    if (!clock.to || std::fprintf(clock.to, "%s\n", command.c_str()) < 0 || std::fflush(clock.to) != 0) return "";
    char line[512];
    while (std::fgets(line, sizeof line, clock.from)) {
      std::string s(line);
      if (!s.empty() && s.back() == '\n') s.pop_back();
      if (s.rfind("clock ", 0) == 0 || s.rfind("error", 0) == 0) return s;
    }
    return "";
  }

  // The same, for a command that must succeed: the server's clock after it
  // (ms since the epoch), or -1.
  static int64_t Command(ClockChannel& clock, const std::string& command) {
    const std::string answer = Answer(clock, command);
    if (answer.rfind("clock ", 0) == 0) return std::stoll(answer.substr(6));
    ADD_FAILURE() << command << ": " << (answer.empty() ? "no answer from the server" : answer);
    return -1;
  }

  // The server's clock moves `ms` on: rate limits refill, signed requests
  // age, incidents settle (once SyncFindings has seen it).
  static void Advance(int64_t ms) {
    int64_t now = Command(clock_, "advance " + std::to_string(ms));
    if (now >= 0) now_ms_ = now;
  }
  // Returns once the findings have caught up with every write before it.
  static void SyncFindings() { Command(clock_, "sync"); }
  // Returns once each witness that had not cosigned the newest checkpoint
  // has been sent it and has answered.
  static void Witnessed() { Command(clock_, "witnessed"); }

  static void TearDownTestSuite() {
    if (pid_ > 0) {
      // A server on a manual clock stops at the end of its stdin.
      if (clock_.to) {
        std::fclose(clock_.to);
        clock_.to = nullptr;
      } else {
        ::kill(pid_, SIGTERM);
      }
      int status = 0;
      ::waitpid(pid_, &status, 0);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "truce serve did not stop cleanly";
    }
    clock_.Close();
    std::filesystem::remove_all(dir_);
    extra_args_.clear();
    manual_clock_ = false;
    now_ms_ = 0;
  }

  // A client of the server that signs each GET as an officer (tr-obs-1)
  // would, as reading reports and findings needs (docs/API.md, "Who may
  // read"). Writes carry their own signatures in their entries.
  class SignedClient {
   public:
    // Targets go out as they are signed, not re-encoded by the client.
    explicit SignedClient(int port, std::string key = "tr-obs-1") : http_("127.0.0.1", port), key_(std::move(key)) {
      http_.set_url_encode(false);
    }
    httplib::Result Get(const std::string& target, httplib::Headers headers = {}) {
      headers.emplace("Authorization", Authorization("GET", target, key_));
      return http_.Get(target, headers);
    }
    httplib::Result Get(const std::string& target, httplib::ContentReceiver receiver) {
      return http_.Get(target, {{"Authorization", Authorization("GET", target, key_)}}, std::move(receiver));
    }
    httplib::Result Post(const std::string& target, const std::string& body, const std::string& type) {
      return http_.Post(target, body, type);
    }
    // A POST as an officer (the fixes of a patrol vehicle), not a signed entry.
    httplib::Result PostSigned(const std::string& target, const std::string& body, const std::string& type) {
      return http_.Post(target, {{"Authorization", Authorization("POST", target, key_)}}, body, type);
    }
    httplib::Result Delete(const std::string& target) { return http_.Delete(target); }
    httplib::Client& http() { return http_; }
    void set_read_timeout(time_t s) { http_.set_read_timeout(s, 0); }

   private:
    httplib::Client http_;
    std::string key_;
  };

  // Starts the server on a manual clock and sends it a day of the Idlib
  // scenario (`truce sim --seed S`), as each party's officers would. The
  // clock stands still meanwhile, so every write goes in (no rate limit
  // refills, so none is set) and no incident settles before the whole day
  // is in; then the settle time passes and the center proposes each one's
  // determination once. Nothing is written after, so a suite's incidents
  // do not merge away under it.
  static void ServeSimulatedDay(int seed) {
    manual_clock_ = true;
    extra_args_ = {"--settle", "30", "--write-rate", "0", "--key-rate", "0"};
    Serve::SetUpTestSuite();
    const std::string m = std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020";
    std::string cmd = std::string(TRUCE_BINARY) + " sim --mission " + m + " --seed " + std::to_string(seed) +
                      " --days 1 --rate 5000 --serve http://127.0.0.1:" + std::to_string(port_) + " --key " + m +
                      "/keys/demo/ru-obs-1.key --key " + m + "/keys/demo/tr-obs-1.key > /dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    SyncFindings();
    Advance(30'000);
    SyncFindings();
  }

  SignedClient Client() { return SignedClient(port_); }

  // The Authorization header of an officer's signed request, at the
  // server's time.
  static std::string Authorization(const std::string& method, const std::string& target,
                                   const std::string& key = "tr-obs-1") {
    const int64_t now_ms = now_ms_ > 0 ? now_ms_ : truce::SystemClock::Instance().NowMs();
    return truce::server::SignRequest(Key(key), method, target, now_ms / 1000);
  }

  json Get(const std::string& path, int expect = 200) {
    auto res = Client().Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expect) << path << ": " << res->body;
    return json::parse(res->body);
  }

  json Post(const std::string& path, const std::string& body, int expect,
            const std::string& type = "application/json") {
    auto res = Client().Post(path, body, type);
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, expect) << path << ": " << res->body;
    return json::parse(res->body);
  }

  int64_t Count() { return Get("/healthz")["reports"].get<int64_t>(); }

  // The register's size as the server reports it.
  uint64_t RegisterSize() { return Get("/v1/register/entries?start=0&end=0")["size"].get<uint64_t>(); }

  // The pack's demonstration keys.
  static truce::reg::NoteSigner Key(const std::string& name) {
    auto k = truce::reg::ReadSignerKeyFile(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020/keys/demo/" + name +
                                           ".key");
    EXPECT_TRUE(k.ok()) << name << ": " << k.status().ToString();
    return std::move(k).value();
  }

  // A report (any JSON form) as an entry signed by `key` for `party`.
  static std::string Sign(const std::string& report, const std::string& key = "tr-obs-1",
                          const std::string& party = "TR", const std::string& kind = "report") {
    auto k = Key(key);
    auto e = truce::reg::MakeEntry(kind, party, key, truce::Instant{1583839200000, 180}, json::parse(report), &k);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e->bytes;
  }

  static std::string Report(const std::string& id, const std::string& start, double lat, double lon) {
    return json{{"id", id},
                {"source", {{"kind", "party"}, {"party", "TR"}}},
                {"category", "shelling"},
                {"observed", {{"start", start}}},
                {"location", {{"lat", lat}, {"lon", lon}, {"uncertainty_m", 500}}},
                {"blames", "SY-GOV"},
                {"text", "Artillery shelling north of Ariha"}}
        .dump();
  }

  // Set by a suite before SetUpTestSuite for more `truce serve` options,
  // and to run it on a manual clock.
  static inline std::vector<std::string> extra_args_;
  static inline bool manual_clock_ = false;
  static inline ClockChannel clock_;
  static inline int64_t now_ms_ = 0;  // the manual clock's last reading
  static inline std::filesystem::path dir_;
  static inline pid_t pid_ = -1;
  static inline int port_ = 0;
};

}  // namespace truce::testing
