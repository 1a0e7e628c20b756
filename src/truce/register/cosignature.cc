#include "truce/register/cosignature.h"

#include <cstring>

#include "truce/core/digest.h"
#include "truce/register/base64.h"

namespace truce::reg {
namespace {

constexpr uint8_t kCosignatureV1 = 0x04;

uint32_t KeyId(std::string_view name, const std::array<uint8_t, 32>& key) {
  std::string material(name);
  material += '\n';
  material += char(kCosignatureV1);
  material.append(reinterpret_cast<const char*>(key.data()), key.size());
  Sha256 h = Sha256Of(material);
  return uint32_t(h[0]) << 24 | uint32_t(h[1]) << 16 | uint32_t(h[2]) << 8 | h[3];
}

std::string Message(std::string_view text, uint64_t t) {
  return "cosignature/v1\ntime " + std::to_string(t) + "\n" + std::string(text);
}

}  // namespace

Result<CosignerVerifier> CosignerVerifier::Parse(std::string_view vkey) {
  size_t a = vkey.find('+');
  size_t b = a == std::string_view::npos ? a : vkey.find('+', a + 1);
  if (b == std::string_view::npos || b - a != 9) return Status::Invalid("a witness key is name+id+base64");
  CosignerVerifier v;
  v.name = std::string(vkey.substr(0, a));
  if (v.name.empty() || v.name.find_first_of(" \t\n") != std::string::npos) {
    return Status::Invalid("a witness key's name has no spaces");
  }
  TRUCE_ASSIGN_OR_RETURN(std::string raw, Unbase64(vkey.substr(b + 1), "the witness key"));
  if (raw.size() != 33 || uint8_t(raw[0]) != kCosignatureV1) {
    return Status::Invalid("the witness key is not a cosignature/v1 key (type 0x04 and 32 bytes)");
  }
  std::memcpy(v.public_key.data(), raw.data() + 1, 32);
  v.key_id = KeyId(v.name, v.public_key);
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", v.key_id);
  if (vkey.substr(a + 1, 8) != hex) return Status::Invalid("the witness key's id does not match its name and key");
  return v;
}

std::string CosignerVerifier::ToString() const {
  std::string raw(1, char(kCosignatureV1));
  raw.append(reinterpret_cast<const char*>(public_key.data()), 32);
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", key_id);
  return name + "+" + hex + "+" + Base64(raw);
}

Cosigner::Cosigner(NoteSigner key) : key_(std::move(key)) {
  verifier_.name = key_.verifier().name;
  verifier_.public_key = key_.verifier().public_key;
  verifier_.key_id = KeyId(verifier_.name, verifier_.public_key);
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
