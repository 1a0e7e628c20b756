#include "truce/register/entry.h"

#include <sodium.h>

#include <cstring>

#include "truce/core/canonical_json.h"
#include "truce/core/json_nesting.h"
#include "truce/register/base64.h"

namespace truce::reg {
namespace {

using nlohmann::json;

Result<std::string> Text(const json& o, const char* name) {
  auto it = o.find(name);
  if (it == o.end()) return Status::Invalid(std::string("the entry has no \"") + name + "\"");
  if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
    return Status::Invalid(std::string("the entry's \"") + name + "\" must be a non-empty string");
  }
  return it->get<std::string>();
}

bool KnownKind(std::string_view k) {
  return k == kind::kReport || k == kind::kBatch || k == kind::kKey || k == kind::kDetermination ||
         k == kind::kCosign || k == kind::kDispute || k == kind::kUnverifiable || k == kind::kPatrolPlan ||
         k == kind::kPatrolAgree || k == kind::kPatrolOutcome || k == kind::kFlightNotice;
}

Result<Entry> FromJson(json o) {
  if (!o.is_object()) return Status::Invalid("an entry is a JSON object");
  if (!o.contains("signer") && !o.contains("kind")) {
    return Status::Denied(
        "not a signed entry: every write is a register entry signed by an officer's key; "
        "sign reports with `truce sign --key FILE` (docs/REGISTER.md)");
  }
  for (const auto& [name, value] : o.items()) {
    if (name != "v" && name != "kind" && name != "party" && name != "signer" && name != "signed_at" && name != "body" &&
        name != "sig" && name != "seq") {
      return Status::Invalid("the entry has an unknown field \"" + name.substr(0, 40) +
                             "\" (entries hold v, kind, party, signer, signed_at, body, sig and seq)");
    }
  }
  auto v = o.find("v");
  if (v == o.end() || !v->is_number_integer() || v->get<int64_t>() != 1) {
    return Status::Invalid("the entry's \"v\" must be 1 (the entry format this truce reads)");
  }
  Entry e;
  TRUCE_ASSIGN_OR_RETURN(e.kind, Text(o, "kind"));
  if (!KnownKind(e.kind)) {
    return Status::Invalid("the entry's kind '" + e.kind.substr(0, 40) +
                           "' is not one of report, batch, key, determination, cosign, dispute, unverifiable, "
                           "patrol_plan, patrol_agree, patrol_outcome");
  }
  TRUCE_ASSIGN_OR_RETURN(e.party, Text(o, "party"));
  TRUCE_ASSIGN_OR_RETURN(e.signer, Text(o, "signer"));
  TRUCE_ASSIGN_OR_RETURN(std::string when, Text(o, "signed_at"));
  auto at = ParseRfc3339(when);
  if (!at.ok()) return Status::Invalid("the entry's \"signed_at\": " + at.status().message());
  e.signed_at = *at;
  auto body = o.find("body");
  if (body == o.end() || !body->is_object()) return Status::Invalid("the entry's \"body\" must be an object");
  if (auto sig = o.find("sig"); sig != o.end()) {
    if (!sig->is_string()) return Status::Invalid("the entry's \"sig\" must be a base64 string");
    auto raw = Unbase64(sig->get_ref<const std::string&>(), "the entry's \"sig\"");
    if (!raw.ok()) return raw.status();
    if (raw->size() != crypto_sign_BYTES) return Status::Invalid("the entry's \"sig\" is not 64 bytes (Ed25519)");
    e.signature = std::move(raw).value();
  }
  auto seq = o.find("seq");
  if (seq != o.end()) {
    if (!seq->is_number_integer() || seq->get<int64_t>() < 0) {
      return Status::Invalid("the entry's \"seq\" must be a whole number from 0");
    }
    e.seq = seq->get<int64_t>();
  }
  if (e.signature.empty() != (e.seq >= 0)) {
    return Status::Invalid(e.signature.empty()
                               ? "the entry has neither \"sig\" nor, as a member of a sealed batch, \"seq\""
                               : "a signed entry has no \"seq\" (only a sealed batch's entries do)");
  }
  auto canonical = CanonicalJson(o);
  if (!canonical.ok())
    return Status::Invalid("the entry cannot be put in canonical form: " + canonical.status().message());
  e.bytes = std::move(canonical).value();
  if (e.bytes.size() > kMaxEntryBytes) {
    return Status::Invalid("the entry is " + std::to_string(e.bytes.size()) + " bytes in canonical form; at most " +
                           std::to_string(kMaxEntryBytes) + " fit in the register");
  }
  if (!e.sealed()) {
    // The canonical form without "sig" is the canonical form with its member
    // cut out: members are sorted, so "sig" is followed by "signed_at", and
    // nothing after it at the top level can hold its text. The last match
    // is therefore the top-level one, never one inside the body.
    const std::string member = "\"sig\":" + o["sig"].dump() + ",";
    size_t at = e.bytes.rfind(member);
    if (at == std::string::npos) return Status::Internal("the canonical entry lost its signature");
    e.signed_bytes = e.bytes;
    e.signed_bytes.erase(at, member.size());
  }
  e.body = std::move(o["body"]);  // last: the canonical forms above read it
  return e;
}

}  // namespace

