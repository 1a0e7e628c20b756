#include "truce/center/registrar.h"

#include <algorithm>

#include "truce/mission/trust.h"
#include "truce/register/cosignature.h"

namespace truce {
namespace {

Result<std::string> SignCheckpoint(const reg::NoteSigner& key, const std::string& origin, uint64_t size,
                                   const reg::Hash& root) {
  reg::Checkpoint c{origin, size, root, {}};
  return key.Sign(c.Body());
}

}  // namespace

struct Registrar::Pending {
  std::vector<Unit> units;
  intake::BatchPolicy policy;
  std::optional<Result<SubmitResult>> result;  // set under the registrar's queue_mu_
  std::condition_variable_any done;
};

// The writer of one transaction: the store's append session, the tree held
// exclusively, and the keys as the entries appended so far leave them.
// tree_lock holds r->tree_mu_ from NewWriter to the end, beyond what the
// analysis follows: the methods that touch the tree are unchecked.
struct Registrar::Bulk::Writer {
  Registrar* r;
  std::unique_ptr<AppendSession> session;
  std::unique_lock<SharedMutex> tree_lock;
  // Shared and replaced, never changed in place: a mark keeps the pointer,
  // and only a key entry makes a new ring.
  std::shared_ptr<const reg::KeyRing> keys;
  uint64_t start_size = 0;
  struct MarkState {
    uint64_t size;
    std::shared_ptr<const reg::KeyRing> keys;
  };
  std::vector<MarkState> marks;
  bool committed = false;

  ~Writer() {
    // Not committed: the session rolls back as it is destroyed, and the
    // tree forgets what it was given.
    if (!committed && tree_lock.owns_lock()) {
      r->tree_.Truncate(start_size);
      r->review_.Truncate(start_size);
      r->patrols_.Truncate(start_size);
    }
  }

  Status Mark() TRUCE_NO_THREAD_SAFETY_ANALYSIS {
    marks.push_back({r->tree_.size(), keys});
    return session->Mark();
  }
  Status Keep() {
    marks.pop_back();
    return session->Keep();
  }
  Status Undo() TRUCE_NO_THREAD_SAFETY_ANALYSIS {
    MarkState m = std::move(marks.back());
    marks.pop_back();
    r->tree_.Truncate(m.size);
    r->review_.Truncate(m.size);
    r->patrols_.Truncate(m.size);
    keys = std::move(m.keys);
    return session->Undo();
  }

