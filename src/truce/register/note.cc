#include "truce/register/note.h"

#include <sodium.h>

#include <cctype>
#include <cstring>
#include <fstream>

#include "truce/core/digest.h"
#include "truce/register/base64.h"

namespace truce::reg {
namespace {

constexpr uint8_t kEd25519 = 0x01;
constexpr std::string_view kDash = "\xE2\x80\x94 ";  // U+2014 EM DASH and a space

bool SodiumReady() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

std::string Base64(const uint8_t* data, size_t n) {
  return reg::Base64(std::string_view(reinterpret_cast<const char*>(data), n));
}

std::string Hex8(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

bool ValidName(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c <= ' ' || c == '+') return false;
  }
  return true;
}

// "<name>+<8 hex>+<base64>" → parts; the name may not hold '+', the base64 may.
Status SplitKey(std::string_view key, std::string* name, uint32_t* id, std::string_view* material) {
  size_t a = key.find('+');
  if (a == std::string_view::npos) return Status::Invalid("a key is name+id+base64");
  size_t b = key.find('+', a + 1);
  if (b == std::string_view::npos || b - a - 1 != 8) return Status::Invalid("a key's id is 8 lowercase hex digits");
  *name = std::string(key.substr(0, a));
  if (!ValidName(*name)) return Status::Invalid("a key name has no spaces or '+'");
  std::string_view hex = key.substr(a + 1, 8);
  uint32_t v = 0;
  for (char c : hex) {
    int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
    if (d < 0) return Status::Invalid("a key's id is 8 lowercase hex digits");
    v = v << 4 | uint32_t(d);
  }
  *id = v;
  *material = key.substr(b + 1);
  return Status::Ok();
}

}  // namespace

uint32_t KeyId(std::string_view name, uint8_t type, const std::array<uint8_t, 32>& key) {
  std::string material(name);
  material += '\n';
  material += char(type);
  material.append(reinterpret_cast<const char*>(key.data()), key.size());
  Sha256 h = Sha256Of(material);
  return uint32_t(h[0]) << 24 | uint32_t(h[1]) << 16 | uint32_t(h[2]) << 8 | h[3];
}

Result<KeyText> ParseKeyText(std::string_view text, uint8_t type, const std::string& what) {
  KeyText k;
  std::string_view material;
  TRUCE_RETURN_IF_ERROR(SplitKey(text, &k.name, &k.key_id, &material));
  TRUCE_ASSIGN_OR_RETURN(std::string raw, Unbase64(material, what));
  if (raw.size() != 33 || uint8_t(raw[0]) != type) {
    return Status::Invalid(what + " is not a key of type 0x0" + std::to_string(type) + " with 32 bytes");
  }
  std::memcpy(k.key.data(), raw.data() + 1, 32);
  if (KeyId(k.name, type, k.key) != k.key_id) return Status::Invalid(what + "'s id does not match its name and key");
  return k;
}

std::string FormatKeyText(const KeyText& k, uint8_t type) {
  std::string raw(1, char(type));
  raw.append(reinterpret_cast<const char*>(k.key.data()), k.key.size());
  return k.name + "+" + Hex8(k.key_id) + "+" + reg::Base64(raw);
}

Result<NoteVerifier> NoteVerifier::Parse(std::string_view vkey) {
  TRUCE_ASSIGN_OR_RETURN(KeyText k, ParseKeyText(vkey, kEd25519, "the verifier key"));
  return NoteVerifier{std::move(k.name), k.key_id, k.key};
}

std::string NoteVerifier::ToString() const { return FormatKeyText({name, key_id, public_key}, kEd25519); }

Result<NoteSigner> NoteSigner::Parse(std::string_view skey) {
  if (!SodiumReady()) return Status::Internal("libsodium did not initialise");
  constexpr std::string_view kPrefix = "PRIVATE+KEY+";
  if (skey.substr(0, kPrefix.size()) != kPrefix) return Status::Invalid("a signer key starts with PRIVATE+KEY+");
  NoteSigner s;
  std::string_view material;
  TRUCE_RETURN_IF_ERROR(SplitKey(skey.substr(kPrefix.size()), &s.verifier_.name, &s.verifier_.key_id, &material));
  TRUCE_ASSIGN_OR_RETURN(std::string raw, Unbase64(material, "the signer key"));
  if (raw.size() != 33 || uint8_t(raw[0]) != kEd25519) {
    return Status::Invalid("the signer key is not an Ed25519 seed (type 0x01 and 32 bytes)");
  }
  std::memcpy(s.seed_.data(), raw.data() + 1, 32);
  crypto_sign_seed_keypair(s.verifier_.public_key.data(), s.secret_.data(), s.seed_.data());
  if (KeyId(s.verifier_.name, kEd25519, s.verifier_.public_key) != s.verifier_.key_id) {
    return Status::Invalid("the signer key's id does not match its name and key");
  }
  return s;
}

