// Registrar: the one way anything is written to the center.
//
// Every write is a unit of register entries — one signed entry, or a batch
// seal and the entries it seals — checked against the keys (the mission
// pack's pinned keys and the key entries since), then appended to the
// register and, for reports, to the store, in one transaction that ends
// with a new checkpoint signed by the center's log key. Submissions from
// concurrent callers are queued and committed together (group commit): one
// fsync acknowledges them all, and nothing is acknowledged before it.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "truce/core/report.h"
#include "truce/core/thread_annotations.h"
#include "truce/intake/batch.h"
#include "truce/mission/mission.h"
#include "truce/register/checkpoint.h"
#include "truce/register/entry.h"
#include "truce/register/keyring.h"
#include "truce/register/log_tree.h"
#include "truce/register/patrol_entries.h"
#include "truce/register/review_entries.h"
#include "truce/register/tiles.h"
#include "truce/store/store.h"

namespace truce {

struct UnitEntry {
  reg::Entry entry;
  std::optional<Report> report;  // for report entries: the body as read and tagged
  size_t line = 0;               // in the submission, for messages
};

// One signed entry, or a batch seal followed by the entries it seals.
struct Unit {
  std::vector<UnitEntry> entries;
};

struct UnitResult {
  Status status;             // not OK: the unit was not stored, and why
  size_t line = 0;           // the input line the failure is about
  std::string field;         // and the field, when one is to blame
  uint64_t first_index = 0;  // the leaf index of its first entry
  bool appended = false;     // false for a resent entry already in the log
  // Per entry: the report's id in the store (0 if not a report) and
  // whether it repeats a report stored before.
  std::vector<int64_t> report_ids;
  std::vector<bool> duplicate;
};

struct SubmitResult {
  std::vector<UnitResult> units;
  bool rejected = false;   // all-or-nothing and a unit failed: nothing stored
  uint64_t tree_size = 0;  // the register after this commit
  std::string checkpoint;  // its signed checkpoint
};

class Registrar {
 public:
  // Loads the tree and checks it against the newest stored checkpoint, and
  // replays the key entries. Without a log key the register is read-only.
  // The clock stamps each commit's receipt time. (Unchecked: it fills the
  // registrar before any other thread can see it, and so takes no lock.)
  static Result<std::unique_ptr<Registrar>> Open(
      Store* store, const Mission& mission, std::optional<reg::NoteSigner> log_key,
      const Clock& clock = SystemClock::Instance()) TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  ~Registrar();

  // That each signed entry of the unit is signed by a live key of its party
  // with the role its kind needs, and that a batch's seal matches its
  // entries. Thread-safe; costs one Ed25519 verification per signature.
  Status Check(const Unit& unit) const;

  // Appends the units, waiting until they are durable. Under kRejectAll a
  // failed unit stores nothing of the submission.
  Result<SubmitResult> Submit(std::vector<Unit> units, intake::BatchPolicy policy);

  // For one long bulk append (truce ingest): units added one by one in a
  // single transaction, committed at the end. Holds the writer throughout.
  class Bulk {
   public:
    ~Bulk();
    UnitResult Add(Unit& unit);
    Result<SubmitResult> Commit();

   private:
    friend class Registrar;
    struct Writer;
    explicit Bulk(std::unique_ptr<Writer> w);
    std::unique_ptr<Writer> w_;
  };
  Result<std::unique_ptr<Bulk>> BeginBulk();

  // An entry of the center's own (a determination its engine proposes),
  // signed with the log key. Fails when the register is read-only.
  Result<reg::Entry> CenterEntry(std::string_view kind, nlohmann::json body, const Instant& now) const;

  // Reading the register.
  uint64_t size() const;
  const std::string& origin() const { return origin_; }
  const reg::NoteVerifier& log_verifier() const { return log_verifier_; }
  // The newest checkpoint: the center's note with every witness cosignature
  // of that same tree. Empty before the first entry.
  Result<std::string> Checkpoint() const;
  // The newest checkpoint as the center signed it, without cosignatures,
  // and its size: what is sent to the witnesses.
  std::pair<uint64_t, std::string> LogCheckpoint() const;
  Result<std::string> Tile(const reg::TilePath& path) const;
  Result<std::vector<reg::Hash>> InclusionProof(uint64_t index, uint64_t size) const;
  Result<std::vector<reg::Hash>> ConsistencyProof(uint64_t old_size, uint64_t new_size) const;
  reg::Hash Root(uint64_t size) const;
  // Whether a review entry would change the review as of the last commit
  // (reg::ReviewChain::Admit): a cheap look before the writer's own check.
  Status CheckReviewOrder(const reg::Entry& e) const;
  // The newest determination of an incident as of the last commit: what a
  // new determination names as `previous`.
  std::optional<uint64_t> NewestDetermination(const std::string& incident) const;
  // The same for a patrol entry (reg::PatrolChain::Admit), and a patrol's
  // plans, agreements and outcomes as of the last commit.
  Status CheckPatrolOrder(const reg::Entry& e) const;
  std::optional<reg::PatrolChain::Patrol> PatrolState(std::string_view patrol) const;
  // A check of an entry's content the register cannot make alone (a patrol
  // plan against the mission's zones), run on every patrol entry before it
  // is appended; its refusal is the writer's. Set once, before the
  // registrar is shared.
  void SetEntryCheck(std::function<Status(const reg::Entry&)> check) { entry_check_ = std::move(check); }
  // The keys as of the last commit; shared, never changed once handed out.
  std::shared_ptr<const reg::KeyRing> keys() const;
  // Stored entries [start, end) as they were signed, and the checkpoints
  // stored after `after_size` (at most `limit`), for readers and exports.
  Result<std::vector<StoredEntry>> Entries(uint64_t start, uint64_t end) const;
  Result<std::vector<std::pair<uint64_t, std::string>>> Checkpoints(uint64_t after_size, size_t limit) const;

