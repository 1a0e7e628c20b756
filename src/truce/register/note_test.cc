// Signed notes against the published example of golang.org/x/mod/sumdb/note
// (note_test.go; the same in C2SP signed-note): Ed25519 is deterministic,
// so the given key and text must give exactly the published signature.
#include "truce/register/note.h"

#include <gtest/gtest.h>

namespace truce::reg {
namespace {

constexpr const char* kSkey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr const char* kVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr const char* kText =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n";
constexpr const char* kSignature =
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=";

TEST(SignedNote, ReproducesThePublishedSignatureByteForByte) {
  auto signer = NoteSigner::Parse(kSkey);
  ASSERT_TRUE(signer.ok()) << signer.status().ToString();
  EXPECT_EQ(signer->verifier().ToString(), kVkey);
  EXPECT_EQ(signer->ToString(), kSkey);
  auto note = signer->Sign(kText);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(*note, std::string(kText) + "\n" + kSignature + "\n");
}

TEST(SignedNote, VerifiesAndRefuses) {
  auto verifier = NoteVerifier::Parse(kVkey);
  ASSERT_TRUE(verifier.ok()) << verifier.status().ToString();
  EXPECT_EQ(verifier->key_id, 0xc74f20a3u);
  auto note = ParseNote(std::string(kText) + "\n" + kSignature + "\n");
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  ASSERT_EQ(note->signatures.size(), 1u);
  EXPECT_TRUE(VerifySignature(*note, note->signatures[0], *verifier));
  Note changed = *note;
  changed.text[3] ^= 1;
  EXPECT_FALSE(VerifySignature(changed, note->signatures[0], *verifier));
  NoteSigner other = NoteSigner::Generate("PeterNeumann");
  EXPECT_FALSE(VerifySignature(*note, note->signatures[0], other.verifier()));
}

TEST(SignedNote, RefusesMalformedKeysAndNotes) {
  for (const char* bad : {"PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // id mismatch
                          "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  // upper-case id
                          "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                          "PeterNeumann+c74f20a3", "PeterNeumann+c74f20a3+!!!!"}) {
    EXPECT_FALSE(NoteVerifier::Parse(bad).ok()) << bad;
  }
  EXPECT_FALSE(ParseNote(kText).ok());                             // no signatures
  EXPECT_FALSE(ParseNote(std::string(kText) + "\n- x y\n").ok());  // not an em dash
  EXPECT_FALSE(NoteSigner::Generate("k").Sign("no newline").ok());
}

}  // namespace
}  // namespace truce::reg
