// truce verify: check a register export, or a live server's tlog-tiles,
// with nothing but the keys the mission pack pins.
#include <httplib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "truce/cli/commands.h"
#include "truce/cli/progress.h"
#include "truce/cli/server_access.h"
#include "truce/mission/trust.h"
#include "truce/register/checkpoint.h"
#include "truce/register/export.h"
#include "truce/register/tiles.h"
#include "truce/server/request_auth.h"

namespace truce::cli {
namespace {

// Reads a live register over C2SP tlog-tiles: the checkpoint, then every
// entry bundle up to its size.
Status AuditLive(const std::string& url, const ServerAccess& access, reg::Audit* audit,
                 const std::function<void(uint64_t, uint64_t)>& progress) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return Status::Invalid(url + ": give a URL like http://host:port/v1/register/");
  size_t path_at = url.find('/', scheme + 3);
  std::string prefix = path_at == std::string::npos ? "/" : url.substr(path_at);
  if (prefix.back() != '/') prefix += '/';
  TRUCE_ASSIGN_OR_RETURN(server::HttpClient client, server::HttpClient::Open(url, access.trust()));
  const std::string base = client.base();
  std::optional<reg::NoteSigner> reader;
  if (!access.key.empty()) {
    TRUCE_ASSIGN_OR_RETURN(reg::NoteSigner k, reg::ReadSignerKeyFile(access.key));
    reader = std::move(k);
  }
  httplib::ClientImpl& http = client.http();
  http.set_connection_timeout(10);
  http.set_read_timeout(60);
  auto get = [&](const std::string& path) -> Result<std::string> {
    httplib::Headers headers;
    if (reader) {
      headers.emplace("Authorization",
                      server::SignRequest(*reader, "GET", prefix + path, SystemClock::Instance().NowMs() / 1000));
    }
    auto res = http.Get(prefix + path, headers);
    if (!res)
      return Status(Code::kUnavailable, base + prefix + path + ": " + server::DescribeError(res.error(), client));
    if (res->status == 401) {
      return Status::Denied(base + prefix + path + ": this center's register is for its officers: give --key FILE");
    }
    if (res->status != 200) {
      return Status(Code::kUnavailable, base + prefix + path + ": HTTP " + std::to_string(res->status));
    }
    return res->body;
  };
  TRUCE_ASSIGN_OR_RETURN(std::string newest, get("checkpoint"));
  TRUCE_ASSIGN_OR_RETURN(reg::Note note, reg::ParseNote(newest));
  TRUCE_ASSIGN_OR_RETURN(reg::Checkpoint cp, reg::ParseCheckpoint(note.text));
  audit->SetNewest(newest);
  for (uint64_t n = 0; n * reg::kTileWidth < cp.size; ++n) {
    reg::TilePath t{true, 0, n, std::min<uint64_t>(reg::kTileWidth, cp.size - n * reg::kTileWidth)};
    TRUCE_ASSIGN_OR_RETURN(std::string bundle, get(reg::FormatTilePath(t)));
    auto entries = reg::ParseBundle(bundle);
    if (!entries.ok()) return entries.status().WithContext(reg::FormatTilePath(t));
    if (entries->size() != t.width) {
      return Status::Invalid(reg::FormatTilePath(t) + ": " + std::to_string(entries->size()) + " entries, not " +
                             std::to_string(t.width));
    }
    audit->AddEntries(*entries);
    if (progress) progress(std::min(cp.size, (n + 1) * reg::kTileWidth), cp.size);
  }
  return Status::Ok();
}

}  // namespace

void AddVerify(CLI::App& app) {
  auto* cmd = app.add_subcommand("verify", "Check a register export, or a live server over tlog-tiles");
  struct Options {
    std::string source, since, mission;
    ServerAccess access;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("EXPORT_OR_URL", o->source, "An export folder, or http://HOST:PORT/v1/register/")->required();
  cmd->add_option("--since", o->since, "A checkpoint you kept earlier: the register must extend it");
  cmd->add_option("--mission", o->mission, "Mission pack whose pinned keys to trust (required for a URL)");
  cmd->add_option("--key", o->access.key, "With a URL: an officer's key file, if the register is not public");
  cmd->add_option("--ca", o->access.ca,
                  "With an https:// URL: the CA certificates (PEM) its certificate must chain to");
  cmd->add_option("--pin", o->access.pin, "With an https:// URL: the server's public key, sha256/BASE64");
  cmd->callback([o] {
    const bool live = o->source.find("://") != std::string::npos;
    reg::AuditTrust trust;
    if (!o->mission.empty()) {
      auto m = LoadMission(o->mission);
      if (!m.ok()) throw CLI::RuntimeError(Fail(m.status()));
      auto t = TrustFromMission(*m);
      if (!t.ok()) throw CLI::RuntimeError(Fail(t.status()));
      trust = std::move(t).value();
    } else if (live) {
      throw CLI::RuntimeError(Fail(Status::Invalid("checking a live server needs --mission DIR: the keys to trust")));
    } else {
      auto manifest = reg::ReadExportManifest(o->source);
      if (!manifest.ok()) throw CLI::RuntimeError(Fail(manifest.status()));
      std::fprintf(stderr, "truce: trusting the keys in %s/manifest.json; give --mission DIR to use your own pack's\n",
                   o->source.c_str());
      trust = std::move(manifest->trust);
    }
    std::vector<std::string> parties;
    for (const auto& [name, k] : trust.keys.keys()) {
      if (std::find(parties.begin(), parties.end(), k.party) == parties.end()) parties.push_back(k.party);
    }
    reg::Audit audit(trust);
    if (!o->since.empty()) {
      std::ifstream in(o->since);
      if (!in) throw CLI::RuntimeError(Fail(Status::NotFound(o->since + ": cannot read the checkpoint")));
      audit.Since(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
    }
    ProgressBar bar("verify");
    auto progress = [&](uint64_t done, uint64_t total) { bar.Update(done, total, done); };
    Status st =
        live ? AuditLive(o->source, o->access, &audit, progress) : reg::AuditExport(o->source, &audit, progress);
    bar.Finish();
    if (!st.ok()) throw CLI::RuntimeError(Fail(st));
    reg::AuditResult r = audit.Finish();
    std::printf("%s: %llu entries, %llu signatures, %llu sealed batches, %llu checkpoints\n", trust.origin.c_str(),
                static_cast<unsigned long long>(r.entries), static_cast<unsigned long long>(r.signatures),
                static_cast<unsigned long long>(r.batches), static_cast<unsigned long long>(r.checkpoints));
    for (const auto& party : r.cosigned_by)
      std::printf("cosigned by %s's witness at size %llu\n", party.c_str(), static_cast<unsigned long long>(r.size));
    for (const auto& party : r.not_cosigned_by) {
      std::printf("NOT cosigned by %s's witness: %s has not vouched for this tree\n", party.c_str(), party.c_str());
    }
    for (const auto& f : r.findings) std::printf("FAIL %s: %s\n", f.kind.c_str(), f.message.c_str());
    if (r.more_findings) std::printf("... and %llu more findings\n", static_cast<unsigned long long>(r.more_findings));
    if (!r.ok()) throw CLI::RuntimeError(3);
    std::printf("OK: every entry, signature and checkpoint checks out (size %llu)\n",
                static_cast<unsigned long long>(r.size));
  });
}

}  // namespace truce::cli