  // The witnesses: each party's pinned witness key and the largest register
  // size it has cosigned (0 for none yet).
  struct Cosigner {
    std::string party, witness;
    uint64_t cosigned_size = 0;
  };
  Result<std::vector<Cosigner>> Cosigners() const;
  // A witness's cosignature of the checkpoint of `size`, kept beside it.
  // Not a register entry: the tree is unchanged.
  Status PutCosignature(uint64_t size, const std::string& witness, const std::string& line);

  // Called with the register's new size after each commit that grew it,
  // whoever wrote (the HTTP API, an ingest in this process, the center's
  // own proposals), once the writer has let go of the tree: so whatever
  // follows the register (findings, cosigning) is woken by the write
  // itself. The hook must be quick (a notify) and must not write; it stays
  // until the returned handle goes, which waits for a call under way.
  class Subscription {
   public:
    ~Subscription();

   private:
    friend class Registrar;
    Subscription(Registrar* r, uint64_t id) : r_(r), id_(id) {}
    Registrar* r_;
    uint64_t id_;
  };
  [[nodiscard]] std::unique_ptr<Subscription> OnCommit(std::function<void(uint64_t size)> hook);

 private:
  struct Pending;
  Registrar(Store* store, const Clock& clock, std::string origin, reg::NoteVerifier log_verifier,
            std::optional<reg::NoteSigner> log_key)
      : store_(store),
        clock_(clock),
        origin_(std::move(origin)),
        log_verifier_(std::move(log_verifier)),
        log_key_(std::move(log_key)) {}
  // Unchecked: it takes tree_mu_ into the writer's tree_lock, which holds it
  // beyond this function, where the analysis cannot follow.
  Result<std::unique_ptr<Bulk::Writer>> NewWriter(Store::Load load = Store::Load::kCommon)
      TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  // For these three, tree_mu_ is held exclusively, or the registrar is not
  // yet shared (Open). With `recheck`, the newest checkpoint is checked even
  // when nothing new is stored.
  Status CatchUp(bool recheck = false) TRUCE_REQUIRES(tree_mu_);
  // Before a writer appends: CatchUp, and after a failed commit, that the
  // store holds at least every acknowledged entry and checks out whole.
  Status Recheck(bool after_failure) TRUCE_REQUIRES(tree_mu_);
  // The tree against the newest checkpoint; key and review entries from `from`.
  Status Verify(uint64_t from) TRUCE_REQUIRES(tree_mu_);
  void CommitLoop();
  // Commits (when `st` is OK), releases the writer, then runs the hooks.
  Result<SubmitResult> CommitAndRelease(std::unique_ptr<Bulk::Writer> w, Status st);

  Store* store_;
  const Clock& clock_;
  std::vector<Cosigner> witnesses_;  // pinned by the pack, in its order; cosigned_size unused
  std::string origin_;
  reg::NoteVerifier log_verifier_;
  std::optional<reg::NoteSigner> log_key_;

  mutable SharedMutex tree_mu_;  // the writer holds it exclusively while it appends
  reg::LogTree tree_ TRUCE_GUARDED_BY(tree_mu_);
  std::string checkpoint_ TRUCE_GUARDED_BY(tree_mu_);  // the newest center-signed note
  // The review's order as the log leaves it; the writer applies to it as it
  // appends and truncates it as it undoes, like the tree.
  reg::ReviewChain review_ TRUCE_GUARDED_BY(tree_mu_) = reg::ReviewChain(true);
  reg::PatrolChain patrols_ TRUCE_GUARDED_BY(tree_mu_) = reg::PatrolChain(true);
  std::function<Status(const reg::Entry&)> entry_check_;

  mutable Mutex keys_mu_;
  std::shared_ptr<const reg::KeyRing> keys_ TRUCE_GUARDED_BY(keys_mu_);  // as of the last commit

  Mutex hooks_mu_;  // held while hooks run, so a handle's going waits for its call
  std::vector<std::pair<uint64_t, std::function<void(uint64_t)>>> hooks_ TRUCE_GUARDED_BY(hooks_mu_);
  uint64_t next_hook_ TRUCE_GUARDED_BY(hooks_mu_) = 0;

  Mutex queue_mu_;
  std::condition_variable_any queue_cv_;
  std::deque<Pending*> queue_ TRUCE_GUARDED_BY(queue_mu_);
  bool stopping_ TRUCE_GUARDED_BY(queue_mu_) = false;
  // Set by a failed commit, cleared by the next writer once the store
  // checks out (NewWriter), kept if it does not.
  Status broken_ TRUCE_GUARDED_BY(queue_mu_);
  std::thread committer_;
};

}  // namespace truce
