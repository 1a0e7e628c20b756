// Cosignatures (C2SP tlog-cosignature, Ed25519 "cosignature/v1", key type
// 0x04): a witness's statement that, at a time, the checkpoint is the
// largest consistent tree it has seen for the log. Each center party's
// witness cosigns the center's checkpoints (witness.h).
//
// The signed message is
//   "cosignature/v1\ntime <unix seconds>\n" + the checkpoint's note text
// and the signature line's payload is key id (4) ‖ timestamp (8, big-endian)
// ‖ Ed25519 signature (64).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "truce/core/status.h"
#include "truce/register/note.h"

namespace truce::reg {

struct CosignerVerifier {
  std::string name;
  uint32_t key_id = 0;
  std::array<uint8_t, 32> public_key{};

  // The vkey form name+id+base64(0x04 ‖ key).
  static Result<CosignerVerifier> Parse(std::string_view vkey);
  std::string ToString() const;
};

class Cosigner {
 public:
  // From a signer key file's text (PRIVATE+KEY+name+id+base64(0x01 ‖ seed)):
  // the same seed and name, used for cosignatures.
  static Result<Cosigner> Parse(std::string_view skey);
  explicit Cosigner(NoteSigner key);
  const CosignerVerifier& verifier() const { return verifier_; }
  // The signature line (without its newline) over `checkpoint_text` at `unix_seconds`.
  std::string Cosign(std::string_view checkpoint_text, uint64_t unix_seconds) const;

 private:
  CosignerVerifier verifier_;
  NoteSigner key_;
};

// If `sig` is `witness`'s valid cosignature over note.text, its timestamp.
Result<uint64_t> VerifyCosignature(const Note& note, const NoteSignature& sig, const CosignerVerifier& witness);

}  // namespace truce::reg
