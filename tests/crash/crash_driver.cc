// The crash test's client (tests/crash/run.sh).
//
//   crash_driver load URL KEY PARTY TAG THREADS ACKED
//     Signs and POSTs one report per request from THREADS threads until
//     SIGTERM; every acknowledged entry is appended to ACKED as
//     "<index> <leaf hash, base64>". A refused connection (the server was
//     killed) is retried.
//   crash_driver check URL VKEY ACKED OLD_CHECKPOINT NEW_CHECKPOINT
//     Every acknowledged entry must be at its index with its hash, the
//     checkpoint must be signed by VKEY, and the tree must extend the
//     checkpoint kept from the last round (a consistency proof).
#include <httplib.h>

#include <signal.h>
#include <nlohmann/json.hpp>
#include "truce/server/request_auth.h"

#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "truce/register/base64.h"
#include "truce/register/checkpoint.h"
#include "truce/register/entry.h"
#include "truce/register/verifier.h"

namespace {

using nlohmann::json;
std::atomic<bool> stop{false};

std::string B64(const truce::reg::Hash& h) {
  return truce::reg::Base64({reinterpret_cast<const char*>(h.data()), h.size()});
}

std::pair<std::string, std::string> Split(const std::string& url) {
  size_t at = url.find('/', url.find("://") + 3);
  return {url.substr(0, at), at == std::string::npos ? "/" : url.substr(at)};
}

int Load(const std::string& url, const std::string& key_file, const std::string& party, const std::string& tag,
         int threads, const std::string& acked_path) {
  auto key = truce::reg::ReadSignerKeyFile(key_file);
  if (!key.ok()) {
    std::fprintf(stderr, "%s\n", key.status().ToString().c_str());
    return 2;
  }
  std::ofstream acked(acked_path, std::ios::app);
  std::mutex mu;
  auto [base, prefix] = Split(url);
  std::vector<std::thread> pool;
  std::atomic<long> done{0};
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      httplib::Client http(base);
      http.set_connection_timeout(1);
      http.set_read_timeout(5);
      for (long i = 0; !stop; ++i) {
        json report = {
            {"id", tag + "-" + std::to_string(t) + "-" + std::to_string(i)},
            {"source", {{"kind", "party"}, {"party", party}}},
            {"category", "shelling"},
            {"observed", {{"start", "2020-03-10T14:20:00+03:00"}}},
            {"location", {{"lat", 35.8 + 0.0001 * double(i % 1000)}, {"lon", 36.6}, {"uncertainty_m", 500}}}};
        auto e = truce::reg::MakeEntry("report", party, key->verifier().name, truce::Instant{1583839200000, 180},
                                       report, &*key);
        auto res = http.Post(prefix + "reports", e->bytes + "\n", "application/x-ndjson");
        if (!res) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          continue;
        }
        if (res->status != 201) {
          std::fprintf(stderr, "unexpected HTTP %d: %s\n", res->status, res->body.substr(0, 300).c_str());
          continue;
        }
        json body = json::parse(res->body, nullptr, false);
        if (body.is_discarded() || body["entries"].empty()) continue;
        std::lock_guard lock(mu);
        acked << body["entries"][0]["index"].get<uint64_t>() << " " << B64(e->leaf_hash()) << "\n";
        acked.flush();
        ++done;
      }
    });
  }
  for (auto& th : pool) th.join();
  std::fprintf(stderr, "crash_driver: %ld entries acknowledged\n", done.load());
  return 0;
}

