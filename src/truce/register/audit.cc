#include "truce/register/audit.h"

#include "truce/register/review_entries.h"

#include <algorithm>
#include <map>
#include <thread>

#include "truce/register/base64.h"
#include "truce/register/checkpoint.h"

namespace truce::reg {
namespace {

constexpr size_t kMaxListed = 100;

// Runs f(i) for i in [0, n) on `threads` threads.
template <typename F>
void ParallelFor(size_t n, unsigned threads, F f) {
  if (threads <= 1 || n < 256) {
    for (size_t i = 0; i < n; ++i) f(i);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (size_t i = t; i < n; i += threads) f(i);
    });
  }
  for (auto& th : pool) th.join();
}

constexpr std::string_view kKinds[] = {"",
                                       kind::kReport,
                                       kind::kBatch,
                                       kind::kKey,
                                       kind::kDetermination,
                                       kind::kCosign,
                                       kind::kDispute,
                                       kind::kUnverifiable,
                                       kind::kPatrolPlan,
                                       kind::kPatrolAgree,
                                       kind::kPatrolOutcome,
                                       kind::kFlightNotice};

uint8_t KindCode(const Result<Entry>& e) {
  if (!e.ok()) return 0;
  for (size_t k = 1; k < std::size(kKinds); ++k) {
    if (kKinds[k] == e->kind) return uint8_t(k);
  }
  return 0;
}

std::string B64(const Hash& h) { return Base64({reinterpret_cast<const char*>(h.data()), h.size()}); }

}  // namespace

Audit::Audit(AuditTrust trust, unsigned threads)
    : trust_(std::move(trust)), threads_(threads ? threads : std::max(1u, std::thread::hardware_concurrency())) {}

void Audit::Find(std::string kind, std::string message) {
  if (result_.findings.size() < kMaxListed) {
    result_.findings.push_back({std::move(kind), std::move(message)});
  } else {
    ++result_.more_findings;
  }
}

void Audit::CheckOne(uint64_t i, Result<Entry>& parsed, std::vector<Signed>* to_verify) {
  const std::string at = "entry " + std::to_string(i);
  auto bad = [&](const char* kind, const std::string& why) {
    first_bad_entry_ = std::min(first_bad_entry_, i);
    Find(kind, at + ": " + why);
  };
  if (!parsed.ok()) {
    // Not canonical, or not an entry at all: what was signed is not what is here.
    bad(parsed.status().message().find("canonical") != std::string::npos ? "edited-entry" : "malformed-entry",
        parsed.status().message());
    if (batch_) {
      batch_->members.Append(LeafHash(""));  // a member that cannot be read spoils the batch
      batch_->seqs.push_back(int64_t(batch_->seqs.size()));
      if (--batch_->remaining == 0) CloseBatch();
    }
    return;
  }
  Entry& e = *parsed;
  if (batch_) {
    // A member of the open batch: no signature of its own, the seal's signer.
    if (e.sealed() && e.party == batch_->seal.party && e.signer == batch_->seal.signer) {
      if (e.kind != kind::kReport) bad("bad-batch", "a batch seals only report entries, not " + e.kind);
      CheckReportingParty(i, e);
      batch_->members.Append(e.leaf_hash());
      batch_->seqs.push_back(e.seq);
      if (--batch_->remaining == 0) CloseBatch();
      return;
    }
    CloseBatch();  // it ended early; this entry is read on its own
  }
  if (e.sealed()) {
    bad("unsealed-entry",
        "it carries no signature and no batch seal covers it (an entry was forged, or its seal deleted)");
    return;
  }
  uint32_t role = RoleForKind(e.kind == kind::kBatch ? std::string(kind::kReport) : e.kind);
  if (Status st = trust_.keys.Authorize(e, role); !st.ok()) {
    const KeyRecord* k = trust_.keys.Find(e.signer);
    if (!k) {
      bad("forged-signature", st.message());
    } else if (k->party != e.party) {
      bad("wrong-party-signature", st.message());
    } else {
      bad("unauthorized-entry", st.message());
    }
  } else {
    to_verify->push_back({i, &e, &trust_.keys.Find(e.signer)->key});
  }
  CheckReplay(i, e);
  if (e.kind == kind::kReport) CheckReportingParty(i, e);
  if (IsReviewKind(e.kind)) CheckReview(i, e);
  if (IsPatrolKind(e.kind)) CheckPatrol(i, e);
  ++result_.signatures;
  if (e.kind == kind::kKey) CheckKeyEntry(i, e);
  if (e.kind == kind::kBatch) {
    ++result_.batches;
    auto seal = ReadBatchSeal(e);
    if (!seal.ok()) {
      bad("malformed-entry", seal.status().message());
    } else {
      batch_ = OpenBatch{i, e, seal->count, LogTree(), {}};
    }
  }
}

