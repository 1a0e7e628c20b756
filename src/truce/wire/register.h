// The register as truce gives it out (docs/API.md, "Register"): entries with
// their leaf hashes, inclusion and consistency proofs, the cosigners and the
// key ring. Hashes are base64 (standard alphabet, padded), as in C2SP notes.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "truce/center/registrar.h"
#include "truce/register/hasher.h"
#include "truce/register/keyring.h"
#include "truce/store/store.h"

namespace truce::wire {

// {"entries": [{"index", "leaf_hash", "entry"}], "size", "next"}: `next` is
// where the following page starts, none once the page reaches `size`.
nlohmann::json EntryPage(const std::vector<StoredEntry>& entries, uint64_t size, std::optional<uint64_t> next);

// {"index", "size", "leaf_hash", "root", "proof": [hash, ...]}
nlohmann::json InclusionProofJson(uint64_t index, uint64_t size, const std::string& leaf_bytes, const reg::Hash& root,
                                  const std::vector<reg::Hash>& proof);
// {"old", "new", "old_root", "new_root", "proof": [hash, ...]}
nlohmann::json ConsistencyProofJson(uint64_t old_size, uint64_t new_size, const reg::Hash& old_root,
                                    const reg::Hash& new_root, const std::vector<reg::Hash>& proof);

// How this server reaches a party's witness (server/cosigning.h), by the
// witness key's name; an empty `last_error` is none.
struct WitnessReach {
  std::string key_name, url, last_error;
};
// {"size", "cosigners": [{"party", "witness", "cosigned_size", "size",
//  "cosigned_latest", "url", "last_error"}]}
nlohmann::json CosignersJson(uint64_t size, const std::vector<Registrar::Cosigner>& cosigners,
                             const std::vector<WitnessReach>& reach);

// {"keys": [{"name", "party", "roles", "key", "revoked"}]}
nlohmann::json KeysJson(const reg::KeyRing& ring);

}  // namespace truce::wire