NoteSigner NoteSigner::Generate(std::string_view name) {
  SodiumReady();
  std::array<uint8_t, 32> seed;
  randombytes_buf(seed.data(), seed.size());
  return FromSeed(name, seed);
}

NoteSigner NoteSigner::FromSeed(std::string_view name, const std::array<uint8_t, 32>& seed) {
  SodiumReady();
  NoteSigner s;
  s.verifier_.name = std::string(name);
  s.seed_ = seed;
  crypto_sign_seed_keypair(s.verifier_.public_key.data(), s.secret_.data(), s.seed_.data());
  s.verifier_.key_id = KeyId(name, kEd25519, s.verifier_.public_key);
  return s;
}

std::string NoteSigner::ToString() const {
  uint8_t raw[33];
  raw[0] = kEd25519;
  std::memcpy(raw + 1, seed_.data(), 32);
  return "PRIVATE+KEY+" + verifier_.name + "+" + Hex8(verifier_.key_id) + "+" + Base64(raw, 33);
}

Result<std::string> NoteSigner::SignatureLine(std::string_view text) const {
  if (text.empty() || text.back() != '\n') return Status::Invalid("a note's text must end in a newline");
  uint8_t blob[4 + crypto_sign_BYTES];
  blob[0] = uint8_t(verifier_.key_id >> 24);
  blob[1] = uint8_t(verifier_.key_id >> 16);
  blob[2] = uint8_t(verifier_.key_id >> 8);
  blob[3] = uint8_t(verifier_.key_id);
  crypto_sign_detached(blob + 4, nullptr, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       secret_.data());
  return std::string(kDash) + verifier_.name + " " + Base64(blob, sizeof blob);
}

Result<std::string> NoteSigner::Sign(std::string_view text) const {
  TRUCE_ASSIGN_OR_RETURN(std::string line, SignatureLine(text));
  return std::string(text) + "\n" + line + "\n";
}

Result<NoteSigner> ReadSignerKeyFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot read the key file");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  while (!text.empty() && std::isspace((unsigned char)text.back())) text.pop_back();
  auto key = NoteSigner::Parse(text);
  if (!key.ok()) return key.status().WithContext(path);
  return key;
}

std::string NoteSigner::SignBytes(std::string_view message) const {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(), secret_.data());
  return sig;
}

bool VerifyBytes(const NoteVerifier& key, std::string_view message, std::string_view signature) {
  return SodiumReady() && signature.size() == crypto_sign_BYTES &&
         crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     key.public_key.data()) == 0;
}

Result<Note> ParseNote(std::string_view message) {
  // The text ends at the last blank line: "\n\n" before the signatures.
  size_t split = message.rfind("\n\n");
  if (split == std::string_view::npos) return Status::Invalid("a signed note needs a blank line before its signatures");
  Note note;
  note.text = std::string(message.substr(0, split + 1));
  std::string_view rest = message.substr(split + 2);
  if (rest.empty() || rest.back() != '\n')
    return Status::Invalid("a signed note ends with a signature line and a newline");
  while (!rest.empty()) {
    size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest = rest.substr(eol + 1);
    if (line.substr(0, kDash.size()) != kDash) return Status::Invalid("a signature line starts with '— '");
    line.remove_prefix(kDash.size());
    size_t space = line.find(' ');
    if (space == std::string_view::npos) return Status::Invalid("a signature line is '— name signature'");
    NoteSignature sig;
    sig.name = std::string(line.substr(0, space));
    if (!ValidName(sig.name)) return Status::Invalid("a signature's key name has no spaces or '+'");
    TRUCE_ASSIGN_OR_RETURN(std::string blob, Unbase64(line.substr(space + 1), "a signature"));
    if (blob.size() < 5) return Status::Invalid("a signature is a key id and at least one byte");
    sig.key_id = uint32_t(uint8_t(blob[0])) << 24 | uint32_t(uint8_t(blob[1])) << 16 | uint32_t(uint8_t(blob[2])) << 8 |
                 uint8_t(blob[3]);
    sig.signature = blob.substr(4);
    note.signatures.push_back(std::move(sig));
  }
  for (char c : note.text) {
    if (c != '\n' && (unsigned char)c < 0x20) return Status::Invalid("a note's text holds a control character");
  }
  return note;
}

bool VerifySignature(const Note& note, const NoteSignature& sig, const NoteVerifier& verifier) {
  return sig.name == verifier.name && sig.key_id == verifier.key_id && VerifyBytes(verifier, note.text, sig.signature);
}

}  // namespace truce::reg
