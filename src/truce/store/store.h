// Store: where reports and zones are kept, behind an interface.
//
// Nothing above this header knows SQL. The SQLite store (sqlite/) is the
// embedded one; a PostgreSQL/PostGIS store comes later behind the same
// calls. Appends are all-or-nothing per session: a batch is either wholly
// stored or not at all, and a report repeated from the same source (same
// Source::Key() and source_report_id) is recognised, not stored twice.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "truce/core/digest.h"
#include "truce/core/report.h"
#include "truce/core/status.h"
#include "truce/geo/geometry.h"

namespace truce {

struct MissionRecord {
  std::string id;
  std::string name;
  std::string directory;  // the pack it was initialised from

  friend bool operator==(const MissionRecord&, const MissionRecord&) = default;
};

struct ZoneRecord {
  std::string id;
  std::string name;
  std::string kind;
  std::string properties_json;  // the GeoJSON feature's properties
  std::string geometry_json;    // the GeoJSON geometry

  friend bool operator==(const ZoneRecord&, const ZoneRecord&) = default;
};

// Filters combine with AND; an unset filter matches everything.
struct ReportFilter {
  std::optional<int64_t> from_ms, to_ms;  // observed interval overlaps [from, to]
  std::optional<geo::BoundingBox> bbox;
  std::string zone;         // a zone id the report was tagged with
  std::string clause;       // a clause id in force for the report
  std::string category;     // a Category wire name
  std::string party;        // the reporting party (source.party)
  std::string blames;       // the party the report holds responsible
  std::string source_kind;  // a SourceKind wire name
  int64_t after_id = 0;     // paging: only reports with a larger id
  // Only reports whose register entry is below this index: the store as the
  // register stood at that size (an export's point).
  std::optional<uint64_t> below_entry;
  size_t limit = 100;
};

enum class AppendOutcome {
  kAppended,   // stored now
  kDuplicate,  // the same report from the same source was stored before
  kConflict,   // the source used this id before for a different report: not stored
};

struct AppendResult {
  size_t appended = 0;
  size_t duplicates = 0;
  size_t conflicts = 0;
  // One per input report, in order: what happened, and its id (new, or the
  // earlier report's for a duplicate or conflict).
  std::vector<AppendOutcome> outcomes;
  std::vector<int64_t> ids;
};

// One all-or-nothing append. Destroying it without Commit() rolls back.
//
// The register and the reports are written in the same session, so they
// commit together: a report is stored only with its entry in the log.
class AppendSession {
 public:
  virtual ~AppendSession() = default;
  // Each report with the index of the register entry that carries it.
  virtual Result<AppendResult> Append(std::span<const Report* const> reports, std::span<const uint64_t> entries) = 0;
  // Register leaves first_index, first_index + 1, ...: the entry bytes, their
  // kind and their RFC 9162 leaf hashes.
  virtual Status AppendEntries(uint64_t first_index, std::span<const std::string_view> entries,
                               std::span<const std::string_view> kinds, std::span<const Sha256> leaf_hashes) = 0;
  // The first entry with this leaf hash, of a kind other than report, in
  // the log as this session leaves it: a signed entry is written once.
  // (Reports are recognised by their source and id, which Append checks;
  // leaving the bulk of the log out keeps ingest from paying for a lookup
  // it does not need.)
  virtual Result<std::optional<uint64_t>> FindEntry(const Sha256& leaf_hash) = 0;
  // The kind of entry `index` in the log as this session leaves it; empty
  // when there is no such entry.
  virtual Result<std::string> EntryKind(uint64_t index) = 0;
  // The center-signed checkpoint of the tree as this session leaves it.
  virtual Status PutCheckpoint(uint64_t size, const std::string& note) = 0;
  // Nested undo points: Mark() and then Keep() or Undo() everything since.
  virtual Status Mark() = 0;
  virtual Status Keep() = 0;
  virtual Status Undo() = 0;
  // Durable on return (fsync) when the store was opened so.
  virtual Status Commit() = 0;
};

struct StoredEntry {
  uint64_t index = 0;
  std::string bytes;
};

// A patrol vehicle's fix, as the center took it (docs/API.md, "Patrols"):
// the center's working data, beside the register, not in it.
struct StoredFix {
  std::string vehicle;
  int64_t t_ms = 0;
  double lat = 0, lon = 0;  // kept to 1e-7 degrees (about a centimetre)
  int quality = 1;
  double hdop = 0;  // kept to hundredths
};

// What may be read from a store: reports, zones, and the register as
// stored. Everything above the center reads through this; only the center
// and its Registrar hold the Store that writes.
class StoreReader {
 public:
  virtual ~StoreReader() = default;