// A signed entry is written once (the server answers a copy as a
// duplicate): a second copy in the log was put there around the server.
void Audit::CheckReplay(uint64_t i, const Entry& e) {
  auto [it, fresh] = signed_.emplace(e.leaf_hash(), i);
  if (fresh) return;
  first_bad_entry_ = std::min(first_bad_entry_, i);
  Find("replayed-entry", "entry " + std::to_string(i) + ": it repeats entry " + std::to_string(it->second) +
                             " byte for byte; a signed entry is written once, and a copy changes nothing");
}

// A key entry under today's rules. One the center accepted under the
// older ones (an unknown member, a witness key's name) is flagged but still
// applied, so the entries after it are judged by the keys the center had.
void Audit::CheckKeyEntry(uint64_t i, const Entry& e) {
  Status st = trust_.keys.Apply(e);
  if (st.ok()) return;
  first_bad_entry_ = std::min(first_bad_entry_, i);
  Find("unauthorized-entry", "entry " + std::to_string(i) + ": " + st.message());
  (void)trust_.keys.ApplyLogged(e);
}

// A review entry has its body's shape, a position (cosign, dispute,
// unverifiable) is about an earlier determination of the incident it names,
// a determination cites earlier report entries, and each names as
// `previous` the position or determination it follows (the server's rules,
// reg::ReviewChain).
void Audit::CheckReview(uint64_t i, const Entry& e) {
  const std::string at = "entry " + std::to_string(i);
  if (Status st = CheckReviewBody(e, ReviewBodyRules::kLogged); !st.ok()) {
    first_bad_entry_ = std::min(first_bad_entry_, i);
    return Find("malformed-entry", at + ": " + st.message());
  }
  auto bad_review = [&](const std::string& why) {
    first_bad_entry_ = std::min(first_bad_entry_, i);
    Find("bad-review", at + ": " + why);
  };
  if (e.kind == kind::kDetermination) {
    Status cited = CheckReportEntries(i, e, [&](uint64_t k) { return KindAt(k); });
    if (!cited.ok()) bad_review(cited.message());
  }
  Status order = review_.Admit(i, e);
  if (order.code() == Code::kAlreadyExists) return;  // a replayed-entry, flagged as such
  if (order.ok()) return review_.Apply(i, e);
  const std::string a_kind = (e.kind == kind::kUnverifiable ? "an " : "a ") + e.kind;
  if (order.code() == Code::kFailedPrecondition) {
    return bad_review(a_kind + " that changes nothing: " + order.message());
  }
  bad_review(a_kind + " of entry " + std::to_string(ReferencedDetermination(e)) + " for " +
             e.body["incident"].get<std::string>() + ", which is not an earlier determination of that incident");
}

// The kind of the entry at `k` as read so far: "" when not yet read.
Result<std::string> Audit::KindAt(uint64_t k) const {
  if (k >= kinds_.size()) return std::string();
  return kinds_[k] ? std::string(kKinds[kinds_[k]]) : std::string("unreadable");
}

// A patrol entry has its body's shape, an outcome cites earlier report
// entries, and each keeps the patrol's order (the server's rules,
// reg::PatrolChain): a plan agreed by its parties before its outcome.
void Audit::CheckPatrol(uint64_t i, const Entry& e) {
  const std::string at = "entry " + std::to_string(i);
  if (Status st = CheckPatrolBody(e); !st.ok()) {
    first_bad_entry_ = std::min(first_bad_entry_, i);
    return Find("malformed-entry", at + ": " + st.message());
  }
  auto bad_patrol = [&](const std::string& why) {
    first_bad_entry_ = std::min(first_bad_entry_, i);
    Find("bad-patrol", at + ": " + why);
  };
  if (e.kind == kind::kPatrolOutcome) {
    Status cited = CheckReportEntries(i, e, [&](uint64_t k) { return KindAt(k); });
    if (!cited.ok()) bad_patrol(cited.message());
  }
  Status order = patrols_.Admit(i, e);
  if (order.code() == Code::kAlreadyExists) return;  // a replayed-entry, flagged as such
  if (order.ok()) return patrols_.Apply(i, e);
  bad_patrol("a " + e.kind + " out of order: " + order.message());
}

