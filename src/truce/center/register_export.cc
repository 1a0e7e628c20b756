#include "truce/center/register_export.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "truce/mission/trust.h"
#include "truce/register/export.h"
#include "truce/register/witness.h"

namespace truce {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr uint64_t kPage = 65536;

json KeysJson(const Mission& m) {
  json keys = json::array();
  for (const reg::TrustedKey& k : TrustedKeys(m))
    keys.push_back({{"party", k.party}, {"roles", k.roles}, {"key", k.key}});
  return keys;
}

}  // namespace

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
  json manifest = {{"format", reg::kExportFormat}, {"mission", m.id},     {"origin", m.log.origin},
                   {"log_key", m.log.log_key},     {"keys", KeysJson(m)}, {"size", cp.size}};
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

}  // namespace truce
