// A witness (C2SP tlog-witness): a center party's own check that the
// center's register only ever grows.
//
// For each log it knows (origin and pinned log key) the witness keeps the
// newest checkpoint it cosigned. It cosigns a new checkpoint only if the
// log signed it, it extends that kept one (an RFC 9162 consistency proof
// from the kept size), and — at the same size — it has the same root. The
// new checkpoint is on disk (written, fsync'd, renamed, directory fsync'd)
// before the cosignature is returned, so a crash cannot make the witness
// forget a tree it vouched for.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/status.h"
#include "truce/core/thread_annotations.h"
#include "truce/register/checkpoint.h"
#include "truce/register/cosignature.h"
#include "truce/register/note.h"

namespace truce::reg {

struct WitnessedLog {
  std::string origin;
  NoteVerifier log_key;
};

// An HTTP answer, as tlog-witness defines them.
struct WitnessResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

class Witness {
 public:
  // Reads the kept checkpoints from `state_dir` (made if missing).
  static Result<std::unique_ptr<Witness>> Open(std::string state_dir, Cosigner key, std::vector<WitnessedLog> logs);

  // POST <prefix>/add-checkpoint: the request body is "old <size>\n",
  // the proof's hashes one base64 line each, a blank line, and the signed
  // checkpoint.
  WitnessResponse AddCheckpoint(std::string_view request, uint64_t now_unix);

  // The newest checkpoint cosigned for a log: (size, root); size 0 if none.
  std::pair<uint64_t, Hash> Latest(std::string_view origin) const;
  const CosignerVerifier& verifier() const { return key_.verifier(); }

 private:
  struct Log {
    WitnessedLog log;
    uint64_t size = 0;
    Hash root{};
    std::string path;  // where its newest cosigned checkpoint is kept
  };
  Witness(std::string dir, Cosigner key, std::vector<Log> logs)
      : dir_(std::move(dir)), key_(std::move(key)), logs_(std::move(logs)) {}
  // `log` is one of logs_.
  Status Persist(Log& log, const std::string& note, const Checkpoint& cp) TRUCE_REQUIRES(mu_);

  std::string dir_;
  Cosigner key_;
  mutable Mutex mu_;  // the size check and the write are one step
  std::vector<Log> logs_ TRUCE_GUARDED_BY(mu_);
};

// Writes `bytes` to `path` so that after a crash the file holds either the
// old or the new bytes, whole: a temporary file, fsync, rename, and fsync
// of the directory. Any failed step is an error, never ignored.
Status WriteFileDurably(const std::string& path, std::string_view bytes);

}  // namespace truce::reg
