#include "truce/register/log_tree.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "truce/register/tiles.h"
#include "truce/register/verifier.h"

namespace truce::reg {
namespace {

Hash Leaf(uint64_t i) { return LeafHash("entry " + std::to_string(i)); }

// The stored tree answers exactly as the reference tree of RFC 9162's
// definitions, for roots and both proofs, at every size up to 300.
TEST(LogTree, AgreesWithTheReferenceTree) {
  LogTree tree;
  MerkleTree ref;
  std::mt19937_64 rng(7);
  for (uint64_t n = 1; n <= 300; ++n) {
    tree.Append(Leaf(n));
    ref.Append(Leaf(n));
    ASSERT_EQ(tree.Root(), ref.Root()) << n;
    uint64_t i = rng() % n, m = 1 + rng() % n;
    EXPECT_EQ(*tree.InclusionProof(i, n), *ref.InclusionProof(i, n));
    EXPECT_EQ(*tree.ConsistencyProof(m, n), *ref.ConsistencyProof(m, n));
    EXPECT_TRUE(VerifyInclusion(i, n, Leaf(i + 1), *tree.InclusionProof(i, n), tree.Root()).ok());
    EXPECT_TRUE(VerifyConsistency(m, n, tree.Root(m), tree.Root(), *tree.ConsistencyProof(m, n)).ok());
  }
}

TEST(LogTree, TruncateForgetsWhatWasNotCommitted) {
  LogTree tree, ten;
  for (uint64_t i = 0; i < 10; ++i) {
    tree.Append(Leaf(i));
    ten.Append(Leaf(i));
  }
  for (uint64_t i = 10; i < 77; ++i) tree.Append(Leaf(i));
  tree.Truncate(10);
  EXPECT_EQ(tree.size(), 10u);
  EXPECT_EQ(tree.Root(), ten.Root());
  tree.Append(Leaf(10));
  ten.Append(Leaf(10));
  EXPECT_EQ(tree.Root(), ten.Root());
}

// tlog-tiles: a level-1 hash is the root of 256 leaves; a partial tile holds
// what exists; asking beyond it is NotFound.
TEST(LogTree, TilesHoldTheCompleteSubtrees) {
  LogTree tree;
  for (uint64_t i = 0; i < 70000; ++i) tree.Append(Leaf(i));
  auto t0 = tree.Tile(0, 273, 112);
  ASSERT_TRUE(t0.ok());
  EXPECT_EQ(t0->size(), 112 * 32u);
  EXPECT_EQ(t0->substr(0, 32), std::string(reinterpret_cast<const char*>(Leaf(273 * 256).data()), 32));
  EXPECT_EQ(tree.Tile(0, 273, 113).status().code(), Code::kNotFound);
  auto t1 = tree.Tile(1, 1, 17);
  ASSERT_TRUE(t1.ok());
  // Level 1, hash 1: the root of leaves 256..511.
  auto first = tree.Tile(1, 0, 2);
  ASSERT_TRUE(first.ok());
  MerkleTree second;
  for (uint64_t i = 256; i < 512; ++i) second.Append(Leaf(i));
  Hash h;
  std::memcpy(h.data(), first->data() + 32, 32);
  EXPECT_EQ(h, second.Root());
  EXPECT_TRUE(tree.Tile(2, 0, 1).ok());
  EXPECT_EQ(tree.Tile(2, 0, 2).status().code(), Code::kNotFound);
}

TEST(TilePath, SpecExamplesRoundTrip) {
  for (const char* p : {"0/000", "0/999", "0/x001/000", "0/x001/x234/067", "0/273.p/112", "1/001.p/17", "2/000.p/1",
                        "entries/x003/906.p/64", "63/000"}) {
    auto t = ParseTilePath(p);
    ASSERT_TRUE(t.ok()) << p << ": " << t.status().ToString();
    EXPECT_EQ(FormatTilePath(*t), std::string("tile/") + p);
  }
  EXPECT_EQ(ParseTilePath("0/x001/x234/067")->index, 1234067u);
  EXPECT_EQ(ParseTilePath("0/273.p/112")->width, 112u);
  for (const char* bad : {"", "0", "0/1", "0/0001", "00/000", "64/000", "0/000.p/0", "0/000.p/256", "0/x000/001",
                          "0/001/", "0/001.p/017", "x/000", "entries/000.p"}) {
    EXPECT_FALSE(ParseTilePath(bad).ok()) << bad;
  }
}

TEST(Bundle, LengthPrefixedEntries) {
  std::string b = EncodeBundle({"abc", "", std::string(300, 'x')});
  EXPECT_EQ(b.substr(0, 5), std::string("\x00\x03"
                                        "abc",
                                        5));
  auto back = ParseBundle(b);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 3u);
  EXPECT_EQ((*back)[2].size(), 300u);
  EXPECT_FALSE(ParseBundle(b.substr(0, b.size() - 1)).ok());
  EXPECT_FALSE(ParseBundle(std::string("\x00", 1)).ok());
}

}  // namespace
}  // namespace truce::reg
