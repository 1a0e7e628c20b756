// Entries: what the register holds, one per leaf (docs/REGISTER.md,
// "Entries").
//
// An entry is a JSON object in RFC 8785 canonical form:
//   {"body":{...},"kind":"report","party":"RU","sig":"<base64>",
//    "signed_at":"2020-03-10T14:20:00+03:00","signer":"ru-obs-1","v":1}
// `sig` is the signer's Ed25519 signature over the canonical form of the
// entry without `sig`. The leaf is the canonical form with it. Entries of a
// sealed batch carry no `sig`: the batch's seal (kind "batch") signs the
// Merkle root of their leaves instead, and they follow it in the log, each
// with its position in the batch as "seq" (0, 1, ...), so a verifier can
// tell a moved entry from a missing or an edited one.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

#include "truce/core/status.h"
#include "truce/core/time.h"
#include "truce/register/hasher.h"
#include "truce/register/note.h"

namespace truce::reg {

// tlog-tiles entry bundles prefix each entry with a 16-bit length.
constexpr size_t kMaxEntryBytes = 65535;

// The kinds of entry, and the role that may sign each (keyring.h).
namespace kind {
constexpr std::string_view kReport = "report";  // body: a report (docs/API.md)
constexpr std::string_view kBatch = "batch";    // body: {"count": n, "root": base64}
constexpr std::string_view kKey = "key";        // body: a key added or revoked
// The joint review (review/review.h).
constexpr std::string_view kDetermination = "determination";  // a proposed determination of an incident
constexpr std::string_view kCosign = "cosign";                // a party lead agrees to a determination
constexpr std::string_view kDispute = "dispute";              // a party lead disputes it, with reasons
// A party lead says the center cannot establish what happened, with reasons.
constexpr std::string_view kUnverifiable = "unverifiable";
// Joint patrols (register/patrol_entries.h).
constexpr std::string_view kPatrolPlan = "patrol_plan";        // a patrol's plan, or a revision of it
constexpr std::string_view kPatrolAgree = "patrol_agree";      // a party agrees to a plan
constexpr std::string_view kPatrolOutcome = "patrol_outcome";  // how the patrol ended
constexpr std::string_view kFlightNotice = "flight_notice";    // a party tells of a flight beforehand
}  // namespace kind

// The party name of the center's own entries: determinations its engine
// proposes, signed with the log key.
constexpr std::string_view kCenterParty = "center";

struct Entry {
  std::string kind, party, signer;
  Instant signed_at;
  nlohmann::json body;       // an object (null from MakeSealedEntry, whose caller keeps its own)
  std::string signature;     // 64 raw bytes; empty inside a sealed batch
  int64_t seq = -1;          // the position in its sealed batch; -1 for a signed entry
  std::string bytes;         // the canonical entry: the leaf's data
  std::string signed_bytes;  // the canonical entry without "sig": what is signed; empty when sealed

  bool sealed() const { return signature.empty(); }
  Hash leaf_hash() const { return LeafHash(bytes); }
};

// Reads an entry in any JSON spelling and puts it in canonical form. Every
// refusal names the field.
Result<Entry> ParseEntry(std::string_view json_text);
// Reads an entry as stored in the log: it must already be canonical.
Result<Entry> ParseLeaf(std::string_view bytes);

// Makes and signs an entry; with no signer, the entry at position `seq` of
// a sealed batch.
Result<Entry> MakeEntry(std::string_view kind, std::string_view party, std::string_view signer_name,
                        const Instant& signed_at, nlohmann::json body, const NoteSigner* signer, int64_t seq = -1);

// The entry at position `seq` of a sealed batch, made from a body already
// in canonical form: the bytes MakeEntry makes from the same body, without
// building and canonicalizing a JSON tree for each of a bulk load's
// entries. `body` is left null; the caller keeps the value it came from.
Result<Entry> MakeSealedEntry(std::string_view kind, std::string_view party, std::string_view signer_name,
                              const Instant& signed_at, std::string_view canonical_body, int64_t seq);

// Whether entry.signature is `key`'s signature over entry.signed_bytes.
bool VerifyEntrySignature(const Entry& entry, const NoteVerifier& key);

// The seal of a batch: its body names the count and the Merkle root of the
// leaves that follow it.
struct BatchSeal {
  uint64_t count = 0;
  Hash root{};
};
Result<BatchSeal> ReadBatchSeal(const Entry& seal);
nlohmann::json BatchSealBody(uint64_t count, const Hash& root);

}  // namespace truce::reg
