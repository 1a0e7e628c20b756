// The request path on arbitrary requests: every handler of `truce serve`
// (docs/API.md) behind the route table, driven without a socket. The input
// is a request as it would arrive: "METHOD TARGET", header lines, a blank
// line, then the body. Every answer must be a status from 200 to 599 with
// a JSON body when it says so, and nothing may crash or hang.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

#include "truce/center/test_center.h"
#include "truce/findings/live_findings.h"
#include "truce/server/http_server.h"

namespace {

struct Served {
  std::unique_ptr<truce::Center> center;
  std::unique_ptr<truce::LiveFindings> findings;
  std::unique_ptr<truce::server::HttpServer> server;
};

Served& Server() {
  static Served* s = [] {
    auto dir = std::filesystem::temp_directory_path() / ("truce-fuzz-http-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto* served = new Served;
    // Reads open to anyone: an input cannot carry an officer's signature
    // (it signs the server's time), and the read routes' parameters
    // (filters, bbox, zoom, bins) are what is to be reached.
    truce::Mission mission = truce::testing::MiniMission();
    mission.access.public_reads = true;
    served->center =
        std::move(truce::Center::Open(std::move(mission),
                                      std::move(truce::OpenSqliteStore((dir / "center.db").string())).value(),
                                      truce::reg::NoteSigner::Parse(truce::testing::MiniSignerKey("mini-log")).value()))
            .value();
    truce::LiveOptions live;
    live.settle_ms = 0;
    served->findings = std::move(truce::LiveFindings::Start(served->center.get(), live)).value();
    truce::server::ServeOptions options;
    options.writes_per_second = 0;  // every input is looked at, none throttled
    options.key_entries_per_second = 0;
    options.limits.workers = 1;
    served->server =
        std::make_unique<truce::server::HttpServer>(*served->center, nullptr, served->findings.get(), options);
    return served;
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  truce::server::HttpRequest req;
  size_t eol = in.find('\n');
  std::string_view line = in.substr(0, eol);
  size_t sp = line.find(' ');
  if (sp == std::string_view::npos) return 0;
  req.method = std::string(line.substr(0, sp));
  req.target = std::string(line.substr(sp + 1));
  if (req.target.empty() || req.target[0] != '/') return 0;
  size_t q = req.target.find('?');
  req.path = req.target.substr(0, q);
  if (q != std::string::npos) req.query = req.target.substr(q + 1);
  size_t at = eol == std::string_view::npos ? in.size() : eol + 1;
  while (at < in.size()) {
    size_t next = in.find('\n', at);
    std::string_view h = in.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at);
    at = next == std::string_view::npos ? in.size() : next + 1;
    if (h.empty()) break;
    size_t colon = h.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name(h.substr(0, colon));
    for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), std::string(h.substr(colon + 1)));
  }
  req.body = std::string(in.substr(std::min(at, in.size())));
  req.peer = "127.0.0.1";

  truce::server::HttpResponse res;
  Server().server->Handle(req, res);
  if (res.status < 200 || res.status > 599) std::abort();
  if (res.stream) {
    std::string out;
    (void)res.stream(&out);
    if (res.on_stream_end) res.on_stream_end();
  } else if (res.content_type == "application/json" && nlohmann::json::parse(res.body, nullptr, false).is_discarded()) {
    std::abort();
  }
  return 0;
}
