// The register's Merkle code against the standard vectors
// (tests/data/rfc6962/vectors.json, with their source), and a property
// test against the reference tree: every proof verifies, and any single
// flipped bit, wrong index, wrong size or changed length is refused.
#include "truce/register/verifier.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <random>

#include "truce/register/merkle_tree.h"

namespace truce::reg {
namespace {

Hash FromHex(const std::string& hex) {
  Hash h{};
  for (size_t i = 0; i < h.size(); ++i) h[i] = uint8_t(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return h;
}

std::string Bytes(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out += char(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

std::vector<Hash> Proof(const nlohmann::json& list) {
  std::vector<Hash> out;
  for (const auto& h : list) out.push_back(FromHex(h));
  return out;
}

class Rfc6962Vectors : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream in(std::string(TRUCE_SOURCE_DIR) + "/tests/data/rfc6962/vectors.json");
    ASSERT_TRUE(in);
    v_ = nlohmann::json::parse(in);
    for (const auto& leaf : v_["leaves"]) tree_.Append(LeafHash(Bytes(leaf)));
  }
  nlohmann::json v_;
  MerkleTree tree_;
};

TEST_F(Rfc6962Vectors, HasherAndRoots) {
  EXPECT_EQ(HashHex(EmptyRoot()), v_["empty_root"]);
  EXPECT_EQ(HashHex(tree_.Root(0)), v_["empty_root"]);
  // A one-leaf tree's root is the leaf hash of the empty entry.
  EXPECT_EQ(HashHex(LeafHash("")), v_["roots"][0]);
  for (uint64_t n = 1; n <= 8; ++n) EXPECT_EQ(HashHex(tree_.Root(n)), v_["roots"][n - 1]) << n;
}

TEST_F(Rfc6962Vectors, InclusionProofs) {
  for (const auto& c : v_["inclusion"]) {
    uint64_t index = c["leaf"].get<uint64_t>() - 1, size = c["size"];
    auto proof = tree_.InclusionProof(index, size);
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(*proof, Proof(c["proof"])) << index << "/" << size;
    Hash root = FromHex(v_["roots"][size - 1]);
    Hash leaf = LeafHash(Bytes(v_["leaves"][index]));
    EXPECT_TRUE(VerifyInclusion(index, size, leaf, Proof(c["proof"]), root).ok());
  }
}

TEST_F(Rfc6962Vectors, ConsistencyProofs) {
  for (const auto& c : v_["consistency"]) {
    uint64_t old_size = c["old"], new_size = c["new"];
    auto proof = tree_.ConsistencyProof(old_size, new_size);
    ASSERT_TRUE(proof.ok());
    EXPECT_EQ(*proof, Proof(c["proof"])) << old_size << "->" << new_size;
    EXPECT_TRUE(VerifyConsistency(old_size, new_size, FromHex(v_["roots"][old_size - 1]),
                                  FromHex(v_["roots"][new_size - 1]), Proof(c["proof"]))
                    .ok());
  }
}

// The malformed cases every verifier must refuse (the same as CT's tests).
TEST_F(Rfc6962Vectors, RefusesMalformedProofs) {
  Hash some = FromHex("abacaba000000000000000000000000000000000000000000060061e00123456");
  Hash empty = EmptyRoot();
  for (auto [index, size] : {std::pair<uint64_t, uint64_t>{0, 0}, {1, 0}, {2, 1}}) {
    EXPECT_FALSE(VerifyInclusion(index, size, some, {}, empty).ok());
  }
  Hash r1 = some, r2 = empty;
  EXPECT_FALSE(VerifyConsistency(0, 0, r1, r2, {}).ok());
  EXPECT_FALSE(VerifyConsistency(1, 1, r1, r2, {}).ok());
  EXPECT_TRUE(VerifyConsistency(0, 0, r1, r1, {}).ok());
  EXPECT_TRUE(VerifyConsistency(0, 1, r1, r2, {}).ok());
  EXPECT_TRUE(VerifyConsistency(1, 1, r2, r2, {}).ok());
  EXPECT_FALSE(VerifyConsistency(1, 0, r1, r2, {}).ok());
  EXPECT_FALSE(VerifyConsistency(2, 1, r1, r2, {}).ok());
  EXPECT_FALSE(VerifyConsistency(1, 2, r1, r2, {}).ok());
  EXPECT_FALSE(VerifyConsistency(0, 0, empty, empty, {empty}).ok());
  EXPECT_FALSE(VerifyConsistency(0, 1, empty, empty, {empty}).ok());
  EXPECT_FALSE(VerifyConsistency(1, 1, empty, empty, {empty}).ok());
  // The 6 -> 8 vector with its old and new roots swapped, truncated, padded.
  auto proof = Proof(v_["consistency"][2]["proof"]);
  Hash root6 = FromHex(v_["roots"][5]), root8 = FromHex(v_["roots"][7]);
  EXPECT_FALSE(VerifyConsistency(6, 8, root8, root6, proof).ok());
  EXPECT_FALSE(VerifyConsistency(6, 8, root6, root8, {proof.begin(), proof.end() - 1}).ok());
  auto longer = proof;
  longer.push_back(root8);
  EXPECT_FALSE(VerifyConsistency(6, 8, root6, root8, longer).ok());
  EXPECT_FALSE(VerifyConsistency(6, 8, root6, root8, {}).ok());
}

// Property: for many random trees and (index, old size, new size), our
// proofs verify; changing any one bit, the index or a size is refused.
TEST(MerkleProperty, ProofsVerifyAndEveryBitMatters) {
  std::mt19937_64 rng(6962);
  MerkleTree tree;
  for (int i = 0; i < 300; ++i) tree.Append(LeafHash("entry " + std::to_string(i)));
  for (int trial = 0; trial < 300; ++trial) {
    uint64_t size = 1 + rng() % tree.size();
    uint64_t index = rng() % size;
    auto proof = tree.InclusionProof(index, size);
    ASSERT_TRUE(proof.ok());
    Hash root = tree.Root(size), leaf = LeafHash("entry " + std::to_string(index));
    ASSERT_TRUE(VerifyInclusion(index, size, leaf, *proof, root).ok()) << index << "/" << size;
    if (!proof->empty()) {
      auto bad = *proof;
      size_t k = rng() % bad.size();
      bad[k][rng() % 32] ^= uint8_t(1u << (rng() % 8));
      EXPECT_FALSE(VerifyInclusion(index, size, leaf, bad, root).ok());
      EXPECT_FALSE(VerifyInclusion(index, size, leaf, {proof->begin(), proof->end() - 1}, root).ok());
    }
    if (size > 1) {
      EXPECT_FALSE(VerifyInclusion((index + 1) % size, size, leaf, *proof, root).ok());
    }
    // A proof's shape binds the size only up to sizes that walk the same
    // way, so, as in CT's tests, the wrong sizes tried are double and half.
    if (size > 1) {
      EXPECT_FALSE(VerifyInclusion(index, size * 2, leaf, *proof, root).ok());
    }
    if (index < size / 2) {
      EXPECT_FALSE(VerifyInclusion(index, size / 2, leaf, *proof, root).ok());
    }

    uint64_t new_size = 1 + rng() % tree.size();
    uint64_t old_size = 1 + rng() % new_size;
    auto consistency = tree.ConsistencyProof(old_size, new_size);
    ASSERT_TRUE(consistency.ok());
    Hash old_root = tree.Root(old_size), new_root = tree.Root(new_size);
    ASSERT_TRUE(VerifyConsistency(old_size, new_size, old_root, new_root, *consistency).ok())
        << old_size << "->" << new_size;
    if (!consistency->empty()) {
      auto bad = *consistency;
      bad[rng() % bad.size()][rng() % 32] ^= uint8_t(1u << (rng() % 8));
      EXPECT_FALSE(VerifyConsistency(old_size, new_size, old_root, new_root, bad).ok());
      if (old_size > 1) {
        EXPECT_FALSE(VerifyConsistency(old_size - 1, new_size, old_root, new_root, *consistency).ok());
      }
    }
  }
}

}  // namespace
}  // namespace truce::reg