Result<Entry> ParseEntry(std::string_view json_text) {
  // The cheap checks before any parsing: an entry's length (its spelling
  // may be looser than the canonical form, so twice the leaf's room) and
  // how deep it nests.
  if (json_text.size() > 2 * kMaxEntryBytes) {
    return Status::Invalid("the entry is " + std::to_string(json_text.size()) + " bytes; at most " +
                           std::to_string(kMaxEntryBytes) + " fit in the register");
  }
  TRUCE_RETURN_IF_ERROR(CheckJsonNesting(json_text, "the entry"));
  json o = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (o.is_discarded()) return Status::Invalid("the entry is not valid JSON");
  return FromJson(std::move(o));
}

Result<Entry> ParseLeaf(std::string_view bytes) {
  TRUCE_ASSIGN_OR_RETURN(Entry e, ParseEntry(bytes));
  if (e.bytes != bytes) return Status::Invalid("the entry is not in canonical form (RFC 8785)");
  return e;
}

Result<Entry> MakeEntry(std::string_view kind, std::string_view party, std::string_view signer_name,
                        const Instant& signed_at, json body, const NoteSigner* signer, int64_t seq) {
  json o = {{"v", 1},
            {"kind", kind},
            {"party", party},
            {"signer", signer_name},
            {"signed_at", FormatRfc3339(signed_at)},
            {"body", std::move(body)}};
  if (!signer) o["seq"] = seq < 0 ? 0 : seq;
  if (signer) {
    if (signer->verifier().name != signer_name) {
      return Status::Invalid("the key is '" + signer->verifier().name + "', not '" + std::string(signer_name) + "'");
    }
    TRUCE_ASSIGN_OR_RETURN(std::string message, CanonicalJson(o));
    o["sig"] = Base64(signer->SignBytes(message));
  }
  return FromJson(std::move(o));
}

Result<Entry> MakeSealedEntry(std::string_view kind, std::string_view party, std::string_view signer_name,
                              const Instant& signed_at, std::string_view canonical_body, int64_t seq) {
  if (!KnownKind(kind)) return Status::Invalid("the entry's kind '" + std::string(kind.substr(0, 40)) + "' is unknown");
  if (seq < 0) return Status::Invalid("a sealed batch's entry has a position from 0");
  Entry e;
  e.kind = kind;
  e.party = party;
  e.signer = signer_name;
  e.signed_at = signed_at;
  e.seq = seq;
  // The members in canonical order: body, kind, party, seq, signed_at,
  // signer, v (sorted as UTF-16, which for these ASCII names is bytes).
  std::string& b = e.bytes;
  b.reserve(canonical_body.size() + 160);
  b += "{\"body\":";
  b += canonical_body;
  b += ",\"kind\":";
  AppendCanonicalString(kind, &b);
  b += ",\"party\":";
  AppendCanonicalString(party, &b);
  b += ",\"seq\":";
  b += std::to_string(seq);
  b += ",\"signed_at\":";
  AppendCanonicalString(FormatRfc3339(signed_at), &b);
  b += ",\"signer\":";
  AppendCanonicalString(signer_name, &b);
  b += ",\"v\":1}";
  if (b.size() > kMaxEntryBytes) {
    return Status::Invalid("the entry is " + std::to_string(b.size()) + " bytes in canonical form; at most " +
                           std::to_string(kMaxEntryBytes) + " fit in the register");
  }
  return e;
}

bool VerifyEntrySignature(const Entry& entry, const NoteVerifier& key) {
  return !entry.sealed() && entry.signer == key.name && VerifyBytes(key, entry.signed_bytes, entry.signature);
}

Result<BatchSeal> ReadBatchSeal(const Entry& seal) {
  if (seal.kind != kind::kBatch) return Status::Invalid("not a batch seal");
  const json& b = seal.body;
  auto count = b.find("count");
  auto root = b.find("root");
  if (count == b.end() || !count->is_number_unsigned() || count->get<uint64_t>() == 0) {
    return Status::Invalid("a batch seal's body.count must be a whole number above 0");
  }
  if (root == b.end() || !root->is_string()) return Status::Invalid("a batch seal's body.root must be base64");
  auto raw = Unbase64(root->get_ref<const std::string&>(), "a batch seal's body.root");
  if (!raw.ok() || raw->size() != 32) return Status::Invalid("a batch seal's body.root is not 32 bytes of base64");
  if (b.size() != 2) return Status::Invalid("a batch seal's body holds only count and root");
  BatchSeal s;
  s.count = count->get<uint64_t>();
  std::memcpy(s.root.data(), raw->data(), 32);
  return s;
}

json BatchSealBody(uint64_t count, const Hash& root) {
  return {{"count", count}, {"root", Base64({reinterpret_cast<const char*>(root.data()), root.size()})}};
}

}  // namespace truce::reg
