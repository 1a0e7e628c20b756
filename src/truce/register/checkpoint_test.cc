#include "truce/register/checkpoint.h"

#include <gtest/gtest.h>

#include "truce/register/merkle_tree.h"
#include "truce/register/note.h"

namespace truce::reg {
namespace {

TEST(Checkpoint, RoundTripsAndSignsAsANote) {
  MerkleTree tree;
  for (int i = 0; i < 8; ++i) tree.Append(LeafHash("entry " + std::to_string(i)));
  Checkpoint c{"truce.example/idlib-2020", tree.size(), tree.Root(), {}};
  std::string body = c.Body();
  auto parsed = ParseCheckpoint(body);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->origin, c.origin);
  EXPECT_EQ(parsed->size, 8u);
  EXPECT_EQ(parsed->root, c.root);

  NoteSigner center = NoteSigner::Generate("truce.example/idlib-2020");
  auto signed_note = center.Sign(body);
  ASSERT_TRUE(signed_note.ok());
  auto note = ParseNote(*signed_note);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(note->text, body);
  EXPECT_TRUE(VerifySignature(*note, note->signatures[0], center.verifier()));
}

TEST(Checkpoint, RefusesMalformedBodies) {
  std::string root = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=";
  EXPECT_TRUE(ParseCheckpoint("log\n8\n" + root + "\n").ok());
  EXPECT_TRUE(ParseCheckpoint("log\n0\n" + root + "\next one\n").ok());
  for (const std::string& bad :
       std::vector<std::string>{"log\n8\n" + root, "log\n08\n" + root + "\n", "log\n-8\n" + root + "\n",
                                std::string("log\n8\nnot-base64\n"), "\n8\n" + root + "\n", "log\n8\n" + root + "\n\n",
                                "log\n8\n" + root.substr(4) + "\n", std::string("log\n8\n"),
                                "log\n18446744073709551616\n" + root + "\n",  // over 2^64 - 1 (found in review)
                                // Found by fuzzing: the same 32 bytes in non-canonical base64.
                                "log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyh=\n"}) {
    EXPECT_FALSE(ParseCheckpoint(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace truce::reg