// A center party reports only for itself (the server's rule at write time).
void Audit::CheckReportingParty(uint64_t i, const Entry& e) {
  auto source = e.body.find("source");
  if (source == e.body.end() || !source->is_object()) return;
  auto party = source->find("party");
  if (party == source->end() || !party->is_string()) return;
  const std::string& p = party->get_ref<const std::string&>();
  if (p == e.party) return;
  for (const auto& [name, k] : trust_.keys.keys()) {
    if (k.party == p) {
      first_bad_entry_ = std::min(first_bad_entry_, i);
      Find("wrong-party-report", "entry " + std::to_string(i) + ": a report of " + p + " filed under " + e.party +
                                     "'s key: a center party reports only for itself");
      return;
    }
  }
}

void Audit::CloseBatch() {
  OpenBatch b = std::move(*batch_);
  batch_.reset();
  const uint64_t s = b.seal_index;
  const std::string which = "the batch sealed at entry " + std::to_string(s);
  auto bad = [&](const char* kind, const std::string& why) {
    first_bad_entry_ = std::min(first_bad_entry_, s);
    Find(kind, why);
  };
  auto seal = ReadBatchSeal(b.seal);
  if (!seal.ok()) return;
  if (b.remaining > 0) {
    return bad("deleted-entries", which + " sealed " + std::to_string(seal->count) + " entries, but only " +
                                      std::to_string(b.seqs.size()) + " follow it: " + std::to_string(b.remaining) +
                                      " were deleted");
  }
  for (size_t k = 0; k < b.seqs.size(); ++k) {
    if (b.seqs[k] != int64_t(k)) {
      return bad("reordered-entries", which + " is out of order: entry " + std::to_string(s + 1 + k) +
                                          " holds the batch's position " + std::to_string(b.seqs[k]) + ", not " +
                                          std::to_string(k));
    }
  }
  if (b.members.Root() != seal->root) {
    bad("edited-entry", "an entry of " + which + " (entries " + std::to_string(s + 1) + ".." +
                            std::to_string(s + seal->count) +
                            ") was changed after sealing: they are all there and in order, but do not hash to the root "
                            "its seal signed");
  }
}

void Audit::AddEntries(const std::vector<std::string>& block) {
  const uint64_t first = tree_.size();
  std::vector<Result<Entry>> parsed(block.size(), Status::Internal("unread"));
  std::vector<Hash> hashes(block.size());
  ParallelFor(block.size(), threads_, [&](size_t j) {
    parsed[j] = ParseLeaf(block[j]);
    hashes[j] = LeafHash(block[j]);
  });
  std::vector<Signed> to_verify;
  for (size_t j = 0; j < block.size(); ++j) {
    tree_.Append(hashes[j]);
    kinds_.push_back(KindCode(parsed[j]));
    CheckOne(first + j, parsed[j], &to_verify);
  }
  std::vector<char> good(to_verify.size());
  ParallelFor(to_verify.size(), threads_,
              [&](size_t k) { good[k] = VerifyEntrySignature(*to_verify[k].entry, *to_verify[k].key); });
  for (size_t k = 0; k < to_verify.size(); ++k) {
    if (good[k]) continue;
    first_bad_entry_ = std::min(first_bad_entry_, to_verify[k].index);
    Find("edited-entry",
         "entry " + std::to_string(to_verify[k].index) + ": the signature of key '" + to_verify[k].entry->signer +
             "' does not match the entry's bytes: it was changed after signing, or the signature is forged");
  }
  result_.entries = tree_.size();
}

void Audit::AddCheckpoint(const std::string& note) { checkpoints_.push_back(note); }
void Audit::SetNewest(const std::string& note) { newest_ = note; }
void Audit::Since(const std::string& note) { since_ = note; }

std::optional<std::pair<uint64_t, Hash>> Audit::ReadCheckpoint(const std::string& text, const char* what) {
  auto note = ParseNote(text);
  if (!note.ok()) {
    Find("forged-checkpoint", std::string(what) + " is not a signed note: " + note.status().message());
    return std::nullopt;
  }
  bool signed_by_log = false;
  for (const auto& s : note->signatures) signed_by_log |= VerifySignature(*note, s, trust_.log_key);
  auto cp = ParseCheckpoint(note->text);
  if (!signed_by_log || !cp.ok()) {
    Find("forged-checkpoint", std::string(what) + " is not signed by the pinned log key " + trust_.log_key.name);
    return std::nullopt;
  }
  if (cp->origin != trust_.origin) {
    Find("checkpoint-mismatch", std::string(what) + " is of the log '" + cp->origin + "', not '" + trust_.origin + "'");
    return std::nullopt;
  }
  return std::pair{cp->size, cp->root};
}

