#include "truce/register/export.h"

#include <nlohmann/json.hpp>

#include <fstream>

#include "truce/register/witness.h"

namespace truce::reg {
namespace {

using nlohmann::json;

Result<std::string> ReadExportFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": missing from the export");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

Result<AuditTrust> MakeTrust(const std::string& origin, const std::string& log_key,
                             const std::vector<TrustedKey>& keys) {
  AuditTrust t;
  t.origin = origin;
  TRUCE_ASSIGN_OR_RETURN(t.log_key, NoteVerifier::Parse(log_key));
  for (const TrustedKey& k : keys) {
    TRUCE_ASSIGN_OR_RETURN(uint32_t roles, ParseRoles(k.roles));
    if (roles == kWitness) {
      TRUCE_ASSIGN_OR_RETURN(CosignerVerifier w, CosignerVerifier::Parse(k.key));
      t.keys.ReserveName(w.name);
      t.witnesses.emplace_back(k.party, std::move(w));
      continue;
    }
    TRUCE_ASSIGN_OR_RETURN(NoteVerifier v, NoteVerifier::Parse(k.key));
    TRUCE_RETURN_IF_ERROR(t.keys.Pin(k.party, roles, v));
  }
  TRUCE_RETURN_IF_ERROR(t.keys.PinCenter(t.log_key));
  return t;
}

Result<ExportContents> ReadExportManifest(const std::string& dir) {
  TRUCE_ASSIGN_OR_RETURN(std::string text, ReadExportFile(dir + "/manifest.json"));
  json m = json::parse(text, nullptr, false);
  if (m.is_discarded() || !m.is_object()) return Status::Invalid(dir + "/manifest.json: not JSON");
  if (m.value("format", "") != kExportFormat) {
    return Status::Invalid(dir + "/manifest.json: not a " + std::string(kExportFormat) + " export");
  }
  try {
    std::vector<TrustedKey> keys;
    for (const auto& k : m.at("keys")) {
      keys.push_back({k.at("party").get<std::string>(), k.at("roles").get<std::vector<std::string>>(),
                      k.at("key").get<std::string>()});
    }
    ExportContents c;
    auto trust = MakeTrust(m.at("origin").get<std::string>(), m.at("log_key").get<std::string>(), keys);
    if (!trust.ok()) return trust.status().WithContext(dir + "/manifest.json");
    c.trust = std::move(trust).value();
    c.mission_id = m.value("mission", "");
    c.size = m.at("size").get<uint64_t>();
    return c;
  } catch (const json::exception& e) {
    return Status::Invalid(dir + "/manifest.json: " + e.what());
  }
}

Status AuditExport(const std::string& dir, Audit* audit, const std::function<void(uint64_t, uint64_t)>& progress) {
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
  TRUCE_ASSIGN_OR_RETURN(std::string newest, ReadExportFile(dir + "/checkpoint"));
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

}  // namespace truce::reg
