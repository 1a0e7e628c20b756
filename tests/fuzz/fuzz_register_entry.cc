// The register's entry parser on arbitrary bytes: no crash; an entry that
// parses has a canonical form that parses again to the same bytes; batch
// seals, key changes and review bodies read from any parsed entry without
// crashing.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "truce/core/canonical_json.h"
#include "truce/register/entry.h"
#include "truce/register/keyring.h"
#include "truce/register/review_entries.h"
#include "truce/review/review.h"
#include "truce/wire/findings.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto e = truce::reg::ParseEntry(text);
  if (!e.ok()) return 0;
  auto again = truce::reg::ParseLeaf(e->bytes);
  if (!again.ok() || again->bytes != e->bytes || again->signed_bytes != e->signed_bytes) std::abort();
  if (!e->sealed()) {
    // What is signed is the canonical form without "sig", however it is cut.
    auto j = nlohmann::json::parse(e->bytes);
    j.erase("sig");
    if (*truce::CanonicalJson(j) != e->signed_bytes) std::abort();
  }
  (void)truce::reg::ReadBatchSeal(*e);
  truce::reg::KeyRing keys;
  (void)keys.CheckKeyChange(*e);
  (void)keys.Check(*e);
  // Review entries: the body check, and the ledger's replay of it.
  (void)truce::reg::CheckReviewBody(*e, truce::reg::ReviewBodyRules::kNewEntry);
  (void)truce::reg::CheckReviewBody(*e, truce::reg::ReviewBodyRules::kLogged);
  truce::review::Ledger ledger({"RU", "TR"});
  if (ledger.Apply(0, *e).ok() && ledger.Apply(1, *e).ok()) {
    for (const auto& [index, d] : ledger.all()) (void)truce::wire::DeterminationJson(ledger.View(d));
  }
  // A position (cosign, dispute, unverifiable) of a well-formed body, on a
  // determination of its incident placed where it points: the ledger's
  // state rule and the wire form of every position.
  if (truce::reg::IsPositionKind(e->kind) &&
      truce::reg::CheckReviewBody(*e, truce::reg::ReviewBodyRules::kLogged).ok()) {
    const uint64_t at = truce::reg::ReferencedDetermination(*e);
    if (at < (uint64_t{1} << 62)) {
      auto d = truce::reg::MakeEntry(truce::reg::kind::kDetermination, "center", "log", e->signed_at,
                                     truce::reg::DeterminationBody(e->body["incident"].get<std::string>(), {0},
                                                                   nlohmann::json::object(), std::nullopt),
                                     nullptr, 0);
      truce::review::Ledger positions({"RU", "TR"});
      if (d.ok() && positions.Apply(at, *d).ok() && positions.Apply(at + 1, *e).ok()) {
        (void)truce::wire::DeterminationJson(positions.View(*positions.Find(at)));
      }
    }
  }
  return 0;
}
