#include "truce/wire/register.h"

#include "truce/register/base64.h"

namespace truce::wire {

using nlohmann::json;

namespace {

std::string B64(const reg::Hash& h) { return reg::Base64({reinterpret_cast<const char*>(h.data()), h.size()}); }

json HashesJson(const std::vector<reg::Hash>& hashes) {
  json out = json::array();
  for (const auto& h : hashes) out.push_back(B64(h));
  return out;
}

}  // namespace

json EntryPage(const std::vector<StoredEntry>& entries, uint64_t size, std::optional<uint64_t> next) {
  json list = json::array();
  for (const auto& e : entries) {
    list.push_back({{"index", e.index},
                    {"leaf_hash", B64(reg::LeafHash(e.bytes))},
                    {"entry", json::parse(e.bytes, nullptr, false)}});
  }
  return {{"entries", list}, {"size", size}, {"next", next ? json(*next) : json(nullptr)}};
}

json InclusionProofJson(uint64_t index, uint64_t size, const std::string& leaf_bytes, const reg::Hash& root,
                        const std::vector<reg::Hash>& proof) {
  return {{"index", index},
          {"size", size},
          {"leaf_hash", B64(reg::LeafHash(leaf_bytes))},
          {"root", B64(root)},
          {"proof", HashesJson(proof)}};
}

json ConsistencyProofJson(uint64_t old_size, uint64_t new_size, const reg::Hash& old_root, const reg::Hash& new_root,
                          const std::vector<reg::Hash>& proof) {
  return {{"old", old_size},
          {"new", new_size},
          {"old_root", B64(old_root)},
          {"new_root", B64(new_root)},
          {"proof", HashesJson(proof)}};
}

json CosignersJson(uint64_t size, const std::vector<Registrar::Cosigner>& cosigners,
                   const std::vector<WitnessReach>& reach) {
  json list = json::array();
  for (const Registrar::Cosigner& c : cosigners) {
    json j = {{"party", c.party},
              {"witness", c.witness},
              {"cosigned_size", c.cosigned_size},
              {"size", size},
              {"cosigned_latest", c.cosigned_size == size && size > 0}};
    for (const WitnessReach& w : reach) {
      if (w.key_name != c.witness) continue;
      j["url"] = w.url;
      if (!w.last_error.empty()) j["last_error"] = w.last_error;
    }
    list.push_back(j);
  }
  return {{"size", size}, {"cosigners", list}};
}

json KeysJson(const reg::KeyRing& ring) {
  json keys = json::array();
  for (const auto& [name, k] : ring.keys()) {
    keys.push_back({{"name", name},
                    {"party", k.party},
                    {"roles", reg::RoleNames(k.roles)},
                    {"key", k.key.ToString()},
                    {"revoked", k.revoked}});
  }
  return {{"keys", keys}};
}

}  // namespace truce::wire
