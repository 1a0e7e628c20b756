// Writes a register export of N individually signed report entries (each
// party's observer signing its own reports, the demonstration keys of the
// pack), with a checkpoint signed by the pack's log key every 1000 entries:
// the input of the `truce verify` benchmark.
//
//   truce_gen_register --mission DIR --entries N --out EXPORT_DIR
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "truce/mission/mission.h"
#include "truce/register/checkpoint.h"
#include "truce/register/entry.h"
#include "truce/register/log_tree.h"

namespace {

truce::reg::NoteSigner ReadKey(const std::string& path) {
  auto k = truce::reg::ReadSignerKeyFile(path);
  if (!k.ok()) {
    std::fprintf(stderr, "%s\n", k.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(k).value();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Generate a signed register export"};
  std::string mission_dir, out;
  size_t n = 1000;
  app.add_option("--mission", mission_dir)->required();
  app.add_option("--entries", n);
  app.add_option("--out", out)->required();
  CLI11_PARSE(app, argc, argv);
  auto mission = truce::LoadMission(mission_dir);
  if (!mission.ok()) {
    std::fprintf(stderr, "%s\n", mission.status().ToString().c_str());
    return 1;
  }
  const std::string keys = mission_dir + "/keys/demo/";
  truce::reg::NoteSigner signers[2] = {ReadKey(keys + "ru-obs-1.key"), ReadKey(keys + "tr-obs-1.key")};
  const char* parties[2] = {"RU", "TR"};
  truce::reg::NoteSigner log = ReadKey(mission_dir + "/" + mission->log.log_key_file);

  std::vector<std::string> entries(n);
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (size_t i = t; i < n; i += threads) {
        int p = int(i % 2);
        nlohmann::json body = {{"id", "gen-" + std::to_string(i)},
                               {"source", {{"kind", "party"}, {"party", parties[p]}}},
                               {"category", "shelling"},
                               {"observed", {{"start", "2020-03-10T14:20:00+03:00"}}},
                               {"location", {{"lat", 35.5 + 1e-6 * double(i)}, {"lon", 36.6}, {"uncertainty_m", 500}}},
                               {"text", "Generated report for the verify benchmark"}};
        auto e = truce::reg::MakeEntry("report", parties[p], signers[p].verifier().name,
                                       truce::Instant{1583839200000 + int64_t(i), 180}, body, &signers[p]);
        entries[i] = std::move(e->bytes);
      }
    });
  }
  for (auto& th : pool) th.join();

  std::filesystem::create_directories(out);
  truce::reg::LogTree tree;
  std::ofstream ent(out + "/entries.jsonl"), cps(out + "/checkpoints.jsonl");
  std::string newest;
  for (size_t i = 0; i < n; ++i) {
    ent << entries[i] << "\n";
    tree.Append(truce::reg::LeafHash(entries[i]));
    if ((i + 1) % 1000 == 0 || i + 1 == n) {
      newest = *log.Sign(truce::reg::Checkpoint{mission->log.origin, tree.size(), tree.Root(), {}}.Body());
      cps << nlohmann::json{{"size", tree.size()}, {"note", newest}}.dump() << "\n";
    }
  }
  std::ofstream(out + "/checkpoint") << newest;
  nlohmann::json keys_json = nlohmann::json::array();
  for (const auto& k : mission->keys) keys_json.push_back({{"party", k.party}, {"roles", k.roles}, {"key", k.key}});
  std::ofstream(out + "/manifest.json") << nlohmann::json{{"format", "truce-register-export/1"},
                                                          {"mission", mission->id},
                                                          {"origin", mission->log.origin},
                                                          {"log_key", mission->log.log_key},
                                                          {"keys", keys_json},
                                                          {"size", n}}
                                               .dump(2);
  std::printf("wrote %zu signed entries to %s\n", n, out.c_str());
  return 0;
}