int Check(const std::string& url, const std::string& vkey, const std::string& key_path, const std::string& acked_path,
          const std::string& old_path, const std::string& new_path) {
  auto [base, prefix] = Split(url);
  httplib::Client client(base);
  client.set_read_timeout(30);
  client.set_url_encode(false);  // the target goes out as it was signed
  // The register is for the center's officers: each read is signed.
  auto key = truce::reg::ReadSignerKeyFile(key_path);
  if (!key.ok()) {
    std::fprintf(stderr, "crash_driver: %s\n", key.status().ToString().c_str());
    return 2;
  }
  struct Signed {
    httplib::Client& c;
    const truce::reg::NoteSigner& k;
    httplib::Result Get(const std::string& target) {
      const int64_t now = truce::SystemClock::Instance().NowMs() / 1000;
      return c.Get(target, {{"Authorization", truce::server::SignRequest(k, "GET", target, now)}});
    }
  } http{client, *key};
  auto fail = [](const std::string& why) {
    std::fprintf(stderr, "CRASH TEST FAILED: %s\n", why.c_str());
    return 1;
  };
  auto res = http.Get(prefix + "register/checkpoint");
  if (!res || res->status != 200) return fail("no checkpoint after restart");
  auto log_key = truce::reg::NoteVerifier::Parse(vkey);
  auto note = truce::reg::ParseNote(res->body);
  if (!log_key.ok() || !note.ok() || !truce::reg::VerifySignature(*note, note->signatures[0], *log_key)) {
    return fail("the checkpoint is not signed by the log key");
  }
  auto cp = truce::reg::ParseCheckpoint(note->text);
  // Every acknowledged entry, at its index, with its hash.
  std::map<uint64_t, std::string> want;
  std::ifstream in(acked_path);
  uint64_t index;
  std::string hash;
  while (in >> index >> hash) want[index] = hash;
  uint64_t checked = 0;
  for (auto it = want.begin(); it != want.end();) {
    uint64_t start = it->first;
    auto page =
        http.Get(prefix + "register/entries?start=" + std::to_string(start) + "&end=" + std::to_string(start + 1000));
    if (!page || page->status != 200) return fail("cannot read entries from " + std::to_string(start));
    std::map<uint64_t, std::string> have;
    const json listing = json::parse(page->body);  // kept: the loop reads into it
    for (const auto& e : listing["entries"]) {
      have[e["index"].get<uint64_t>()] = e["leaf_hash"].get<std::string>();
    }
    for (; it != want.end() && it->first < start + 1000; ++it) {
      if (it->first >= cp->size) return fail("acknowledged entry " + std::to_string(it->first) + " is beyond the tree");
      if (have[it->first] != it->second) {
        return fail("acknowledged entry " + std::to_string(it->first) + " is lost or changed (" + it->second +
                    " acknowledged, " + (have[it->first].empty() ? std::string("nothing") : have[it->first]) +
                    " there)");
      }
      ++checked;
    }
  }
  // The tree extends the one kept from before the crash.
  std::ifstream old_in(old_path);
  if (old_in) {
    std::string old_text((std::istreambuf_iterator<char>(old_in)), std::istreambuf_iterator<char>());
    auto old_note = truce::reg::ParseNote(old_text);
    auto old_cp = truce::reg::ParseCheckpoint(old_note->text);
    if (old_cp->size > cp->size) return fail("the tree shrank from " + std::to_string(old_cp->size));
    auto proof_res = http.Get(prefix + "register/proof/consistency?old=" + std::to_string(old_cp->size) +
                              "&new=" + std::to_string(cp->size));
    if (!proof_res || proof_res->status != 200) return fail("no consistency proof");
    std::vector<truce::reg::Hash> proof;
    const json proof_json = json::parse(proof_res->body);
    for (const auto& h : proof_json["proof"]) {
      auto raw = truce::reg::Unbase64(h.get<std::string>(), "proof");
      std::memcpy(proof.emplace_back().data(), raw->data(), 32);
    }
    if (old_cp->size > 0) {
      auto st = truce::reg::VerifyConsistency(old_cp->size, cp->size, old_cp->root, cp->root, proof);
      if (!st.ok()) return fail("the tree does not extend the last checkpoint: " + st.message());
    }
  }
  std::ofstream(new_path) << res->body;
  std::printf("crash check: %llu acknowledged entries present, tree %llu extends the last checkpoint\n",
              static_cast<unsigned long long>(checked), static_cast<unsigned long long>(cp->size));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGTERM, [](int) { stop = true; });
  signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> a(argv + 1, argv + argc);
  if (a.size() == 7 && a[0] == "load") return Load(a[1], a[2], a[3], a[4], std::stoi(a[5]), a[6]);
  if (a.size() == 7 && a[0] == "check") return Check(a[1], a[2], a[3], a[4], a[5], a[6]);
  std::fprintf(stderr, "usage: crash_driver load URL KEY PARTY TAG THREADS ACKED | check URL VKEY KEY ACKED OLD NEW\n");
  return 2;
}
