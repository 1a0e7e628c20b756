// KeyRing: who may sign what in the register.
//
// Each key belongs to one center party and holds roles. The mission pack
// pins the first keys; after that, keys are added and revoked by "key"
// entries in the register signed by a key of the same party with the
// "party" role, so rotation and revocation are on the record for all. The
// server and `truce verify` replay the same entries in log order and so
// agree on who could sign at every point of the log.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/status.h"
#include "truce/register/entry.h"
#include "truce/register/note.h"

namespace truce::reg {

enum Role : uint32_t {
  kObserver = 1,   // submits reports
  kAnalyst = 2,    // proposes determinations
  kLead = 4,       // cosigns and disputes determinations
  kAdmin = 8,      // changes mission settings
  kPartyKey = 16,  // adds and revokes the party's keys
  kWitness = 32,   // cosigns checkpoints (a witness key, not an entry signer)
};
// "observer", "analyst", "lead", "admin", "party", "witness".
Result<uint32_t> ParseRoles(const std::vector<std::string>& names);
std::string RoleNames(uint32_t roles);
// The role an entry of this kind needs.
uint32_t RoleForKind(std::string_view kind);

struct KeyRecord {
  std::string party;
  uint32_t roles = 0;
  NoteVerifier key;
  bool revoked = false;
};

class KeyRing {
 public:
  // A pinned key, as the mission pack gives it.
  Status Pin(std::string party, uint32_t roles, const NoteVerifier& key);

  // The center's log key, as the signer of the determinations the center's
  // engine proposes (party kCenterParty, role analyst).
  Status PinCenter(const NoteVerifier& log_key) { return Pin(std::string(kCenterParty), kAnalyst, log_key); }

  // A name taken by a key that signs no entries (a party's witness key,
  // pinned by the pack): no key entry may add a key under it, so a name
  // means one key in the whole mission.
  void ReserveName(std::string name) { reserved_.insert(std::move(name)); }

  const KeyRecord* Find(std::string_view name) const;
  const std::map<std::string, KeyRecord, std::less<>>& keys() const { return keys_; }

  // That entry.signer is a live key of entry.party with the role `needed`;
  // the message says which of these fails.
  Status Authorize(const Entry& entry, uint32_t needed) const;
  // Authorize for the entry's kind and check its signature.
  Status Check(const Entry& signed_entry) const;

  // Applies an authorised "key" entry: {"action":"add","key":VKEY,"roles":[...]}
  // or {"action":"revoke","name":NAME}, and no other member.
  Status Apply(const Entry& key_entry);
  // Whether Apply would succeed, without changing anything.
  Status CheckKeyChange(const Entry& key_entry) const;
  // Applies a key entry already in the log under the rules it was written
  // with: before issue 9 a body's unknown members were ignored and a
  // witness key's name could be added. Such an entry stays in effect, so
  // that an older register still opens; `truce verify` flags it.
  Status ApplyLogged(const Entry& key_entry);

 private:
  enum class Rules { kCurrent, kBeforeIssue9 };
  Status CheckChange(const Entry& key_entry, Rules rules) const;

  std::map<std::string, KeyRecord, std::less<>> keys_;
  std::set<std::string, std::less<>> reserved_;
};

}  // namespace truce::reg
