// truce witness: a center party's own witness (C2SP tlog-witness). It runs
// where the party likes, keeps its state in a folder of its own, and
// cosigns the center's checkpoints only while the register only grows.
#include <chrono>
#include <cstdio>
#include <thread>

#include "truce/cli/commands.h"
#include "truce/cli/stop_signals.h"
#include "truce/register/witness.h"
#include "truce/server/http_listener.h"
#include "truce/server/router.h"

namespace truce::cli {

void AddWitness(CLI::App& app) {
  auto* cmd = app.add_subcommand("witness", "Run a party's witness, which cosigns the center's checkpoints");
  struct Options {
    std::string party, key, state, mission, host = "127.0.0.1", tls_cert, tls_key;
    int port = 9001;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--party", o->party, "The party this witness speaks for")->required();
  cmd->add_option("--key", o->key, "The witness's key file (truce keys new --witness)")->required();
  cmd->add_option("--state", o->state, "Folder for the checkpoints it has cosigned")->required();
  cmd->add_option("--mission", o->mission, "Mission pack: the log's origin and pinned log key")->required();
  cmd->add_option("--port", o->port, "TCP port; 0 picks a free one (default 9001)")->check(CLI::Range(0, 65535));
  cmd->add_option("--host", o->host, "Address to bind (default 127.0.0.1)");
  cmd->add_option("--tls-cert", o->tls_cert, "Serve HTTPS with this certificate chain (PEM)");
  cmd->add_option("--tls-key", o->tls_key, "The certificate's private key (PEM)");
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
    server::Router router;
    router.Add("POST", "/add-checkpoint", [&](const auto& req, const auto&, server::HttpResponse& res) {
      auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
      reg::WitnessResponse r = (*witness)->AddCheckpoint(req.body, uint64_t(now.count()));
      res.status = r.status;
      res.body = r.body;
      res.content_type = r.content_type;
    });
    router.Add("GET", "/checkpoint", [&](const auto&, const auto&, server::HttpResponse& res) {
      auto [size, root] = (*witness)->Latest(mission->log.origin);
      res.body = mission->log.origin + " " + std::to_string(size) + "\n";
      res.content_type = "text/plain";
    });
    // A witness answers one center: small bodies, few workers.
    server::HttpLimits limits;
    limits.max_body_bytes = 64 << 10;
    limits.max_bodies_in_flight = 4 << 20;
    limits.workers = 2;
    server::HttpListener http(limits, [&](const auto& req, auto& res) { router.Dispatch(req, res); });
    if (!o->tls_cert.empty() || !o->tls_key.empty()) {
      if (o->tls_cert.empty() || o->tls_key.empty()) {
        throw CLI::RuntimeError(Fail(Status::Invalid("HTTPS needs both --tls-cert and --tls-key")));
      }
      if (Status st = http.UseTls(o->tls_cert, o->tls_key); !st.ok()) throw CLI::RuntimeError(Fail(st));
    }
    auto port = http.Bind(o->host, o->port);
    if (!port.ok()) throw CLI::RuntimeError(Fail(port.status()));
    auto [size, root] = (*witness)->Latest(mission->log.origin);
    std::printf("truce: witness of %s for %s (key %s), holding size %llu\n", o->party.c_str(),
                mission->log.origin.c_str(), cosigner.verifier().name.c_str(), static_cast<unsigned long long>(size));
    std::printf("truce: witness on %s://%s:%d/\n", http.tls() ? "https" : "http", o->host.c_str(), *port);
    std::fflush(stdout);
    RunUntilStopSignal([&] { http.Run(); }, [&] { http.Stop(); });
  });
}

}  // namespace truce::cli
