#include "truce/center/register_export.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "truce/register/witness.h"

namespace truce {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kFormat = "truce-register-export/1";
constexpr uint64_t kPage = 65536;

Result<std::string> ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": missing from the export");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

json KeysJson(const Mission& m) {
  json keys = json::array();
  for (const PinnedKey& k : m.keys) keys.push_back({{"party", k.party}, {"roles", k.roles}, {"key", k.key}});
  return keys;
}

Result<reg::AuditTrust> TrustFrom(const std::string& origin, const std::string& log_key,
                                  const std::vector<PinnedKey>& keys) {
  reg::AuditTrust t;
  t.origin = origin;
  TRUCE_ASSIGN_OR_RETURN(t.log_key, reg::NoteVerifier::Parse(log_key));
  for (const PinnedKey& k : keys) {
    TRUCE_ASSIGN_OR_RETURN(uint32_t roles, reg::ParseRoles(k.roles));
    if (roles == reg::kWitness) {
      TRUCE_ASSIGN_OR_RETURN(reg::CosignerVerifier w, reg::CosignerVerifier::Parse(k.key));
      t.keys.ReserveName(w.name);
      t.witnesses.emplace_back(k.party, std::move(w));
      continue;
    }
    TRUCE_ASSIGN_OR_RETURN(reg::NoteVerifier v, reg::NoteVerifier::Parse(k.key));
    TRUCE_RETURN_IF_ERROR(t.keys.Pin(k.party, roles, v));
  }
  TRUCE_RETURN_IF_ERROR(t.keys.PinCenter(t.log_key));
  return t;
}

}  // namespace

Result<reg::AuditTrust> TrustFromMission(const Mission& m) { return TrustFrom(m.log.origin, m.log.log_key, m.keys); }

Status WriteRegisterExport(Center& center, const std::string& dir,
                           const std::function<void(uint64_t, uint64_t)>& progress) {
  if (fs::exists(dir)) return Status::Exists(dir + " exists; an export is written to a new folder");
  const std::string tmp = dir + ".partial";
  std::error_code ec;
  fs::remove_all(tmp, ec);
  fs::create_directories(tmp, ec);
  if (ec) return Status::Io(tmp + ": " + ec.message());
  Registrar& r = center.registrar();
  // The size is fixed first; entries past it may arrive while we write.
  TRUCE_ASSIGN_OR_RETURN(std::string newest, r.Checkpoint());
  TRUCE_ASSIGN_OR_RETURN(reg::Note note, reg::ParseNote(newest));
  TRUCE_ASSIGN_OR_RETURN(reg::Checkpoint cp, reg::ParseCheckpoint(note.text));
  const Mission& m = center.mission();
  json manifest = {{"format", kFormat}, {"mission", m.id}, {"origin", m.log.origin}, {"log_key", m.log.log_key},
                   {"keys", KeysJson(m)}, {"size", cp.size}};
  TRUCE_RETURN_IF_ERROR(reg::WriteFileDurably(tmp + "/manifest.json", manifest.dump(2) + "\n"));
  {
    std::ofstream out(tmp + "/entries.jsonl", std::ios::binary);
    for (uint64_t start = 0; start < cp.size; start += kPage) {
      TRUCE_ASSIGN_OR_RETURN(auto page, r.Entries(start, std::min(cp.size, start + kPage)));
      for (const StoredEntry& e : page) {
        out.write(e.bytes.data(), std::streamsize(e.bytes.size()));
        out.put('\n');
      }
      if (progress) progress(std::min(cp.size, start + kPage), cp.size);
    }
    out.flush();
    if (!out) return Status::Io(tmp + "/entries.jsonl: write failed");
  }
  {
    std::ofstream out(tmp + "/checkpoints.jsonl", std::ios::binary);
    for (uint64_t after = 0;;) {
      TRUCE_ASSIGN_OR_RETURN(auto page, r.Checkpoints(after, 10000));
      if (page.empty()) break;
      for (const auto& [size, text] : page) {
        if (size > cp.size) break;
        out << json{{"size", size}, {"note", text}}.dump() << "\n";
      }
      after = page.back().first;
      if (after >= cp.size) break;
    }
    out.flush();
    if (!out) return Status::Io(tmp + "/checkpoints.jsonl: write failed");
  }
  TRUCE_RETURN_IF_ERROR(reg::WriteFileDurably(tmp + "/checkpoint", newest));
  fs::rename(tmp, dir, ec);
  if (ec) return Status::Io(dir + ": " + ec.message());
  return Status::Ok();
}

Result<ExportContents> ReadExportManifest(const std::string& dir) {
  TRUCE_ASSIGN_OR_RETURN(std::string text, ReadAll(dir + "/manifest.json"));
  json m = json::parse(text, nullptr, false);
  if (m.is_discarded() || !m.is_object()) return Status::Invalid(dir + "/manifest.json: not JSON");
  if (m.value("format", "") != kFormat) {
    return Status::Invalid(dir + "/manifest.json: not a " + std::string(kFormat) + " export");
  }
  try {
    std::vector<PinnedKey> keys;
    for (const auto& k : m.at("keys")) {
      keys.push_back({k.at("party").get<std::string>(), k.at("roles").get<std::vector<std::string>>(),
                      k.at("key").get<std::string>(), 0});
    }
    ExportContents c;
    auto trust = TrustFrom(m.at("origin").get<std::string>(), m.at("log_key").get<std::string>(), keys);
    if (!trust.ok()) return trust.status().WithContext(dir + "/manifest.json");
    c.trust = std::move(trust).value();
    c.mission_id = m.value("mission", "");
    c.size = m.at("size").get<uint64_t>();
    return c;
  } catch (const json::exception& e) {
    return Status::Invalid(dir + "/manifest.json: " + e.what());
  }
}

Status AuditExport(const std::string& dir, reg::Audit* audit,
                   const std::function<void(uint64_t, uint64_t)>& progress) {
  {
    std::ifstream in(dir + "/checkpoints.jsonl");
    std::string line;
    size_t n = 0;
    while (std::getline(in, line)) {
      ++n;
      json j = json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.contains("note") || !j["note"].is_string()) {
        return Status::Invalid(dir + "/checkpoints.jsonl:" + std::to_string(n) + ": not {\"size\", \"note\"}");
      }
      audit->AddCheckpoint(j["note"].get<std::string>());
    }
  }
  TRUCE_ASSIGN_OR_RETURN(std::string newest, ReadAll(dir + "/checkpoint"));
  audit->SetNewest(newest);
  std::ifstream in(dir + "/entries.jsonl", std::ios::binary);
  if (!in) return Status::NotFound(dir + "/entries.jsonl: missing from the export");
  in.seekg(0, std::ios::end);
  const uint64_t total = uint64_t(in.tellg());
  in.seekg(0);
  std::vector<std::string> block;
  std::string line;
  while (std::getline(in, line)) {
    block.push_back(std::move(line));
    if (block.size() == 16384) {
      audit->AddEntries(block);
      block.clear();
      if (progress) progress(uint64_t(in.tellg()), total);
    }
  }
  if (!block.empty()) audit->AddEntries(block);
  if (progress) progress(total, total);
  return Status::Ok();
}

}  // namespace truce
