#include "truce/register/cosignature.h"

#include <gtest/gtest.h>

namespace truce::reg {
namespace {

// A known answer for cosignature/v1. C2SP publishes no vector together with
// its public key, so this one was computed independently of truce (Python's
// `cryptography` Ed25519 following the spec's text, after that code had
// reproduced Go's sumdb/note example): seed 00 01 .. 1f, name
// witness.example/w1, time 1679315147, over the spec's example checkpoint.
// Ed25519 is deterministic, so the line must match byte for byte.
TEST(Cosignature, KnownAnswer) {
  std::array<uint8_t, 32> seed;
  for (int i = 0; i < 32; ++i) seed[size_t(i)] = uint8_t(i);
  Cosigner w(NoteSigner::FromSeed("witness.example/w1", seed));
  EXPECT_EQ(w.verifier().ToString(), "witness.example/w1+e75f6532+BAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
  const std::string text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  const std::string line = w.Cosign(text, 1679315147);
  EXPECT_EQ(line,
            "\xE2\x80\x94 witness.example/w1 "
            "519lMgAAAABkGFDLBuRDazBLVac2NE+Y+IjbjQOcXLfF9CSDZVUIoS83rE1nFZsVE8YiWV6Ngr7lV8H6bdoBQGP/l73euDMQ9k+bBQ==");
  auto parsed = CosignerVerifier::Parse(w.verifier().ToString());
  ASSERT_TRUE(parsed.ok());
  auto note = ParseNote(text + "\n" + line + "\n");
  ASSERT_TRUE(note.ok());
  auto t = VerifyCosignature(*note, note->signatures[0], *parsed);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(*t, 1679315147u);
  // The same signature over another tree, or from another key, does not verify.
  auto other = ParseNote("example.com/behind-the-sofa\n20852164\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n" +
                         line + "\n");
  EXPECT_EQ(VerifyCosignature(*other, other->signatures[0], *parsed).status().code(), Code::kPermissionDenied);
  Cosigner stranger(NoteSigner::Generate("witness.example/w1"));
  EXPECT_FALSE(VerifyCosignature(*note, note->signatures[0], stranger.verifier()).ok());
}

TEST(Cosignature, RefusesANoteSignerKeyAsAWitnessKey) {
  EXPECT_FALSE(CosignerVerifier::Parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW").ok());
}

}  // namespace
}  // namespace truce::reg
