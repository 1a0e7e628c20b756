#include "truce/register/cosignature.h"

#include <cstring>

#include "truce/core/digest.h"
#include "truce/register/base64.h"

namespace truce::reg {
namespace {

constexpr uint8_t kCosignatureV1 = 0x04;

std::string Message(std::string_view text, uint64_t t) {
  return "cosignature/v1\ntime " + std::to_string(t) + "\n" + std::string(text);
}

}  // namespace

Result<CosignerVerifier> CosignerVerifier::Parse(std::string_view vkey) {
  TRUCE_ASSIGN_OR_RETURN(KeyText k, ParseKeyText(vkey, kCosignatureV1, "the witness key"));
  return CosignerVerifier{std::move(k.name), k.key_id, k.key};
}

std::string CosignerVerifier::ToString() const { return FormatKeyText({name, key_id, public_key}, kCosignatureV1); }

Cosigner::Cosigner(NoteSigner key) : key_(std::move(key)) {
  verifier_.name = key_.verifier().name;
  verifier_.public_key = key_.verifier().public_key;
  verifier_.key_id = KeyId(verifier_.name, kCosignatureV1, verifier_.public_key);
}

Result<Cosigner> Cosigner::Parse(std::string_view skey) {
  TRUCE_ASSIGN_OR_RETURN(NoteSigner key, NoteSigner::Parse(skey));
  return Cosigner(std::move(key));
}

std::string Cosigner::Cosign(std::string_view text, uint64_t t) const {
  std::string blob(4 + 8, '\0');
  for (int i = 0; i < 4; ++i) blob[size_t(i)] = char(uint8_t(verifier_.key_id >> (24 - 8 * i)));
  for (int i = 0; i < 8; ++i) blob[size_t(4 + i)] = char(uint8_t(t >> (56 - 8 * i)));
  blob += key_.SignBytes(Message(text, t));
  return "\xE2\x80\x94 " + verifier_.name + " " + Base64(blob);
}

Result<uint64_t> VerifyCosignature(const Note& note, const NoteSignature& sig, const CosignerVerifier& w) {
  if (sig.name != w.name || sig.key_id != w.key_id) return Status::NotFound("not this witness's signature");
  if (sig.signature.size() != 8 + 64) return Status::Denied("a cosignature is a timestamp and 64 bytes");
  uint64_t t = 0;
  for (int i = 0; i < 8; ++i) t = t << 8 | uint8_t(sig.signature[size_t(i)]);
  if (t > uint64_t(INT64_MAX)) return Status::Denied("the cosignature's time is out of range");
  NoteVerifier as_key{w.name, w.key_id, w.public_key};
  if (!VerifyBytes(as_key, Message(note.text, t), std::string_view(sig.signature).substr(8))) {
    return Status::Denied("the cosignature of '" + w.name + "' does not verify");
  }
  return t;
}

}  // namespace truce::reg
