#include "truce/register/keyring.h"

namespace truce::reg {
namespace {

constexpr std::pair<const char*, uint32_t> kRoles[] = {
    {"observer", kObserver}, {"analyst", kAnalyst}, {"lead", kLead},
    {"admin", kAdmin},       {"party", kPartyKey},  {"witness", kWitness},
};

}  // namespace

Result<uint32_t> ParseRoles(const std::vector<std::string>& names) {
  uint32_t roles = 0;
  for (const std::string& n : names) {
    uint32_t found = 0;
    for (auto [name, bit] : kRoles) {
      if (n == name) found = bit;
    }
    if (!found)
      return Status::Invalid("unknown role '" + n + "' (roles: observer, analyst, lead, admin, party, witness)");
    roles |= found;
  }
  if (!roles) return Status::Invalid("a key needs at least one role");
  return roles;
}

std::string RoleNames(uint32_t roles) {
  std::string out;
  for (auto [name, bit] : kRoles) {
    if (roles & bit) out += (out.empty() ? "" : ", ") + std::string(name);
  }
  return out;
}

uint32_t RoleForKind(std::string_view k) {
  if (k == kind::kKey) return kPartyKey;
  if (k == kind::kDetermination) return kAnalyst;
  if (k == kind::kCosign || k == kind::kDispute || k == kind::kUnverifiable) return kLead;
  // A patrol commits the party: its plan, its agreement, its outcome.
  if (k == kind::kPatrolPlan || k == kind::kPatrolAgree || k == kind::kPatrolOutcome) return kLead;
  // So does a flight notice: the party vouches for its aircraft.
  if (k == kind::kFlightNotice) return kLead;
  if (k == kind::kReport || k == kind::kBatch) return kObserver;
  return 0;  // an unknown kind: no role may sign it  // reports, and batches of reports
}

Status KeyRing::Pin(std::string party, uint32_t roles, const NoteVerifier& key) {
  if (keys_.count(key.name)) return Status::Exists("two keys are named '" + key.name + "'");
  keys_[key.name] = KeyRecord{std::move(party), roles, key, false};
  return Status::Ok();
}

const KeyRecord* KeyRing::Find(std::string_view name) const {
  auto it = keys_.find(name);
  return it == keys_.end() ? nullptr : &it->second;
}

Status KeyRing::Authorize(const Entry& e, uint32_t needed) const {
  if (needed == 0) return Status::Denied("no key may sign an entry of kind '" + e.kind + "'");
  const KeyRecord* k = Find(e.signer);
  if (!k)
    return Status::Denied("unknown key '" + e.signer +
                          "': it is neither pinned by the mission pack nor added in the register");
  if (k->party != e.party) {
    return Status::Denied("key '" + e.signer + "' belongs to " + k->party + ", not to " + e.party +
                          ": a party can only sign for itself");
  }
  if (k->revoked) return Status::Denied("key '" + e.signer + "' of " + k->party + " was revoked");
  if ((k->roles & needed) != needed) {
    return Status::Denied("key '" + e.signer + "' has the role " + RoleNames(k->roles) + "; " +
                          (e.kind == kind::kUnverifiable ? "an " : "a ") + e.kind + " entry needs " +
                          RoleNames(needed));
  }
  if (k->roles & kWitness && !(k->roles & ~kWitness)) {
    return Status::Denied("key '" + e.signer + "' is a witness key; it cosigns checkpoints, not entries");
  }
  return Status::Ok();
}

Status KeyRing::Check(const Entry& e) const {
  TRUCE_RETURN_IF_ERROR(Authorize(e, RoleForKind(e.kind)));
  if (e.sealed()) return Status::Denied("the " + e.kind + " entry carries no signature and no batch seal covers it");
  if (!VerifyEntrySignature(e, Find(e.signer)->key)) {
    return Status::Denied("the signature of key '" + e.signer + "' does not match the entry's bytes");
  }
  return Status::Ok();
}

Status KeyRing::CheckKeyChange(const Entry& e) const { return CheckChange(e, Rules::kCurrent); }

Status KeyRing::CheckChange(const Entry& e, Rules rules) const {
  if (e.kind != kind::kKey) return Status::Invalid("not a key entry");
  const auto& b = e.body;
  auto action = b.find("action");
  if (action == b.end() || !action->is_string()) return Status::Invalid("a key entry's body.action is add or revoke");
  // Only the members of the action: a member no reader expects is one no
  // party agreed to the meaning of.
  if (rules == Rules::kCurrent && (*action == "add" || *action == "revoke")) {
    const bool add = *action == "add";
    for (const auto& [name, value] : b.items()) {
      if (name == "action" || (add ? name == "key" || name == "roles" : name == "name")) continue;
      return Status::Invalid("body." + name.substr(0, 40) + ": not a field of a key " + action->get<std::string>() +
                             " entry (" + (add ? "action, key, roles" : "action, name") + ")");
    }
  }
  if (*action == "add") {
    auto key = b.find("key");
    auto roles = b.find("roles");
    if (key == b.end() || !key->is_string()) return Status::Invalid("body.key must be a verifier key (name+id+base64)");
    auto v = NoteVerifier::Parse(key->get<std::string>());
    if (!v.ok()) return Status::Invalid("body.key: " + v.status().message());
    if (Find(v->name)) return Status::Exists("a key named '" + v->name + "' exists or existed; choose a new name");
    if (rules == Rules::kCurrent && reserved_.count(v->name)) {
      return Status::Exists("body.key: '" + v->name +
                            "' is the name of a witness key the mission pack pins; choose a new name");
    }
    if (roles == b.end() || !roles->is_array()) return Status::Invalid("body.roles must be a list of roles");
    std::vector<std::string> names;
    for (const auto& r : *roles) {
      if (!r.is_string()) return Status::Invalid("body.roles must be a list of role names");
      names.push_back(r.get<std::string>());
    }
    auto parsed = ParseRoles(names);
    if (!parsed.ok()) return Status::Invalid("body.roles: " + parsed.status().message());
    return Status::Ok();
  }
  if (*action == "revoke") {
    auto name = b.find("name");
    if (name == b.end() || !name->is_string()) return Status::Invalid("body.name must name the key to revoke");
    const KeyRecord* k = Find(name->get<std::string>());
    if (!k || k->party != e.party) {
      return Status::Invalid("key '" + name->get<std::string>() + "' is not a key of " + e.party);
    }
    if (k->revoked) return Status::Invalid("key '" + name->get<std::string>() + "' is already revoked");
    if (k->roles & kPartyKey) {
      int live = 0;
      for (const auto& [n, r] : keys_) live += r.party == e.party && !r.revoked && (r.roles & kPartyKey);
      if (live <= 1) return Status::Invalid("that is " + e.party + "'s last party key; add its successor first");
    }
    return Status::Ok();
  }
  return Status::Invalid("a key entry's body.action is add or revoke");
}

Status KeyRing::Apply(const Entry& e) {
  TRUCE_RETURN_IF_ERROR(CheckChange(e, Rules::kCurrent));
  return ApplyLogged(e);
}

Status KeyRing::ApplyLogged(const Entry& e) {
  TRUCE_RETURN_IF_ERROR(CheckChange(e, Rules::kBeforeIssue9));
  const auto& b = e.body;
  if (b["action"] == "add") {
    NoteVerifier v = NoteVerifier::Parse(b["key"].get<std::string>()).value();
    std::vector<std::string> names;
    for (const auto& r : b["roles"]) names.push_back(r.get<std::string>());
    return Pin(e.party, ParseRoles(names).value(), v);
  }
  keys_[b["name"].get<std::string>()].revoked = true;
  return Status::Ok();
}

}  // namespace truce::reg
