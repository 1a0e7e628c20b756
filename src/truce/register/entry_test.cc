#include "truce/register/entry.h"

#include <gtest/gtest.h>

#include "truce/core/canonical_json.h"

namespace truce::reg {
namespace {

using nlohmann::json;

TEST(Entry, CanonicalBytesAndWhatIsSigned) {
  auto key = NoteSigner::Generate("tr-obs");
  // A body that itself holds "sig" members, one with the very signature text.
  auto e = MakeEntry("report", "TR", "tr-obs", Instant{1583839200000, 180},
                     {{"id", "x"}, {"text", "\"sig\":\"AAAA\","}, {"sig", "decoy"}}, &key);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  json j = json::parse(e->bytes);
  json tricky = j;
  tricky["body"]["zz"] = {{"sig", j["sig"]}, {"signed_at", "x"}};
  tricky.erase("sig");
  auto resigned = MakeEntry("report", "TR", "tr-obs", Instant{1583839200000, 180}, tricky["body"], &key);
  for (const Entry& entry : {*e, *resigned}) {
    json without = json::parse(entry.bytes);
    without.erase("sig");
    EXPECT_EQ(entry.signed_bytes, *CanonicalJson(without));
    EXPECT_TRUE(VerifyEntrySignature(entry, key.verifier()));
    auto leaf = ParseLeaf(entry.bytes);
    ASSERT_TRUE(leaf.ok());
    EXPECT_EQ(leaf->signed_bytes, entry.signed_bytes);
  }
  // Any spelling reads to the same canonical bytes; a non-canonical leaf is refused.
  json spaced = json::parse(e->bytes);
  auto again = ParseEntry(spaced.dump(2));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->bytes, e->bytes);
  EXPECT_FALSE(ParseLeaf(spaced.dump(2)).ok());
}

TEST(Entry, RefusalsNameTheField) {
  auto key = NoteSigner::Generate("tr-obs");
  auto e = MakeEntry("report", "TR", "tr-obs", Instant{0, 0}, {{"id", "x"}}, &key);
  json j = json::parse(e->bytes);
  auto refuse = [&](json changed, const std::string& needle) {
    auto r = ParseEntry(changed.dump());
    ASSERT_FALSE(r.ok()) << changed.dump();
    EXPECT_NE(r.status().message().find(needle), std::string::npos) << r.status().message();
  };
  json c = j;
  c["v"] = 2;
  refuse(c, "\"v\"");
  c = j;
  c["kind"] = "poem";
  refuse(c, "kind");
  c = j;
  c.erase("party");
  refuse(c, "party");
  c = j;
  c["signed_at"] = "yesterday";
  refuse(c, "signed_at");
  c = j;
  c["body"] = 3;
  refuse(c, "body");
  c = j;
  c["sig"] = "AAAA";
  refuse(c, "64 bytes");
  c = j;
  c["extra"] = 1;
  refuse(c, "unknown field");
  c = j;
  c["seq"] = 0;
  refuse(c, "seq");
  c = j;
  c.erase("sig");
  refuse(c, "neither");
  c = j;
  c["body"]["text"] = std::string(70000, 'x');
  refuse(c, "65535");
  EXPECT_EQ(ParseEntry(R"({"id":"a report, not an entry"})").status().code(), Code::kPermissionDenied);
}

}  // namespace
}  // namespace truce::reg

namespace truce::reg {
namespace {

TEST(Entry, ASealedEntryMadeFromCanonicalBytesIsTheSameEntry) {
  const nlohmann::json body = {{"id", "x\"y"}, {"text", "Ariha — \n"}, {"n", 4508.0}, {"z", {{"b", 1}, {"a", -0.5}}}};
  for (int64_t seq : {0, 7, 123456789}) {
    auto made = MakeEntry("report", "TR \"1\"", "tr-obs", Instant{1583839200000, 180}, body, nullptr, seq);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    auto fast = MakeSealedEntry("report", "TR \"1\"", "tr-obs", Instant{1583839200000, 180}, *CanonicalJson(body), seq);
    ASSERT_TRUE(fast.ok()) << fast.status().ToString();
    EXPECT_EQ(fast->bytes, made->bytes);
    EXPECT_EQ(fast->leaf_hash(), made->leaf_hash());
    EXPECT_EQ(fast->seq, seq);
    EXPECT_TRUE(fast->sealed());
    auto leaf = ParseLeaf(fast->bytes);  // and it reads back as a canonical leaf
    ASSERT_TRUE(leaf.ok()) << leaf.status().ToString();
    EXPECT_EQ(leaf->party, "TR \"1\"");
  }
  EXPECT_FALSE(MakeSealedEntry("nonsense", "TR", "tr-obs", Instant{0, 0}, "{}", 0).ok());
}

}  // namespace
}  // namespace truce::reg
