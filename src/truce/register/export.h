// Reading the register's export (docs/REGISTER.md, "Export"): what
// `truce verify` checks offline, with nothing of the center linked in.
//
//   manifest.json      format, origin, the log key and the keys the pack pins
//   entries.jsonl      leaf i is line i, without its newline (canonical JSON)
//   checkpoints.jsonl  every checkpoint the log signed: {"size": N, "note": "..."}
//   checkpoint         the newest checkpoint with the witnesses' cosignatures
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "truce/register/audit.h"

namespace truce::reg {

inline constexpr const char* kExportFormat = "truce-register-export/1";

// A key a pack pins, as its text: a party's key with its roles, or a
// witness's cosignature key (roles ["witness"]).
struct TrustedKey {
  std::string party;
  std::vector<std::string> roles;
  std::string key;
};

// The trust an origin, log key and pinned keys give an audit.
Result<AuditTrust> MakeTrust(const std::string& origin, const std::string& log_key,
                             const std::vector<TrustedKey>& keys);

struct ExportContents {
  AuditTrust trust;  // from manifest.json
  std::string mission_id;
  uint64_t size = 0;
};
Result<ExportContents> ReadExportManifest(const std::string& dir);

// Feeds an export's entries, checkpoints and newest checkpoint to `audit`;
// `progress(done, total)` in bytes of entries read.
Status AuditExport(const std::string& dir, Audit* audit, const std::function<void(uint64_t, uint64_t)>& progress);

}  // namespace truce::reg
