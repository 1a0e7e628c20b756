// The request path on arbitrary requests: every handler of `truce serve`
// (docs/API.md) behind the route table, driven without a socket. The input
// is a request as it would arrive: "METHOD TARGET", header lines, a blank
// line, then the body. Every answer must be a status from 200 to 599 with
// a JSON body when it says so, and nothing may crash or hang.
//
// "@SESSION@" anywhere in the input stands for the token of a live sign-in
// session (of the mini pack's tr-obs), made through the server's own
// sign-in: so a Cookie header reaches past the session check into the
// routes only an officer may call (presence bodies among them).
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

#include "truce/center/test_center.h"
#include "truce/findings/live_findings.h"
#include "truce/register/base64.h"
#include "truce/server/http_server.h"
#include "truce/server/sessions.h"

namespace {

struct Served {
  std::unique_ptr<truce::Center> center;
  std::unique_ptr<truce::LiveFindings> findings;
  std::unique_ptr<truce::server::HttpServer> server;
  std::string session;  // a live session's token
  int64_t session_ms = 0;
};

truce::server::HttpResponse Call(truce::server::HttpServer& server, const std::string& path, const std::string& body) {
  truce::server::HttpRequest req;
  req.method = "POST";
  req.target = req.path = path;
  req.body = body;
  req.peer = "127.0.0.1";
  truce::server::HttpResponse res;
  server.Handle(req, res);
  return res;
}

// Signs tr-obs in as a browser would, once an hour (sessions last 8).
const std::string& Session(Served& s) {
  const int64_t now = truce::SystemClock::Instance().NowMs();
  if (!s.session.empty() && now - s.session_ms < 3600'000) return s.session;
  auto challenge = nlohmann::json::parse(Call(*s.server, "/v1/session/challenge", "").body)["challenge"];
  auto key = truce::reg::NoteSigner::Parse(truce::testing::MiniSignerKey("tr-obs")).value();
  const std::string sig = truce::reg::Base64(key.SignBytes(truce::server::SignInMessage(challenge.get<std::string>())));
  auto res =
      Call(*s.server, "/v1/session", nlohmann::json{{"key", "tr-obs"}, {"challenge", challenge}, {"sig", sig}}.dump());
  for (const auto& [name, value] : res.headers) {
    if (name == "Set-Cookie") s.session = value.substr(value.find('=') + 1, value.find(';') - value.find('=') - 1);
  }
  if (s.session.empty()) std::abort();  // the sign-in itself is broken
  s.session_ms = now;
  return s.session;
}

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
  std::string input(reinterpret_cast<const char*>(data), size);
  for (size_t at = 0; (at = input.find("@SESSION@", at)) != std::string::npos;) {
    input.replace(at, 9, Session(Server()));
    at += 9;
  }
  std::string_view in(input);
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
