// Individually signed, durable appends from concurrent HTTP clients: each
// client posts one signed report entry per request (keep-alive), and each
// answer comes only after the entry is fsync'd (group commit). Entries are
// signed before the clock starts, as officers' devices would.
//
//   truce_bench_register_http --url http://127.0.0.1:PORT/v1/ --key FILE --party P
//                             --entries N --clients C
#include <httplib.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "truce/register/entry.h"

int main(int argc, char** argv) {
  CLI::App app{"Benchmark signed appends over HTTP"};
  std::string url, key_path, party, tag = "http";
  size_t n = 10000;
  int clients = 16;
  app.add_option("--url", url)->required();
  app.add_option("--key", key_path)->required();
  app.add_option("--party", party)->required();
  app.add_option("--entries", n);
  app.add_option("--clients", clients);
  app.add_option("--tag", tag);
  CLI11_PARSE(app, argc, argv);
  auto key = truce::reg::ReadSignerKeyFile(key_path);
  if (!key.ok()) return 1;
  std::vector<std::string> bodies(n);
  for (size_t i = 0; i < n; ++i) {
    nlohmann::json report = {{"id", tag + "-" + std::to_string(i)},
                             {"source", {{"kind", "party"}, {"party", party}}},
                             {"category", "shelling"},
                             {"observed", {{"start", "2020-03-10T14:20:00+03:00"}}},
                             {"location", {{"lat", 35.5 + 1e-6 * double(i)}, {"lon", 36.6}, {"uncertainty_m", 500}}}};
    bodies[i] =
        truce::reg::MakeEntry("report", party, key->verifier().name, truce::Instant{1583839200000, 180}, report, &*key)
            ->bytes +
        "\n";
  }
  size_t at = url.find('/', url.find("://") + 3);
  std::string base = url.substr(0, at), prefix = url.substr(at);
  std::atomic<size_t> next{0}, ok{0}, failed{0};
  std::vector<std::vector<double>> latency(static_cast<size_t>(clients));
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (int c = 0; c < clients; ++c) {
    pool.emplace_back([&, c] {
      httplib::Client http(base);
      http.set_keep_alive(true);
      http.set_tcp_nodelay(true);
      http.set_read_timeout(60);
      for (size_t i; (i = next++) < n;) {
        auto s = std::chrono::steady_clock::now();
        auto res = http.Post(prefix + "reports", bodies[i], "application/x-ndjson");
        latency[size_t(c)].push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - s).count());
        if (res && res->status == 201) {
          ++ok;
        } else if (failed++ < 3) {
          std::fprintf(stderr, "failed: %s\n",
                       res ? (std::to_string(res->status) + " " + res->body.substr(0, 200)).c_str()
                           : httplib::to_string(res.error()).c_str());
        }
      }
    });
  }
  for (auto& th : pool) th.join();
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::vector<double> all;
  for (auto& l : latency) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0 : all[std::min(all.size() - 1, size_t(p * double(all.size())))];
  };
  std::printf(
      "%zu signed appends from %d clients in %.2f s: %.0f appends/s, latency p50 %.1f ms, p99 %.1f ms, "
      "%zu failed\n",
      ok.load(), clients, secs, double(ok) / secs, pct(0.5), pct(0.99), failed.load());
  return failed == 0 ? 0 : 1;
}
