// truce serve: the HTTP API on a port, loopback unless told otherwise.
#include <cstdio>
#include <filesystem>
#include <thread>

#include "truce/cli/clock_commands.h"
#include "truce/cli/commands.h"
#include "truce/cli/stop_signals.h"
#include "truce/server/http_server.h"

namespace truce::cli {
namespace {

// web/ beside the program: where the build puts the dashboard.
std::string DefaultWebDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("web") : (exe.parent_path() / "web").string();
}

}  // namespace

void AddServe(CLI::App& app) {
  auto* cmd = app.add_subcommand("serve", "Run the monitoring center's HTTP API");
  struct Options {
    std::string mission, db, host = "127.0.0.1", log_key, tls_cert, tls_key;
    double write_rate = 50, write_burst = 200, key_rate = 200, key_burst = 2000;
    std::vector<std::string> witnesses, witness_pins;
    std::string witness_ca, manual_clock, web;
    int port = 8080;
    double settle_s = 30;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--mission", o->mission, "Mission pack folder (needed when the database is new)");
  cmd->add_option("--db", o->db, "SQLite database file; created when missing")->required();
  cmd->add_option("--port", o->port, "TCP port; 0 picks a free one (default 8080)")->check(CLI::Range(0, 65535));
  cmd->add_option("--host", o->host, "Address to bind (default 127.0.0.1, loopback only)");
  cmd->add_option("--tls-cert", o->tls_cert, "Serve HTTPS with this certificate chain (PEM)");
  cmd->add_option("--tls-key", o->tls_key, "The certificate's private key (PEM)");
  cmd->add_option("--write-rate", o->write_rate,
                  "Write requests a client address may make each second (default 50; 0: no limit)")
      ->check(CLI::Range(0.0, 1e6));
  cmd->add_option("--write-burst", o->write_burst, "... and at once, after a quiet spell (default 200)")
      ->check(CLI::Range(1.0, 1e6));
  cmd->add_option("--witness", o->witnesses, "A party's witness to send checkpoints to: PARTY=URL (repeatable)");
  cmd->add_option("--key-rate", o->key_rate,
                  "Entries one signing key may have appended each second (default 200; 0: no limit)")
      ->check(CLI::Range(0.0, 1e7));
  cmd->add_option("--key-burst", o->key_burst, "... and at once, after a quiet spell (default 2000)")
      ->check(CLI::Range(1.0, 1e8));
  cmd->add_option("--witness-ca", o->witness_ca, "For https:// witnesses: the CA certificates (PEM) theirs chain to");
  cmd->add_option("--witness-pin", o->witness_pins,
                  "For an https:// witness: PARTY=sha256/BASE64, its server's public key (repeatable)");
  cmd->add_option("--log-key", o->log_key,
                  "The center's log key, to sign checkpoints (default: $TRUCE_LOG_KEY, "
                  "or the pack's demonstration key)");
  cmd->add_option("--settle", o->settle_s,
                  "Seconds an incident must stay unchanged before the center proposes its determination (default 30)")
      ->check(CLI::Range(0.0, 86400.0));
  cmd->add_option("--manual-clock", o->manual_clock,
                  "For tests: run on a clock that moves only when told, from `now` or an RFC 3339 time; "
                  "commands on stdin (advance MS, sync, witnessed), and the end of stdin stops the server");
  cmd->add_option("--web", o->web,
                  "The dashboard's build folder, served at / (default: web/ beside the truce program, "
                  "where bash scripts/build.sh puts it)");
  cmd->callback([o] {
    BlockStopSignals();

    std::unique_ptr<ManualClock> manual;
    if (!o->manual_clock.empty()) {
      auto start = ManualClockStart(o->manual_clock);
      if (!start.ok()) throw CLI::RuntimeError(Fail(start.status()));
      manual = std::make_unique<ManualClock>(*start);
    }
    const Clock& clock = manual ? static_cast<const Clock&>(*manual) : SystemClock::Instance();
    auto center = OpenCenter(o->db, o->mission, true, o->log_key, clock);
    if (!center.ok()) throw CLI::RuntimeError(Fail(center.status()));
    // The zone index is built now, so the first report is not slow and a
    // broken zone is found before the center is up.
    if (auto tagger = (*center)->tagger(); !tagger.ok()) throw CLI::RuntimeError(Fail(tagger.status()));
    std::vector<server::WitnessTarget> targets;
    for (const auto& spec : o->witnesses) {
      auto t = server::ParseWitnessTarget(spec, (*center)->mission());
      if (!t.ok()) throw CLI::RuntimeError(Fail(t.status()));
      t->trust.ca_file = o->witness_ca;
      for (const std::string& pin : o->witness_pins) {
        if (pin.rfind(t->party + "=", 0) == 0) t->trust.pin = pin.substr(t->party.size() + 1);
      }
      targets.push_back(std::move(t).value());
    }
    std::unique_ptr<server::Cosigning> cosigning;
    if (!targets.empty())
      cosigning = std::make_unique<server::Cosigning>((*center)->registrar(), std::move(targets), clock);
    LiveOptions live;
    live.settle_ms = int64_t(o->settle_s * 1000);
    auto findings = LiveFindings::Start(center->get(), live);
    if (!findings.ok()) throw CLI::RuntimeError(Fail(findings.status()));
    server::ServeOptions serve;
    serve.tls_cert = o->tls_cert;
    serve.tls_key = o->tls_key;
    serve.writes_per_second = o->write_rate;
    serve.write_burst = o->write_burst;
    serve.key_entries_per_second = o->key_rate;
    serve.key_entry_burst = o->key_burst;
    serve.clock = &clock;
    serve.web_dir = o->web.empty() ? DefaultWebDir() : o->web;
    server::HttpServer http(**center, cosigning.get(), findings->get(), serve);
    auto port = http.Bind(o->host, o->port);
    if (!port.ok()) throw CLI::RuntimeError(Fail(port.status()));
    std::string host = o->host.find(':') != std::string::npos ? "[" + o->host + "]" : o->host;
    std::printf("truce: mission %s (%s), database %s\n", (*center)->mission().id.c_str(),
                (*center)->mission().name.c_str(), o->db.c_str());
    std::printf("truce: register %s, %llu entries, log key %s\n", (*center)->registrar().origin().c_str(),
                static_cast<unsigned long long>((*center)->registrar().size()),
                (*center)->registrar().log_verifier().name.c_str());
    std::printf("truce: serving on %s://%s:%d/\n", http.tls() ? "https" : "http", host.c_str(), *port);
    if (Status web = http.dashboard(); !web.ok()) std::printf("truce: no dashboard at /: %s\n", web.message().c_str());
    std::fflush(stdout);
    std::unique_ptr<ClockCommands> commands;
    if (manual) {
      commands = std::make_unique<ClockCommands>(*manual, findings->get(), cosigning.get(), [&] { http.Stop(); });
    }
    RunUntilStopSignal([&] { http.Run(); }, [&] { http.Stop(); });
    commands.reset();
    std::printf("truce: stopped\n");
  });
}

}  // namespace truce::cli
