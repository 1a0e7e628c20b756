// Audit: checking a register with nothing but its entries, its signed
// checkpoints and the keys the mission pack pins — what `truce verify`
// does with an export or a live server's tlog-tiles.
//
// It replays the log from the first entry: every entry canonical, every
// signature valid and by a live key of the party it names with the role its
// kind needs (key entries change the keys as they go), every batch's
// entries hashing to its seal's root; then every checkpoint signed by the
// log key and matching the tree at its size, an older checkpoint the
// caller holds matching too, and the parties' cosignatures of the newest.
// Each tampering gets a finding of its own kind.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "truce/register/cosignature.h"
#include "truce/register/entry.h"
#include "truce/register/keyring.h"
#include "truce/register/log_tree.h"
#include "truce/register/patrol_entries.h"
#include "truce/register/review_entries.h"

namespace truce::reg {

struct AuditTrust {
  std::string origin;
  NoteVerifier log_key;
  KeyRing keys;  // as the mission pack pins them
  // (party, witness key) for each party's witness.
  std::vector<std::pair<std::string, CosignerVerifier>> witnesses;
};

struct AuditFinding {
  // edited-entry, malformed-entry, unsealed-entry, bad-batch, forged-signature,
  // wrong-party-signature, unauthorized-entry, deleted-entries,
  // reordered-entries, checkpoint-mismatch, forged-checkpoint,
  // forked-history, bad-cosignature, unverified-entries, wrong-party-report,
  // bad-review, bad-patrol, replayed-entry
  std::string kind;
  std::string message;
};

struct AuditResult {
  uint64_t entries = 0, signatures = 0, batches = 0, checkpoints = 0;
  uint64_t size = 0;  // of the newest checkpoint
  Hash root{};
  std::vector<std::string> cosigned_by, not_cosigned_by;  // parties, for the newest checkpoint
  std::vector<AuditFinding> findings;
  uint64_t more_findings = 0;  // beyond those listed
  bool ok() const { return findings.empty(); }
};

class Audit {
 public:
  explicit Audit(AuditTrust trust, unsigned threads = 0);
  // The next entries of the log, in order from index 0.
  void AddEntries(const std::vector<std::string>& block);
  // A checkpoint signed by the log (any order, any size).
  void AddCheckpoint(const std::string& note);
  // The newest, published checkpoint with its cosignatures.
  void SetNewest(const std::string& note);
  // A checkpoint the caller kept from before: the log must extend it.
  void Since(const std::string& note);
  AuditResult Finish();

 private:
  struct Signed {
    uint64_t index;
    const Entry* entry;
    const NoteVerifier* key;  // into trust_.keys: a map, whose records stay put as keys are added
  };
  void Find(std::string kind, std::string message);
  void CheckOne(uint64_t index, Result<Entry>& parsed, std::vector<Signed>* to_verify);
  std::optional<std::pair<uint64_t, Hash>> ReadCheckpoint(const std::string& note, const char* what);

  AuditTrust trust_;
  unsigned threads_;
  LogTree tree_;
  AuditResult result_;
  // An open batch: its seal's index, the entries it still expects, their hashes.
  struct OpenBatch {
    uint64_t seal_index = 0;
    Entry seal;
    uint64_t remaining = 0;
    LogTree members;
    std::vector<int64_t> seqs;  // the positions the members claim, in log order
  };
  void CloseBatch();
  void CheckReportingParty(uint64_t index, const Entry& e);
  void CheckReview(uint64_t index, const Entry& e);
  void CheckPatrol(uint64_t index, const Entry& e);
  Result<std::string> KindAt(uint64_t index) const;
  void CheckReplay(uint64_t index, const Entry& e);
  void CheckKeyEntry(uint64_t index, const Entry& e);
  ReviewChain review_;
  PatrolChain patrols_;
  // By index, each entry's kind as its place in kKinds (0: unreadable): a
  // determination cites only reports. One byte an entry.
  std::vector<uint8_t> kinds_;
  struct HashKey {
    size_t operator()(const Hash& h) const {
      size_t v;
      std::memcpy(&v, h.data(), sizeof v);  // SHA-256 bits: already well mixed
      return v;
    }
  };
  std::unordered_map<Hash, uint64_t, HashKey> signed_;  // leaf hash → index, of every signed entry
  std::optional<OpenBatch> batch_;
  std::vector<std::string> checkpoints_;
  std::string newest_, since_;
  uint64_t first_bad_entry_ = UINT64_MAX;
};

}  // namespace truce::reg