  UnitResult Add(Unit& unit) TRUCE_NO_THREAD_SAFETY_ANALYSIS {
    UnitResult res;
    const size_t n = unit.entries.size();
    res.report_ids.assign(n, 0);
    res.duplicate.assign(n, false);
    if (n == 0) {
      res.status = Status::Invalid("an empty unit");
      return res;
    }
    if (Status st = Mark(); !st.ok()) {
      res.status = st;
      return res;
    }
    auto fail = [&](Status why) {
      Status undone = Undo();
      res.status = undone.ok() ? std::move(why) : undone;
      return res;
    };
    // Checked again here, against the keys as of this point of the log: a
    // key revoked since the caller's Check() signs nothing more.
    const reg::Entry& head = unit.entries[0].entry;
    uint32_t role = reg::RoleForKind(n > 1 ? unit.entries[1].entry.kind : head.kind);
    if (Status st = keys->Authorize(head, role); !st.ok()) {
      res.line = unit.entries[0].line;
      return fail(st);
    }
    const uint64_t first = r->tree_.size();
    // A signed entry whose bytes are in the log already is a duplicate,
    // whatever its kind: answered as stored, never appended again, so a
    // copy of an old position or key change can change nothing. Looked up
    // here, under the write lock, so copies committed in one group are
    // caught too. (A signed report is recognised by its source and id.)
    std::optional<uint64_t> copy_of;
    if (!head.sealed() && head.kind != reg::kind::kReport) {
      auto found = session->FindEntry(head.leaf_hash());
      if (!found.ok()) return fail(found.status());
      copy_of = *found;
    }
    if (!copy_of && reg::IsReviewKind(head.kind)) {
      if (Status st = CheckReview(head, first); !st.ok()) {
        res.line = unit.entries[0].line;
        res.field = st.code() == Code::kFailedPrecondition ? "body.previous" : "body";
        return fail(st);
      }
    }
    if (!copy_of && reg::IsPatrolKind(head.kind)) {
      if (Status st = CheckPatrol(head, first); !st.ok()) {
        res.line = unit.entries[0].line;
        res.field = "body";
        return fail(st);
      }
    }
    std::vector<const Report*> reports;
    std::vector<uint64_t> indexes;
    std::vector<size_t> positions;
    for (size_t i = 0; i < n; ++i) {
      if (!unit.entries[i].report) continue;
      reports.push_back(&*unit.entries[i].report);
      indexes.push_back(first + i);
      positions.push_back(i);
    }
    if (!reports.empty()) {
      auto appended = session->Append(reports, indexes);
      if (!appended.ok()) return fail(appended.status());
      for (size_t k = 0; k < reports.size(); ++k) {
        size_t i = positions[k];
        if (appended->outcomes[k] == AppendOutcome::kConflict) {
          const Report& rep = *reports[k];
          res.line = unit.entries[i].line;
          res.field = "body.id";
          return fail(Status::Invalid(rep.source.Describe() + " already sent a different report with id '" +
                                      rep.source_report_id + "' (report " + std::to_string(appended->ids[k]) +
                                      "); a correction is a new report with its own id"));
        }
        res.report_ids[i] = appended->ids[k];
        res.duplicate[i] = appended->outcomes[k] == AppendOutcome::kDuplicate;
      }
    }
    // A signed report sent again is recognised, not logged twice: resending
    // after a lost answer is safe. (A sealed batch is logged whole, as
    // sealed, unless its seal is a copy: then all of it was.)
    if (copy_of) {
      for (size_t i = 1; i < n; ++i) {
        if (unit.entries[i].report && !res.duplicate[i]) {
          return fail(Status::Internal("the batch sealed at entry " + std::to_string(*copy_of) +
                                       " is in the register, but not all its reports are in the store"));
        }
      }
      res.duplicate[0] = true;
      res.first_index = *copy_of;
      if (Status st = Keep(); !st.ok()) return fail(st);
      return res;
    }
    if (n == 1 && res.duplicate[0]) {
      if (Status st = Keep(); !st.ok()) return fail(st);
      return res;
    }
    std::vector<std::string_view> bytes, kinds;  // views: the unit outlives the append
    std::vector<Sha256> hashes;
    for (const UnitEntry& u : unit.entries) {
      if (u.entry.kind == reg::kind::kKey) {
        auto next = std::make_shared<reg::KeyRing>(*keys);
        if (Status st = next->Apply(u.entry); !st.ok()) {
          res.line = u.line;
          return fail(st);
        }
        keys = std::move(next);
      }
      bytes.push_back(u.entry.bytes);
      kinds.push_back(u.entry.kind);
      hashes.push_back(u.entry.leaf_hash());
    }
    if (Status st = session->AppendEntries(first, bytes, kinds, hashes); !st.ok()) return fail(st);
    for (const Sha256& h : hashes) r->tree_.Append(h);
    if (reg::IsReviewKind(head.kind)) r->review_.Apply(first, head);
    if (reg::IsPatrolKind(head.kind)) r->patrols_.Apply(first, head);
    if (Status st = Keep(); !st.ok()) return fail(st);
    res.appended = true;
    res.first_index = first;
    return res;
  }

  // A review entry about to be appended at `index`: its body, the report
  // entries a determination cites, and its place in the review's order.
  Status CheckReview(const reg::Entry& e, uint64_t index) TRUCE_NO_THREAD_SAFETY_ANALYSIS {
    TRUCE_RETURN_IF_ERROR(reg::CheckReviewBody(e, reg::ReviewBodyRules::kNewEntry));
    if (e.kind == reg::kind::kDetermination) {
      TRUCE_RETURN_IF_ERROR(reg::CheckReportEntries(index, e, [&](uint64_t at) { return session->EntryKind(at); }));
    }
    return r->review_.Admit(index, e);
  }

