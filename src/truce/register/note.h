// Signed notes (C2SP signed-note, the format of Go's sumdb/note): a text,
// a blank line, and signature lines "— <key name> <base64(key id ‖ sig)>".
// Keys are Ed25519 (type 0x01) in the text forms
//   verifier: <name>+<key id, 8 hex>+<base64(0x01 ‖ public key)>
//   signer:   PRIVATE+KEY+<name>+<key id>+<base64(0x01 ‖ seed)>
// where key id = the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
// Checkpoints and cosignatures of the register are signed notes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/status.h"

namespace truce::reg {

// The key text name+id+base64(type ‖ 32-byte key) that note keys (type
// 0x01) and cosignature keys (0x04, cosignature.h) share. The id is the
// first 4 bytes, big-endian, of SHA-256(name ‖ "\n" ‖ type ‖ key).
uint32_t KeyId(std::string_view name, uint8_t type, const std::array<uint8_t, 32>& key);
struct KeyText {
  std::string name;
  uint32_t key_id = 0;
  std::array<uint8_t, 32> key{};
};
// Checks the form, the type and the id; `what` names the key in messages.
Result<KeyText> ParseKeyText(std::string_view text, uint8_t type, const std::string& what);
std::string FormatKeyText(const KeyText& k, uint8_t type);

struct NoteVerifier {
  std::string name;
  uint32_t key_id = 0;
  std::array<uint8_t, 32> public_key{};

  static Result<NoteVerifier> Parse(std::string_view vkey);
  std::string ToString() const;  // the vkey form
};

class NoteSigner {
 public:
  static Result<NoteSigner> Parse(std::string_view skey);
  // A new key pair from the system's randomness.
  static NoteSigner Generate(std::string_view name);
  // The key pair of a given 32-byte seed (for known-answer tests).
  static NoteSigner FromSeed(std::string_view name, const std::array<uint8_t, 32>& seed);

  const NoteVerifier& verifier() const { return verifier_; }
  std::string ToString() const;  // the skey form
  // The signature line for `text` (which must end in a newline), without
  // its final newline: "— name base64".
  Result<std::string> SignatureLine(std::string_view text) const;
  // text + "\n" + the signature line + "\n".
  Result<std::string> Sign(std::string_view text) const;
  // A bare Ed25519 signature (64 bytes) over any bytes: register entries.
  std::string SignBytes(std::string_view message) const;

 private:
  NoteVerifier verifier_;
  std::array<uint8_t, 32> seed_{};
  std::array<uint8_t, 64> secret_{};
};

// Reads a signer key file (PRIVATE+KEY+..., as `truce keys new` writes);
// errors name the file.
Result<NoteSigner> ReadSignerKeyFile(const std::string& path);

struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string signature;  // the raw signature bytes (64 for Ed25519)
};

struct Note {
  std::string text;                       // ends in "\n"
  std::vector<NoteSignature> signatures;  // in the order they appear
};

// Splits a signed note into text and signatures; checks the form only.
Result<Note> ParseNote(std::string_view message);

// Whether `signature` is the Ed25519 signature of `key` over `message`.
bool VerifyBytes(const NoteVerifier& key, std::string_view message, std::string_view signature);

// Whether `sig` is `verifier`'s valid signature over note.text.
bool VerifySignature(const Note& note, const NoteSignature& sig, const NoteVerifier& verifier);

}  // namespace truce::reg
