// truce witness: a center party's own witness (C2SP tlog-witness). It runs
// where the party likes, keeps its state in a folder of its own, and
// cosigns the center's checkpoints only while the register only grows.
#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "truce/cli/commands.h"
#include "truce/cli/stop_signals.h"
#include "truce/register/witness.h"

namespace truce::cli {

void AddWitness(CLI::App& app) {
  auto* cmd = app.add_subcommand("witness", "Run a party's witness, which cosigns the center's checkpoints");
  struct Options {
    std::string party, key, state, mission, host = "127.0.0.1";
    int port = 9001;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--party", o->party, "The party this witness speaks for")->required();
  cmd->add_option("--key", o->key, "The witness's key file (truce keys new --witness)")->required();
  cmd->add_option("--state", o->state, "Folder for the checkpoints it has cosigned")->required();
  cmd->add_option("--mission", o->mission, "Mission pack: the log's origin and pinned log key")->required();
  cmd->add_option("--port", o->port, "TCP port; 0 picks a free one (default 9001)")->check(CLI::Range(0, 65535));
  cmd->add_option("--host", o->host, "Address to bind (default 127.0.0.1)");
  cmd->callback([o] {
    BlockStopSignals();
    auto mission = LoadMission(o->mission);
    if (!mission.ok()) throw CLI::RuntimeError(Fail(mission.status()));
    auto key = reg::ReadSignerKeyFile(o->key);
    if (!key.ok()) throw CLI::RuntimeError(Fail(key.status()));
    reg::Cosigner cosigner(*key);
    bool pinned = false;
    for (const PinnedKey& k : mission->keys) {
      pinned |= k.party == o->party && k.key == cosigner.verifier().ToString();
    }
    if (!pinned) {
      std::fprintf(stderr, "truce: warning: %s's pack pins no witness key %s for %s; its cosignatures will not count\n",
                   mission->id.c_str(), cosigner.verifier().ToString().c_str(), o->party.c_str());
    }
    auto log_key = reg::NoteVerifier::Parse(mission->log.log_key);
    if (!log_key.ok()) throw CLI::RuntimeError(Fail(log_key.status()));
    auto witness = reg::Witness::Open(o->state, cosigner, {{mission->log.origin, *log_key}});
    if (!witness.ok()) throw CLI::RuntimeError(Fail(witness.status()));
    httplib::Server http;
    http.set_payload_max_length(64 << 10);
    http.Post("/add-checkpoint", [&](const httplib::Request& req, httplib::Response& res) {
      auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
      reg::WitnessResponse r = (*witness)->AddCheckpoint(req.body, uint64_t(now.count()));
      res.status = r.status;
      res.set_content(r.body, r.content_type);
    });
    http.Get("/checkpoint", [&](const httplib::Request&, httplib::Response& res) {
      auto [size, root] = (*witness)->Latest(mission->log.origin);
      res.set_content(mission->log.origin + " " + std::to_string(size) + "\n", "text/plain");
    });
    int port = o->port == 0 ? http.bind_to_any_port(o->host) : (http.bind_to_port(o->host, o->port) ? o->port : -1);
    if (port <= 0) throw CLI::RuntimeError(Fail(Status::Io("cannot bind " + o->host + ":" + std::to_string(o->port))));
    auto [size, root] = (*witness)->Latest(mission->log.origin);
    std::printf("truce: witness of %s for %s (key %s), holding size %llu\n", o->party.c_str(),
                mission->log.origin.c_str(), cosigner.verifier().name.c_str(), static_cast<unsigned long long>(size));
    std::printf("truce: witness on http://%s:%d/\n", o->host.c_str(), port);
    std::fflush(stdout);
    RunUntilStopSignal([&] { http.listen_after_bind(); }, [&] { http.stop(); });
  });
}

}  // namespace truce::cli