  // A patrol entry about to be appended at `index`: its body, what the
  // center's own check says of its content (a plan against the mission),
  // the reports an outcome cites, and its place in the patrol's order.
  Status CheckPatrol(const reg::Entry& e, uint64_t index) TRUCE_NO_THREAD_SAFETY_ANALYSIS {
    TRUCE_RETURN_IF_ERROR(reg::CheckPatrolBody(e));
    if (r->entry_check_) TRUCE_RETURN_IF_ERROR(r->entry_check_(e));
    if (e.kind == reg::kind::kPatrolOutcome) {
      TRUCE_RETURN_IF_ERROR(reg::CheckReportEntries(index, e, [&](uint64_t at) { return session->EntryKind(at); }));
    }
    return r->patrols_.Admit(index, e);
  }

  Result<SubmitResult> Commit() TRUCE_NO_THREAD_SAFETY_ANALYSIS {
    SubmitResult out;
    const uint64_t size = r->tree_.size();
    std::string note = r->checkpoint_;
    if (size != start_size) {
      if (!r->log_key_) {
        return Status::Precondition("this center has no log key to sign checkpoints with; give --log-key FILE");
      }
      TRUCE_ASSIGN_OR_RETURN(note, SignCheckpoint(*r->log_key_, r->origin_, size, r->tree_.Root()));
      TRUCE_RETURN_IF_ERROR(session->PutCheckpoint(size, note));
    }
    Status st = session->Commit();
    if (!st.ok()) {
      // What is on disk is not known until it is read again: no more
      // writes until the next writer has checked the store (Recheck).
      {
        MutexLock lock(r->queue_mu_);
        r->broken_ =
            Status(Code::kIoError, "the register stopped writing after a failed commit (" + st.message() + ")");
      }
      return Status(st.code(), "nothing was stored: " + st.message() +
                                   (st.code() == Code::kUnavailable
                                        ? "; free space on the disk and send it again: the center writes again "
                                          "as soon as there is room, without a restart"
                                        : "; send it again once the disk is sound: the center checks its store "
                                          "before it writes again"));
    }
    committed = true;
    r->review_.Settle();
    r->patrols_.Settle();
    r->checkpoint_ = note;
    {
      MutexLock lock(r->keys_mu_);
      r->keys_ = std::move(keys);
    }
    out.tree_size = size;
    out.checkpoint = note;
    return out;
  }
};

Registrar::Bulk::Bulk(std::unique_ptr<Writer> w) : w_(std::move(w)) {}
Registrar::Bulk::~Bulk() = default;
UnitResult Registrar::Bulk::Add(Unit& unit) { return w_->Add(unit); }
Result<SubmitResult> Registrar::Bulk::Commit() {
  Registrar* r = w_->r;
  return r->CommitAndRelease(std::move(w_), Status::Ok());
}

Registrar::Subscription::~Subscription() {
  MutexLock lock(r_->hooks_mu_);
  std::erase_if(r_->hooks_, [&](const auto& h) { return h.first == id_; });
}

std::unique_ptr<Registrar::Subscription> Registrar::OnCommit(std::function<void(uint64_t size)> hook) {
  MutexLock lock(hooks_mu_);
  const uint64_t id = next_hook_++;
  hooks_.emplace_back(id, std::move(hook));
  return std::unique_ptr<Subscription>(new Subscription(this, id));
}

// The one way a writer ends (after `st`, its work's status): it commits,
// lets go of the tree and the store, and only then tells the hooks.
Result<SubmitResult> Registrar::CommitAndRelease(std::unique_ptr<Bulk::Writer> w, Status st) {
  const uint64_t start = w->start_size;
  Result<SubmitResult> committed = st.ok() ? w->Commit() : Result<SubmitResult>(std::move(st));
  w.reset();  // the tree and the store let go before anyone is told
  if (committed.ok() && committed->tree_size != start) {
    MutexLock lock(hooks_mu_);
    for (const auto& [id, hook] : hooks_) hook(committed->tree_size);
  }
  return committed;
}

Result<reg::Entry> Registrar::CenterEntry(std::string_view kind, nlohmann::json body, const Instant& now) const {
  if (!log_key_) return Status::Precondition("the register is read-only here: no log key to sign the center's entries");
  return reg::MakeEntry(kind, reg::kCenterParty, log_key_->verifier().name, now, std::move(body), &*log_key_);
}

Result<std::unique_ptr<Registrar>> Registrar::Open(Store* store, const Mission& mission,
                                                   std::optional<reg::NoteSigner> log_key, const Clock& clock) {
  auto verifier = reg::NoteVerifier::Parse(mission.log.log_key);
  if (!verifier.ok()) return verifier.status().WithContext("mission.toml [register] log_key");
  if (log_key && !(log_key->verifier().ToString() == verifier->ToString())) {
    return Status::Invalid("the log key '" + log_key->verifier().name + "' is not the one mission.toml pins (" +
                           mission.log.log_key + ")");
  }
  std::unique_ptr<Registrar> r(new Registrar(store, clock, mission.log.origin, *verifier, std::move(log_key)));
  // The keys the pack pins, as `truce verify` reads them: witnesses cosign
  // and sign no entries, and their names stay theirs.
  TRUCE_ASSIGN_OR_RETURN(reg::AuditTrust trust, TrustFromMission(mission));
  for (const auto& [party, w] : trust.witnesses) r->witnesses_.push_back({party, w.name, 0});
  r->keys_ = std::make_shared<reg::KeyRing>(std::move(trust.keys));
  TRUCE_RETURN_IF_ERROR(r->CatchUp());
  r->committer_ = std::thread([p = r.get()] { p->CommitLoop(); });
  return r;
}

// Takes in what is stored beyond the tree in memory: at start, all of it;
// later, what another process (a `truce ingest` beside `truce serve`)
// appended. The new leaves must hash to the newest stored checkpoint.
Status Registrar::CatchUp(bool recheck) {
  const uint64_t from = tree_.size();
  TRUCE_ASSIGN_OR_RETURN(std::vector<Sha256> leaves, store_->LeafHashes(from));
  if (leaves.empty() && from > 0 && !recheck) return Status::Ok();
  for (const Sha256& h : leaves) tree_.Append(h);
  Status st = Verify(from);
  if (!st.ok()) tree_.Truncate(from);
  return st;
}

Status Registrar::Recheck(bool after_failure) {
  if (!after_failure) return CatchUp();
  TRUCE_ASSIGN_OR_RETURN(auto latest, store_->LatestCheckpoint());
  if (latest.first < tree_.size()) {
    return Status::Internal("its newest checkpoint is of " + std::to_string(latest.first) + " entries, but " +
                            std::to_string(tree_.size()) + " were acknowledged: acknowledged entries are not on disk");
  }
  return CatchUp(/*recheck=*/true);
}

Status Registrar::Verify(uint64_t from) {
  TRUCE_ASSIGN_OR_RETURN(auto latest, store_->LatestCheckpoint());
  auto damaged = [&](const std::string& why) {
    return Status::Internal("the register is damaged: " + why + "; check it with `truce verify` against an export");
  };
  if (latest.first != tree_.size()) {
    return damaged("it holds " + std::to_string(tree_.size()) + " entries but its newest checkpoint is of " +
                   std::to_string(latest.first));
  }
  if (latest.first > 0) {
    auto note = reg::ParseNote(latest.second);
    if (!note.ok() || note->signatures.empty() || !reg::VerifySignature(*note, note->signatures[0], log_verifier_)) {
      return damaged("its newest checkpoint is not signed by the pinned log key");
    }
    auto cp = reg::ParseCheckpoint(note->text);
    if (!cp.ok() || cp->origin != origin_) {
      return damaged("its newest checkpoint is of the log '" + (cp.ok() ? cp->origin : std::string("?")) +
                     "', but the mission pack names '" + origin_ + "' (was [register] origin changed?)");
    }
    if (cp->root != tree_.Root()) return damaged("its entries do not hash to the root of its newest checkpoint");
    checkpoint_ = latest.second;
  }
  TRUCE_ASSIGN_OR_RETURN(auto key_entries, store_->EntriesOfKind(std::string(reg::kind::kKey)));
  auto next = std::make_shared<reg::KeyRing>(*keys());
  for (const StoredEntry& e : key_entries) {
    if (e.index < from) continue;
    TRUCE_ASSIGN_OR_RETURN(reg::Entry entry, reg::ParseLeaf(e.bytes));
    TRUCE_RETURN_IF_ERROR(next->ApplyLogged(entry));
  }
  // The review's order, read as the ledger and `truce verify` read it: an
  // entry stored before the chain's rules that breaks them changes nothing.
  // So is each patrol's.
  std::vector<StoredEntry> chained;
  std::vector<std::string_view> kinds(std::begin(reg::kReviewKinds), std::end(reg::kReviewKinds));
  kinds.insert(kinds.end(), std::begin(reg::kPatrolKinds), std::end(reg::kPatrolKinds));
  for (std::string_view k : kinds) {
    TRUCE_ASSIGN_OR_RETURN(auto some, store_->EntriesOfKind(std::string(k)));
    for (StoredEntry& s : some) {
      if (s.index >= from) chained.push_back(std::move(s));
    }
  }
  std::sort(chained.begin(), chained.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
  for (const StoredEntry& s : chained) {
    auto e = reg::ParseLeaf(s.bytes);
    if (!e.ok()) continue;
    if (reg::IsPatrolKind(e->kind)) {
      if (reg::CheckPatrolBody(*e).ok() && patrols_.Admit(s.index, *e).ok()) patrols_.Apply(s.index, *e);
      continue;
    }
    if (!reg::CheckReviewBody(*e, reg::ReviewBodyRules::kLogged).ok()) continue;
    if (review_.Admit(s.index, *e).ok()) review_.Apply(s.index, *e);
  }
  review_.Settle();
  patrols_.Settle();
  MutexLock lock(keys_mu_);
  keys_ = std::move(next);
  return Status::Ok();
}

Status Registrar::CheckReviewOrder(const reg::Entry& e) const {
  ReaderLock lock(tree_mu_);
  return review_.Admit(tree_.size(), e);
}

Status Registrar::CheckPatrolOrder(const reg::Entry& e) const {
  ReaderLock lock(tree_mu_);
  return patrols_.Admit(tree_.size(), e);
}

std::optional<reg::PatrolChain::Patrol> Registrar::PatrolState(std::string_view patrol) const {
  ReaderLock lock(tree_mu_);
  const reg::PatrolChain::Patrol* p = patrols_.Find(patrol);
  return p ? std::optional<reg::PatrolChain::Patrol>(*p) : std::nullopt;
}

std::optional<uint64_t> Registrar::NewestDetermination(const std::string& incident) const {
  ReaderLock lock(tree_mu_);
  return review_.Newest(incident);
}

Registrar::~Registrar() {
  {
    MutexLock lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (committer_.joinable()) committer_.join();
}

Status Registrar::Check(const Unit& unit) const {
  if (unit.entries.empty()) return Status::Invalid("nothing to append");
  std::shared_ptr<const reg::KeyRing> keys = this->keys();
  const reg::Entry& head = unit.entries[0].entry;
  if (head.kind != reg::kind::kBatch) {
    if (unit.entries.size() != 1) return Status::Invalid("only a batch seal is followed by the entries it seals");
    return keys->Check(head);
  }
  TRUCE_ASSIGN_OR_RETURN(reg::BatchSeal seal, reg::ReadBatchSeal(head));
  if (seal.count != unit.entries.size() - 1) {
    return Status::Invalid("the batch seal covers " + std::to_string(seal.count) + " entries but " +
                           std::to_string(unit.entries.size() - 1) + " follow it");
  }
  reg::LogTree batch;
  for (size_t i = 1; i < unit.entries.size(); ++i) {
    const reg::Entry& e = unit.entries[i].entry;
    if (!e.sealed())
      return Status::Invalid("line " + std::to_string(unit.entries[i].line) +
                             ": an entry of a sealed batch carries no sig of its own");
    if (e.kind != reg::kind::kReport)
      return Status::Invalid("line " + std::to_string(unit.entries[i].line) + ": a batch seals only report entries");
    if (e.seq != int64_t(i - 1)) {
      return Status::Invalid("line " + std::to_string(unit.entries[i].line) + ": entry " + std::to_string(i - 1) +
                             " of the batch has seq " + std::to_string(e.seq) + ": the entries are out of order");
    }
    if (e.party != head.party || e.signer != head.signer) {
      return Status::Invalid("line " + std::to_string(unit.entries[i].line) + ": an entry of the batch names " +
                             e.party + "/" + e.signer + ", but its seal " + head.party + "/" + head.signer);
    }
    batch.Append(e.leaf_hash());
  }
  TRUCE_RETURN_IF_ERROR(keys->Authorize(head, reg::RoleForKind(reg::kind::kReport)));
  if (!reg::VerifyEntrySignature(head, keys->Find(head.signer)->key)) {
    return Status::Denied("the signature of key '" + head.signer + "' on the batch seal does not match its bytes");
  }
  if (batch.Root() != seal.root) {
    return Status::Invalid("the batch seal's root does not match the Merkle root of the " + std::to_string(seal.count) +
                           " entries that follow it: an entry was changed, added, "
                           "dropped or moved after sealing");
  }
  return Status::Ok();
}

Result<std::unique_ptr<Registrar::Bulk::Writer>> Registrar::NewWriter(Store::Load load) {
  Status broken;
  {
    MutexLock lock(queue_mu_);
    broken = broken_;
  }
  auto w = std::make_unique<Bulk::Writer>();
  w->r = this;
  auto session = store_->BeginAppend(clock_.NowMs(), load);
  if (!session.ok()) {
    return broken.ok() ? session.status()
                       : Status(Code::kIoError, broken.message() + "; " + session.status().message());
  }
  w->session = std::move(*session);
  w->tree_lock = std::unique_lock(tree_mu_);
  // Holding the database's write lock, nobody else can append now: take in
  // whatever another process appended since we last looked. After a failed
  // commit, check the store whole before writing on: the tree in memory
  // was rolled back to the last commit that succeeded, and the store must
  // hold exactly that, or that and whole commits after it (a commit whose
  // fsync failed may be on disk after all), each ending in its checkpoint.
  // A restart would read the same pages through the same kernel, so it
  // would prove no more than this does.
  if (Status st = Recheck(!broken.ok()); !st.ok()) {
    w->tree_lock.unlock();
    if (broken.ok()) return st;
    Status still(Code::kIoError, broken.message() + "; checking the store again found: " + st.message() +
                                     "; stop truce, check the disk, and check the register with `truce verify`");
    MutexLock lock(queue_mu_);
    broken_ = still;
    return still;
  }
  if (!broken.ok()) {
    MutexLock lock(queue_mu_);
    broken_ = Status::Ok();
  }
  w->start_size = tree_.size();
  w->keys = keys();
  return w;
}

Result<std::unique_ptr<Registrar::Bulk>> Registrar::BeginBulk() {
  TRUCE_ASSIGN_OR_RETURN(auto w, NewWriter(Store::Load::kBulk));
  return std::unique_ptr<Bulk>(new Bulk(std::move(w)));
}

Result<SubmitResult> Registrar::Submit(std::vector<Unit> units, intake::BatchPolicy policy) {
  Pending p;
  p.units = std::move(units);
  p.policy = policy;
  // Queued even after a failed commit: the committer checks the store
  // before it writes, and answers with the reason if it cannot go on.
  UniqueLock lock(queue_mu_);
  if (stopping_) return Status(Code::kUnavailable, "the center is shutting down");
  queue_.push_back(&p);
  queue_cv_.notify_all();
  p.done.wait(lock, [&] { return p.result.has_value(); });
  return std::move(*p.result);
}

void Registrar::CommitLoop() {
  UniqueLock lock(queue_mu_);
  while (true) {
    queue_cv_.wait(lock, [&]() TRUCE_REQUIRES(queue_mu_) { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    std::vector<Pending*> group(queue_.begin(), queue_.end());
    queue_.clear();
    lock.unlock();
    std::vector<SubmitResult> results(group.size());
    Result<SubmitResult> committed = Status::Internal("not committed");
    auto writer = NewWriter();
    if (writer.ok()) {
      auto& w = **writer;
      Status st;
      for (size_t g = 0; g < group.size() && st.ok(); ++g) {
        Pending& p = *group[g];
        st = w.Mark();
        if (!st.ok()) break;
        bool failed = false;
        for (Unit& u : p.units) {
          results[g].units.push_back(w.Add(u));
          failed |= !results[g].units.back().status.ok();
        }
        if (failed && p.policy == intake::BatchPolicy::kRejectAll) {
          results[g].rejected = true;
          st = w.Undo();
        } else {
          st = w.Keep();
        }
      }
      committed = CommitAndRelease(std::move(*writer), st);
    } else {
      committed = writer.status();
    }
    lock.lock();
    for (size_t g = 0; g < group.size(); ++g) {
      if (committed.ok()) {
        results[g].tree_size = committed->tree_size;
        results[g].checkpoint = committed->checkpoint;
        group[g]->result = std::move(results[g]);
      } else {
        group[g]->result = committed.status();
      }
      group[g]->done.notify_all();
    }
  }
}

Result<std::vector<StoredEntry>> Registrar::Entries(uint64_t start, uint64_t end) const {
  return store_->Entries(start, end);
}

Result<std::vector<std::pair<uint64_t, std::string>>> Registrar::Checkpoints(uint64_t after_size, size_t limit) const {
  return store_->Checkpoints(after_size, limit);
}

Result<std::vector<Registrar::Cosigner>> Registrar::Cosigners() const {
  TRUCE_ASSIGN_OR_RETURN(auto cosigs, store_->LatestCosignatures());
  std::vector<Cosigner> out = witnesses_;
  for (Cosigner& c : out) {
    for (const auto& [witness, size, line] : cosigs) {
      if (witness == c.witness) c.cosigned_size = size;
    }
  }
  return out;
}

Status Registrar::PutCosignature(uint64_t size, const std::string& witness, const std::string& line) {
  return store_->PutCosignature(size, witness, line);
}

uint64_t Registrar::size() const {
  ReaderLock lock(tree_mu_);
  return tree_.size();
}

reg::Hash Registrar::Root(uint64_t size) const {
  ReaderLock lock(tree_mu_);
  return tree_.Root(std::min(size, tree_.size()));
}

std::shared_ptr<const reg::KeyRing> Registrar::keys() const {
  MutexLock lock(keys_mu_);
  return keys_;
}

std::pair<uint64_t, std::string> Registrar::LogCheckpoint() const {
  ReaderLock lock(tree_mu_);
  return {tree_.size(), checkpoint_};
}

Result<std::string> Registrar::Checkpoint() const {
  std::string note;
  uint64_t size;
  {
    ReaderLock lock(tree_mu_);
    note = checkpoint_;
    size = tree_.size();
  }
  if (note.empty()) return Status::NotFound("the register is empty: no checkpoint yet");
  TRUCE_ASSIGN_OR_RETURN(auto cosigs, store_->LatestCosignatures());
  for (const auto& [witness, at, line] : cosigs) {
    if (at == size) note += line + "\n";
  }
  return note;
}

Result<std::string> Registrar::Tile(const reg::TilePath& path) const {
  if (!path.entries) {
    ReaderLock lock(tree_mu_);
    return tree_.Tile(path.level, path.index, path.width);
  }
  uint64_t first = path.index * reg::kTileWidth;
  if (first + path.width > size()) return Status::NotFound("the register has no " + reg::FormatTilePath(path) + " yet");
  TRUCE_ASSIGN_OR_RETURN(auto entries, store_->Entries(first, first + path.width));
  if (entries.size() != path.width) return Status::Internal("the register's entries are missing rows");
  std::vector<std::string_view> views;
  for (const auto& e : entries) views.push_back(e.bytes);
  return reg::EncodeBundle(views);
}

Result<std::vector<reg::Hash>> Registrar::InclusionProof(uint64_t index, uint64_t size) const {
  ReaderLock lock(tree_mu_);
  return tree_.InclusionProof(index, size);
}

Result<std::vector<reg::Hash>> Registrar::ConsistencyProof(uint64_t old_size, uint64_t new_size) const {
  ReaderLock lock(tree_mu_);
  return tree_.ConsistencyProof(old_size, new_size);
}

}  // namespace truce
