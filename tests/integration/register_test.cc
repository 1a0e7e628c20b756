// The register as a client sees it over HTTP: every write endpoint refuses
// every way of writing without the right key, and what it serves (the
// checkpoint, proofs, tlog-tiles) checks out with nothing but the pinned keys.
#include <cstdlib>
#include <cstring>

#include "serve_fixture.h"
#include "truce/mission/mission.h"
#include "truce/register/base64.h"
#include "truce/register/checkpoint.h"
#include "truce/register/merkle_tree.h"
#include "truce/register/tiles.h"
#include "truce/register/verifier.h"

namespace {

using nlohmann::json;
using truce::testing::Serve;

class Register : public Serve {
 protected:
  static std::string TrReport(const std::string& id) { return Report(id, "2020-03-10T14:20:00+03:00", 35.84, 36.61); }
  static std::string Entry(const truce::reg::NoteSigner& key, const std::string& party, const json& body,
                           const std::string& kind = "report") {
    auto e = truce::reg::MakeEntry(kind, party, key.verifier().name, truce::Instant{1583839200000, 180}, body, &key);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    return e->bytes;
  }
  uint64_t Size() { return Get("/v1/register/entries?start=0&end=0")["size"]; }
  // POSTs to `path` and expects `status`; for a refusal, nothing changes.
  void Expect(const std::string& path, const std::string& body, int status, const std::string& needle = "") {
    int64_t count = Count();
    uint64_t size = Size();
    auto res = Client().Post(path, body, "application/x-ndjson");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
    if (!needle.empty()) {
      EXPECT_NE(res->body.find(needle), std::string::npos) << needle << " not in " << res->body;
    }
    if (status >= 400) {
      EXPECT_EQ(Count(), count);
      EXPECT_EQ(Size(), size);
    }
  }
};

TEST_F(Register, EveryWriteEndpointRefusesEveryWayOfWritingWithoutTheRightKey) {
  int n = 0;
  for (const std::string path : {"/v1/reports", "/v1/register/entries"}) {
    auto id = [&] { return "forgery-" + std::to_string(++n); };
    json report = json::parse(TrReport(id()));
    // The right key: TR's observer, for TR.
    Expect(path, Entry(Key("tr-obs-1"), "TR", report), 201);
    // Each other role of the same party.
    for (const char* other : {"tr-analyst", "tr-lead", "tr-admin", "tr-party"}) {
      Expect(path, Entry(Key(other), "TR", json::parse(TrReport(id()))), 403, "needs observer");
    }
    // As another party: TR's key naming RU, and RU's key filing TR's claim.
    Expect(path, Entry(Key("tr-obs-1"), "RU", json::parse(TrReport(id()))), 403, "belongs to TR");
    Expect(path, Entry(Key("ru-obs-1"), "RU", json::parse(TrReport(id()))), 403, "only report for itself");
    // An unknown key, and a witness key (which signs no entries).
    Expect(path, Entry(truce::reg::NoteSigner::Generate("tr-obs-9"), "TR", json::parse(TrReport(id()))), 403,
           "unknown key");
    Expect(path, Entry(Key("tr-witness"), "TR", json::parse(TrReport(id()))), 403, "unknown key");
    // A valid signature over bytes changed afterwards.
    json altered = json::parse(Entry(Key("tr-obs-1"), "TR", json::parse(TrReport(id()))));
    altered["body"]["blames"] = "SY-OPP";
    Expect(path, altered.dump(), 403, "does not match");
    // No signature at all.
    Expect(path, TrReport(id()), 403, "not a signed entry");
  }
}

TEST_F(Register, KeysAreAddedAndRevokedOnTheRecordByThePartyKeyOnly) {
  auto fresh = truce::reg::NoteSigner::Generate("tr-obs-new");
  json add = {{"action", "add"}, {"key", fresh.verifier().ToString()}, {"roles", {"observer"}}};
  // Not by an observer, not for another party.
  Expect("/v1/register/entries", Entry(Key("tr-obs-1"), "TR", add, "key"), 403, "needs party");
  Expect("/v1/register/entries", Entry(Key("tr-party"), "RU", add, "key"), 403, "belongs to TR");
  Expect("/v1/register/entries", Entry(Key("tr-party"), "TR", add, "key"), 201);
  Expect("/v1/reports", Entry(fresh, "TR", json::parse(TrReport("by-new-key"))), 201);
  json keys = Get("/v1/register/keys");
  bool listed = false;
  for (const auto& k : keys["keys"]) listed |= k["name"] == "tr-obs-new" && k["party"] == "TR";
  EXPECT_TRUE(listed);
  // Revoked: it signs nothing more.
  Expect("/v1/register/entries", Entry(Key("tr-party"), "TR", {{"action", "revoke"}, {"name", "tr-obs-new"}}, "key"),
         201);
  Expect("/v1/reports", Entry(fresh, "TR", json::parse(TrReport("after-revocation"))), 403, "revoked");
}

TEST_F(Register, CheckpointProofsAndTilesCheckOutWithThePinnedKeyAlone) {
  std::string batch;
  for (int i = 0; i < 300; ++i) batch += Sign(TrReport("tiles-" + std::to_string(i))) + "\n";
  Post("/v1/reports", batch, 201, "application/x-ndjson");
  auto mission = truce::LoadMission(std::string(TRUCE_SOURCE_DIR) + "/missions/idlib-2020");
  ASSERT_TRUE(mission.ok());
  auto log_key = truce::reg::NoteVerifier::Parse(mission->log.log_key);
  auto vkey = Client().Get("/v1/register/vkey");
  EXPECT_EQ(vkey->body, mission->log.log_key + "\n");

  auto res = Client().Get("/v1/register/checkpoint");
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; charset=utf-8");
  auto note = truce::reg::ParseNote(res->body);
  ASSERT_TRUE(note.ok());
  EXPECT_TRUE(truce::reg::VerifySignature(*note, note->signatures[0], *log_key));
  auto cp = truce::reg::ParseCheckpoint(note->text);
  ASSERT_TRUE(cp.ok());
  EXPECT_EQ(cp->origin, "truce.example/idlib-2020");
  ASSERT_GE(cp->size, 300u);

  // Level-0 tiles are the leaf hashes of the entry bundles, and they fold
  // into the signed root.
  truce::reg::MerkleTree tree;
  for (uint64_t n = 0; n * 256 < cp->size; ++n) {
    truce::reg::TilePath t{true, 0, n, std::min<uint64_t>(256, cp->size - n * 256)};
    auto bundle = Client().Get("/v1/register/" + truce::reg::FormatTilePath(t));
    ASSERT_EQ(bundle->status, 200);
    auto entries = truce::reg::ParseBundle(bundle->body);
    ASSERT_TRUE(entries.ok());
    t.entries = false;
    auto hashes = Client().Get("/v1/register/" + truce::reg::FormatTilePath(t));
    ASSERT_EQ(hashes->status, 200);
    ASSERT_EQ(hashes->body.size(), entries->size() * 32);
    for (size_t i = 0; i < entries->size(); ++i) {
      auto h = truce::reg::LeafHash((*entries)[i]);
      EXPECT_EQ(hashes->body.substr(i * 32, 32), std::string(reinterpret_cast<const char*>(h.data()), 32));
      tree.Append(h);
    }
  }
  EXPECT_EQ(tree.Root(), cp->root);
  EXPECT_EQ(Client().Get("/v1/register/tile/0/x999/000")->status, 404);

  auto b64 = [](const json& s) {
    truce::reg::Hash h;
    auto raw = truce::reg::Unbase64(s.get<std::string>(), "hash");
    std::memcpy(h.data(), raw->data(), 32);
    return h;
  };
  for (uint64_t index : {uint64_t(0), uint64_t(7), cp->size - 1}) {
    json p = Get("/v1/register/proof/inclusion?index=" + std::to_string(index) + "&size=" + std::to_string(cp->size));
    std::vector<truce::reg::Hash> proof;
    for (const auto& h : p["proof"]) proof.push_back(b64(h));
    EXPECT_TRUE(truce::reg::VerifyInclusion(index, cp->size, b64(p["leaf_hash"]), proof, cp->root).ok());
  }
  json c = Get("/v1/register/proof/consistency?old=5&new=" + std::to_string(cp->size));
  std::vector<truce::reg::Hash> proof;
  for (const auto& h : c["proof"]) proof.push_back(b64(h));
  EXPECT_TRUE(truce::reg::VerifyConsistency(5, cp->size, tree.Root(5), cp->root, proof).ok());
  Get("/v1/register/proof/inclusion?index=1&size=999999999", 404);

  // And truce verify, reading the tiles as any tlog-tiles client would.
  std::string cmd = std::string(TRUCE_BINARY) + " verify http://127.0.0.1:" + std::to_string(port_) +
                    "/v1/register/ --mission " + TRUCE_SOURCE_DIR + "/missions/idlib-2020 --key " + TRUCE_SOURCE_DIR +
                    "/missions/idlib-2020/keys/demo/tr-obs-1.key >/dev/null";
  EXPECT_EQ(std::system(cmd.c_str()), 0);
}

}  // namespace
