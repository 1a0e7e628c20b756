// The register's export (docs/REGISTER.md, "Export"): a folder anyone can
// check offline with `truce verify`, or with their own tools.
//
//   manifest.json      format, origin, the log key and the keys the pack pins
//   entries.jsonl      leaf i is line i, without its newline (canonical JSON)
//   checkpoints.jsonl  every checkpoint the log signed: {"size": N, "note": "..."}
//   checkpoint         the newest checkpoint with the witnesses' cosignatures
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "truce/center/center.h"
#include "truce/register/audit.h"

namespace truce {

// Writes the export into `dir` (which must not exist) via a temporary
// folder renamed at the end, so a failed export leaves nothing half-made.
// `progress(done, total)` after each page of entries.
Status WriteRegisterExport(Center& center, const std::string& dir,
                           const std::function<void(uint64_t, uint64_t)>& progress);

// The trust a mission pack gives: its origin, log key, pinned keys and witnesses.
Result<reg::AuditTrust> TrustFromMission(const Mission& mission);

struct ExportContents {
  reg::AuditTrust trust;  // from manifest.json
  std::string mission_id;
  uint64_t size = 0;
};
Result<ExportContents> ReadExportManifest(const std::string& dir);

// Feeds an export's entries, checkpoints and newest checkpoint to `audit`.
Status AuditExport(const std::string& dir, reg::Audit* audit,
                   const std::function<void(uint64_t, uint64_t)>& progress);

}  // namespace truce