AuditResult Audit::Finish() {
  if (batch_) CloseBatch();
  const uint64_t n = tree_.size();
  std::map<uint64_t, Hash> signed_roots;
  for (const std::string& c : checkpoints_) {
    if (auto cp = ReadCheckpoint(c, "a checkpoint")) {
      ++result_.checkpoints;
      auto [it, fresh] = signed_roots.emplace(cp->first, cp->second);
      if (!fresh && it->second != cp->second) {
        Find("forked-history", "the log signed two different trees of size " + std::to_string(cp->first));
      }
    }
  }
  std::optional<std::pair<uint64_t, Hash>> newest;
  if (!newest_.empty()) {
    newest = ReadCheckpoint(newest_, "the newest checkpoint");
    if (newest) {
      auto [it, fresh] = signed_roots.emplace(newest->first, newest->second);
      if (!fresh && it->second != newest->second) {
        Find("forked-history", "the newest checkpoint and another the log signed are two different trees of size " +
                                   std::to_string(newest->first));
      }
    }
  }
  // Each signed tree against the entries: the first that differs shows where.
  const bool short_log = !signed_roots.empty() && signed_roots.rbegin()->first > n;
  uint64_t good_up_to = 0;
  for (const auto& [size, root] : signed_roots) {
    if (size <= n && tree_.Root(size) == root) {
      good_up_to = size;
      continue;
    }
    const std::string range = "entries " + std::to_string(good_up_to) + ".." + std::to_string(size - 1);
    if (short_log) {
      const uint64_t signed_n = signed_roots.rbegin()->first;
      Find("deleted-entries", "the log signed " + std::to_string(signed_n) + " entries, but only " + std::to_string(n) +
                                  " are here: " + std::to_string(signed_n - n) +
                                  " were deleted, the first of them among " + range);
    } else if (first_bad_entry_ >= good_up_to && first_bad_entry_ < size) {
      Find("checkpoint-mismatch", range + " do not hash to the root signed at size " + std::to_string(size) +
                                      " (see the entries named above)");
    } else {
      Find("reordered-entries",
           range + " all carry valid signatures, but do not hash to the root the log signed at size " +
               std::to_string(size) + ": entries were reordered, or replaced by other signed ones");
    }
    break;
  }
  if (newest && n > newest->first) {
    Find("unverified-entries",
         "entries " + std::to_string(newest->first) + ".." + std::to_string(n - 1) +
             " are under no checkpoint the log signed: they were added after it, by someone else");
  }
  if (!since_.empty()) {
    if (auto old = ReadCheckpoint(since_, "the checkpoint you hold")) {
      if (old->first > n) {
        Find("deleted-entries", "the checkpoint you hold is of size " + std::to_string(old->first) + ", but only " +
                                    std::to_string(n) + " entries are here: the log was rolled back");
      } else if (tree_.Root(old->first) != old->second) {
        Find("forked-history", "the log's tree of size " + std::to_string(old->first) + " has root " +
                                   B64(tree_.Root(old->first)) +
                                   ", but the checkpoint you hold, signed by the same log key, says " +
                                   B64(old->second) + ": the log showed you one history and this export another");
      }
    }
  }
  if (newest) {
    result_.size = newest->first;
    result_.root = newest->second;
    auto note = ParseNote(newest_);
    for (const auto& [party, witness] : trust_.witnesses) {
      bool cosigned = false;
      for (const auto& s : note->signatures) {
        auto t = VerifyCosignature(*note, s, witness);
        if (t.ok()) {
          cosigned = true;
        } else if (t.status().code() != Code::kNotFound) {
          Find("bad-cosignature", "the cosignature of " + party + "'s witness: " + t.status().message());
        }
      }
      (cosigned ? result_.cosigned_by : result_.not_cosigned_by).push_back(party);
    }
  } else if (newest_.empty() && n > 0) {
    Find("checkpoint-mismatch", "there is no signed checkpoint to check the entries against");
  }
  result_.entries = n;
  return result_;
}

}  // namespace truce::reg
