// Center: the monitoring center on one machine — a mission, its tagger and
// a store — and the operations the CLI and the HTTP server both offer.
// The server and CLI hold no domain logic: they translate to these calls.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "truce/center/registrar.h"
#include "truce/core/time.h"
#include "truce/intake/batch.h"
#include "truce/mission/mission.h"
#include "truce/mission/tagger.h"
#include "truce/store/store.h"

namespace truce {

struct IngestSummary {
  size_t rows = 0;        // reports read, good and bad
  size_t appended = 0;    // newly stored
  size_t duplicates = 0;  // recognised as already stored
  size_t error_count = 0;
  std::vector<intake::RowError> errors;  // the first kMaxListedErrors bad rows
  bool rejected = false;                 // policy kRejectAll and bad rows: nothing was stored
  size_t denied = 0;                     // units refused for their signature, key, party or role
  // Entries appended, by the key that signed them (a batch's seal signs
  // all of it): what a write's rate limit charges each key.
  std::map<std::string, size_t> appended_by_signer;
  size_t conflicts = 0;    // review entries refused because the review moved on (a stale `previous`)
  uint64_t tree_size = 0;  // the register after this append, and its checkpoint
  std::string checkpoint;
  // With IngestOptions::want_ids, for each good row in order: its stored
  // id, whether it was a repeat, and the report as tagged.
  std::vector<int64_t> ids;
  std::vector<bool> duplicate;
  std::vector<Report> reports;
  // Per stored unit: its first input line and the register index of its
  // first entry.
  std::vector<std::pair<size_t, uint64_t>> entries;

  // Nothing of the batch was stored: forget what would have been.
  void Reject() {
    rejected = true;
    appended = duplicates = 0;
    ids.clear();
    duplicate.clear();
    reports.clear();
    entries.clear();
    appended_by_signer.clear();
  }

  static constexpr size_t kMaxListedErrors = 1000;
};

struct IngestOptions {
  intake::InputFormat format = intake::InputFormat::kAuto;
  intake::BatchPolicy policy = intake::BatchPolicy::kRejectAll;
  bool want_ids = false;
  size_t chunk_rows = 8192;
  // Called after each chunk with (bytes read, bytes in all, reports read).
  std::function<void(size_t, size_t, size_t)> progress;
  // The officer's key that seals each chunk of the batch (an observer).
  const reg::NoteSigner* signer = nullptr;
};

class Center {
 public:
  // Opens the center on a store: records the mission and its zones in a
  // new store, or checks that the store holds this mission and refreshes
  // its zones from the pack (reports already stored keep their tags).
  // With a log key the center can write; without, it only reads.
  static Result<std::unique_ptr<Center>> Open(Mission mission, std::unique_ptr<Store> store,
                                              std::optional<reg::NoteSigner> log_key = std::nullopt,
                                              const Clock& clock = SystemClock::Instance());
  // Opens the center only to read (exports, reports): nothing is written to
  // the store and no registrar is opened, so the register's Merkle tree is
  // not built from every leaf (most of a second for a million entries) and
  // the store's checkpoints are taken as they are. Ingest and Submit refuse;
  // registrar() must not be called.
  static Result<std::unique_ptr<Center>> OpenToRead(Mission mission, std::unique_ptr<Store> store,
                                                    const Clock& clock = SystemClock::Instance());

  // Reads, validates and tags a batch of reports in any input format and
  // appends them to the register as batches sealed by options.signer. A
  // problem with the input as a whole is an error; bad rows are listed in
  // the summary. Either every good row is stored (kSkipBad, or no bad rows)
  // or none is.
  Result<IngestSummary> Ingest(std::string_view data, const IngestOptions& options);

  // Appends signed register entries (JSON Lines, docs/REGISTER.md): each
  // line a signed entry, or a batch seal followed by the entries it seals.
  // Waits until they are durable. A submission that stores nothing only
  // because the review moved on since it was signed (every refusal a stale
  // `previous`) fails with kFailedPrecondition: re-read and sign again.
  Result<IngestSummary> Submit(std::string_view jsonl, intake::BatchPolicy policy);

  // Not on a center opened to read.
  Registrar& registrar() { return *registrar_; }
  // Where the center's time comes from (the system's, or a test's).
  const Clock& clock() const { return clock_; }

  const Mission& mission() const { return mission_; }
  // Built on first use (S2 coverings of every zone: most of a second for a
  // large pack), so commands that only read do not pay for it.
  Result<const Tagger*> tagger();
  // A patrol_plan entry's plan held against the mission (patrol::CheckPlan),
  // a flight_notice's notice read (patrol::ParseNotice); other entries pass. The registrar runs it before it appends
  // one.
  Status CheckPatrolPlan(const reg::Entry& e);
  // The store, to read: every write goes through the Registrar.
  StoreReader& reader() { return *store_; }
  // A patrol's fixes as its tracker took them: the center's working data,
  // kept beside the register.
  Status KeepFixes(const std::string& patrol, const std::vector<StoredFix>& fixes) {
    return store_->AddFixes(patrol, fixes);
  }

  // The zones of the mission as records for the store and GET /v1/zones.
  static std::vector<ZoneRecord> ZoneRecords(const Mission& mission);

 private:
  Center(Mission mission, std::unique_ptr<Store> store, const Clock& clock)
      : mission_(std::move(mission)), store_(std::move(store)), clock_(clock) {}
  // That a report's source, if a center party, is the signer's own party.
  Status CheckReportingParty(const Report& r, const std::string& party) const;
  // A review entry's body, and that a position (cosign, dispute, unverifiable) names a
  // determination in the register, of the incident it says.
  Status CheckReview(const reg::Entry& e);
  Status CheckIncidentName(const reg::Entry& determination);

  Mission mission_;
  std::once_flag tagger_once_;
  std::unique_ptr<Tagger> tagger_;
  Status tagger_status_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Registrar> registrar_;  // declared after store_: stopped before it
  const Clock& clock_;
};

}  // namespace truce