  // The mission the store was initialised for; NotFound when it was not.
  virtual Result<MissionRecord> Mission() = 0;

  // Reports matching the filter, by increasing id.
  Result<std::vector<StoredReport>> Query(const ReportFilter& filter) {
    std::vector<StoredReport> out;
    TRUCE_RETURN_IF_ERROR(QueryInto(filter, &out));
    return out;
  }
  // The same into `out`, replacing what it held but reusing its reports'
  // memory, so a reader paging through a million reports allocates for the
  // first page only.
  virtual Status QueryInto(const ReportFilter& filter, std::vector<StoredReport>* out) = 0;
  // The report with the center's id `id`, or none.
  virtual Result<std::optional<StoredReport>> Report(int64_t id) = 0;
  virtual Result<int64_t> CountReports() = 0;
  virtual Result<std::vector<ZoneRecord>> Zones() = 0;

  // The register (register/): every leaf hash in order, to rebuild the
  // tree in memory; entries by index; the entries of one kind; the newest
  // checkpoint (size 0 and no note when the log is empty).
  // From leaf `start` on.
  virtual Result<std::vector<Sha256>> LeafHashes(uint64_t start) = 0;
  virtual Result<std::vector<StoredEntry>> Entries(uint64_t start, uint64_t end) = 0;
  virtual Result<std::vector<StoredEntry>> EntriesOfKind(const std::string& kind) = 0;
  virtual Result<std::pair<uint64_t, std::string>> LatestCheckpoint() = 0;
  virtual Result<std::string> CheckpointAt(uint64_t size) = 0;
  // The largest checkpoint of at most `size` entries; size 0 and no note
  // when there is none.
  virtual Result<std::pair<uint64_t, std::string>> CheckpointAtOrBelow(uint64_t size) = 0;
  // The center's checkpoints from `after_size` on, oldest first.
  virtual Result<std::vector<std::pair<uint64_t, std::string>>> Checkpoints(uint64_t after_size, size_t limit) = 0;
  // The newest cosignature of each witness: witness → (size, line).
  virtual Result<std::vector<std::tuple<std::string, uint64_t, std::string>>> LatestCosignatures() = 0;
  // Every patrol with fixes kept, and one patrol's fixes in the order taken.
  virtual Result<std::vector<std::string>> PatrolsWithFixes() = 0;
  virtual Result<std::vector<StoredFix>> Fixes(const std::string& patrol) = 0;
};

class Store : public StoreReader {
 public:
  // Records the mission and its zones in a new store, or rewrites them for
  // the same mission. Fails if the store holds a different mission.
  virtual Status Initialize(const MissionRecord& mission, const std::vector<ZoneRecord>& zones) = 0;

  // How a session will be used. kBulk: one long load of many reports (truce
  // ingest); a store may then put off work it can do faster at the end,
  // such as building its indexes by sorting, as long as every answer of the
  // session (duplicates, conflicts) stays what it would be otherwise.
  enum class Load { kCommon, kBulk };
  // REQUIRES: at most one session at a time per Store object; others wait.
  virtual Result<std::unique_ptr<AppendSession>> BeginAppend(int64_t received_ms, Load load = Load::kCommon) = 0;

  // A witness's cosignature line of the checkpoint of `size` (durable).
  virtual Status PutCosignature(uint64_t size, const std::string& witness, const std::string& line) = 0;
  // Fixes a patrol's tracker took, after those kept already, in one
  // transaction: all or none.
  virtual Status AddFixes(const std::string& patrol, const std::vector<StoredFix>& fixes) = 0;
};

}  // namespace truce
