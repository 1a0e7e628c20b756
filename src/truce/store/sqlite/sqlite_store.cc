#include "truce/store/sqlite/sqlite_store.h"

#include <cmath>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <variant>

#include "truce/core/thread_annotations.h"
#include "truce/geo/cell_cover.h"
#include "truce/store/sqlite/db.h"
#include "truce/store/sqlite/leaves.h"

namespace truce {
namespace {

// 2: the register (issue 3). A version-1 file predates it: its reports
// carry no signed entries and cannot be put in the log after the fact.
// 3: a monitor's sighting and a located firing point (issue 4); a version-2
// file gains the two columns when opened.
// 4: the register's entries by kind and, but for reports, by leaf hash
// (issue 9: a signed entry is written once); a version-3 file gains the
// two indexes when opened.
// 5: the entries' bytes in the leaves file beside the database (leaves.h),
// each row keeping its offset in `at`; the kind index leaves reports out.
// A version-4 file gains the column and keeps its entries where they are.
constexpr int kSchemaVersion = 6;

// Reports keep every field in its own column: reading a report back needs
// no JSON parsing, and each filter has an index. `cell` is
// geo::CellKey(lat, lon); labels number the zone and clause tags so the
// tag table holds integers.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS zones(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
  properties TEXT NOT NULL, geometry TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS labels(
  num INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS reports(
  id INTEGER PRIMARY KEY,
  source_kind TEXT NOT NULL, source_party TEXT NOT NULL, source_name TEXT NOT NULL,
  source_report_id TEXT NOT NULL,
  category TEXT NOT NULL,
  start_ms INTEGER NOT NULL, start_offset INTEGER NOT NULL,
  end_ms INTEGER NOT NULL, end_offset INTEGER NOT NULL,
  lat REAL NOT NULL, lon REAL NOT NULL, uncertainty_m REAL NOT NULL, cell INTEGER NOT NULL,
  place TEXT, weapon_class TEXT, count INTEGER NOT NULL,
  bearing_deg REAL, bearing_error_deg REAL, killed INTEGER, injured INTEGER,
  blames TEXT, text TEXT, evidence TEXT, zones TEXT, clauses TEXT,
  received_ms INTEGER NOT NULL, content_digest TEXT NOT NULL, entry INTEGER NOT NULL,
  sighting TEXT, origin TEXT);
CREATE UNIQUE INDEX IF NOT EXISTS reports_by_source
  ON reports(source_kind, source_party, source_name, source_report_id);
CREATE INDEX IF NOT EXISTS reports_by_start ON reports(start_ms);
CREATE INDEX IF NOT EXISTS reports_by_cell ON reports(cell);
CREATE INDEX IF NOT EXISTS reports_by_category ON reports(category, start_ms);
CREATE INDEX IF NOT EXISTS reports_by_party ON reports(source_party, start_ms);
CREATE TABLE IF NOT EXISTS report_labels(
  label INTEGER NOT NULL, report INTEGER NOT NULL, PRIMARY KEY(label, report)) WITHOUT ROWID;
-- The register: leaf `idx` holds `entry` (canonical JSON bytes).
CREATE TABLE IF NOT EXISTS register_entries(
  idx INTEGER PRIMARY KEY, kind TEXT NOT NULL, entry BLOB NOT NULL, leaf_hash BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS register_entries_keys ON register_entries(kind) WHERE kind = 'key';
CREATE TABLE IF NOT EXISTS register_checkpoints(size INTEGER PRIMARY KEY, note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS register_cosignatures(
  size INTEGER NOT NULL, witness TEXT NOT NULL, line TEXT NOT NULL, PRIMARY KEY(witness, size));
)sql";

// What schema 4 adds to schema 3, for a new file and a version-3 one. The
// leaf-hash index leaves reports out: they are recognised by source and id
// (reports_by_source), and a million-report ingest should not pay for a
// second index it never reads.
constexpr const char* kSchema4 = R"sql(
CREATE INDEX IF NOT EXISTS register_entries_by_kind ON register_entries(kind, idx);
CREATE INDEX IF NOT EXISTS register_entries_by_leaf ON register_entries(leaf_hash) WHERE kind <> 'report';
)sql";

// What schema 5 adds to schema 4. A row whose `at` is null holds its entry
// in `entry` (written before schema 5, or by a backup); otherwise `entry` is
// empty and the bytes are in the leaves file at `at`. Kinds are looked up
// only for the few entries that are not reports.
constexpr const char* kSchema5 = R"sql(
ALTER TABLE register_entries ADD COLUMN at INTEGER;
DROP INDEX IF EXISTS register_entries_by_kind;
CREATE INDEX register_entries_by_kind ON register_entries(kind, idx) WHERE kind <> 'report';
)sql";

// What schema 6 adds to schema 5: patrol vehicles' fixes, compactly (whole
// numbers of 1e-7 degrees and of hundredths of HDOP), in the order taken.
constexpr const char* kSchema6 = R"sql(
CREATE TABLE IF NOT EXISTS patrol_fixes(
  patrol TEXT NOT NULL, seq INTEGER NOT NULL, vehicle TEXT NOT NULL, t_ms INTEGER NOT NULL,
  lat_e7 INTEGER NOT NULL, lon_e7 INTEGER NOT NULL, quality INTEGER NOT NULL, hdop_c INTEGER NOT NULL,
  PRIMARY KEY(patrol, seq)) WITHOUT ROWID;
)sql";

constexpr const char* kReportColumns =
    "id, source_kind, source_party, source_name, source_report_id, category, start_ms, "
    "start_offset, end_ms, end_offset, lat, lon, uncertainty_m, place, weapon_class, count, "
    "bearing_deg, bearing_error_deg, killed, injured, blames, text, evidence, zones, clauses, "
    "received_ms, content_digest, entry, sighting, origin";

std::string Join(const std::vector<std::string>& v, char sep) {
  std::string out;
  if (v.empty()) return out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// Sightings and firing points as a few numbers in one column: they are
// read back with the report, never filtered on.
// PRAGMA user_version: which schema the file holds (0 for a new file).
Result<int64_t> SchemaVersion(sqlite::Db* db) {
  TRUCE_ASSIGN_OR_RETURN(auto q, db->Prepare("PRAGMA user_version"));
  Status st;
  int64_t version = q->Step(&st) ? q->Int(0) : 0;
  TRUCE_RETURN_IF_ERROR(st);
  return version;
}

std::string PackNumbers(std::initializer_list<double> v) {
  std::string out;
  char buf[32];
  for (double d : v) {
    std::snprintf(buf, sizeof buf, "%.17g", d);
    if (!out.empty()) out += ',';
    out += buf;
  }
  return out;
}

std::vector<double> UnpackNumbers(const std::string& s) {
  std::vector<double> out;
  const char* p = s.c_str();
  while (*p) {
    char* end = nullptr;
    out.push_back(std::strtod(p, &end));
    if (end == p) break;
    p = *end == ',' ? end + 1 : end;
  }
  return out;
}

std::string PackSighting(const Sighting& g) {
  return std::string(ObservationName(g.what)) + ":" +
         PackNumbers({g.from_lat, g.from_lon, g.azimuth_deg, g.error_deg, g.min_m, g.max_m});
}

std::optional<Sighting> UnpackSighting(const std::string& s) {
  size_t colon = s.find(':');
  if (colon == std::string::npos) return std::nullopt;
  auto v = UnpackNumbers(s.substr(colon + 1));
  if (v.size() != 6) return std::nullopt;
  Sighting g{v[0], v[1], ParseObservation(s.substr(0, colon)).value_or(Observation::kExplosionUndetermined), v[2], v[3],
             v[4], v[5]};
  return g;
}

// Into `out`, reusing its strings.
void SplitInto(std::string_view s, char sep, std::vector<std::string>* out) {
  size_t n = 0;
  if (!s.empty()) {
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
      if (i < s.size() && s[i] != sep) continue;
      if (n == out->size()) out->emplace_back();
      (*out)[n++].assign(s.data() + start, i - start);
      start = i + 1;
    }
  }
  out->resize(n);
}

class SqliteStore;

// The session holds the store's write_mu_ in lock_ from BeginAppend to its
// end, beyond what the analysis follows: its methods, which use the
// store's writer, are unchecked.
class SqliteAppendSession : public AppendSession {
 public:
  SqliteAppendSession(SqliteStore* store, std::unique_lock<Mutex> lock, int64_t received_ms)
      : store_(store), lock_(std::move(lock)), received_ms_(received_ms) {}
  ~SqliteAppendSession() override;
  // For a bulk load into a store with no reports yet: drops the reports'
  // indexes for the session, to build them by sorting at Commit().
  Status DeferIndexes() TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  Result<AppendResult> Append(std::span<const Report* const> reports,
                              std::span<const uint64_t> entries) override TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  Status AppendEntries(uint64_t first_index, std::span<const std::string_view> entries,
                       std::span<const std::string_view> kinds,
                       std::span<const Sha256> leaf_hashes) override TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  Result<std::optional<uint64_t>> FindEntry(const Sha256& leaf_hash) override TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  Result<std::string> EntryKind(uint64_t index) override TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  Status PutCheckpoint(uint64_t size, const std::string& note) override TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  Status Mark() override TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  Status Keep() override TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  Status Undo() override TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  Status Commit() override TRUCE_NO_THREAD_SAFETY_ANALYSIS;

 private:
  // The number of the label for a zone or clause id, made on first use.
  Result<int64_t> Label(bool zone, const std::string& id) TRUCE_NO_THREAD_SAFETY_ANALYSIS;
  // With the indexes put off: the report stored before under the same
  // source and id, if any (its id and content digest).
  Result<std::optional<std::pair<int64_t, std::string>>> FindDeferred(uint64_t key_hash,
                                                                      const Report& r) TRUCE_NO_THREAD_SAFETY_ANALYSIS;

  // Inserting into five B-trees row by row costs more than all the rest of
  // an ingest; sorting once at the end is several times faster. While the
  // indexes are off, repeats are found by a hash of each source key kept
  // here (the store had no reports, so it sees every one), and confirmed by
  // reading the row.
  struct Deferred {
    std::vector<std::string> index_sql;                 // to build again at Commit()
    std::unordered_multimap<uint64_t, int64_t> by_key;  // source key hash → report id
    std::vector<std::pair<uint64_t, int64_t>> added;    // in order, to undo to a mark
    // The reports' zone and clause labels, (label, report), inserted in
    // order at Commit(): row by row they would land all over the table.
    std::vector<std::pair<int64_t, int64_t>> labels;
    std::vector<std::pair<size_t, size_t>> marks;  // added.size() and labels.size() at each Mark()
  };
  std::optional<Deferred> deferred_;
  // Opened at the first entry: a session that appends none (a cosignature,
  // the mission's zones) neither touches nor syncs the file.
  std::optional<sqlite::LeavesWriter> leaves_;
  std::vector<uint64_t> leaf_marks_;  // leaves_->end() at each Mark()

  SqliteStore* store_;
  std::unique_lock<Mutex> lock_;
  int64_t received_ms_;
  bool open_ = true;
  int depth_ = 0;  // open Mark()s
  int64_t max_duration_ms_ = 0;
  std::unordered_map<std::string, int64_t> new_zone_labels_, new_clause_labels_;
};

class SqliteStore : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<sqlite::Db> writer, std::unique_ptr<sqlite::Db> reader)
      : writer_(std::move(writer)), reader_(std::move(reader)), leaves_reader_(reader_->path()) {}

  Status Initialize(const MissionRecord& mission, const std::vector<ZoneRecord>& zones) override {
    MutexLock lock(write_mu_);
    TRUCE_ASSIGN_OR_RETURN(MissionRecord held, MissionFrom(writer_.get()));
    if (!held.id.empty() && held.id != mission.id) {
      return Status::Precondition(writer_->path() + " holds mission '" + held.id + "', not '" + mission.id +
                                  "'; use another database file");
    }
    // The same mission with the same zones: nothing to write, so opening a
    // database to read it never waits for a long ingest's write lock.
    if (held == mission) {
      TRUCE_ASSIGN_OR_RETURN(std::vector<ZoneRecord> held_zones, ZonesFrom(writer_.get()));
      if (held_zones == zones) return Status::Ok();
    }
    // New, or the same mission with an edited pack: (re)write its record and
    // zones, so the pack's zones are what GET /v1/zones serves.
    TRUCE_RETURN_IF_ERROR(writer_->Exec("BEGIN IMMEDIATE"));
    Status st = [&]() TRUCE_REQUIRES(write_mu_) -> Status {
      TRUCE_RETURN_IF_ERROR(writer_->Exec("DELETE FROM zones"));
      TRUCE_RETURN_IF_ERROR(PutMeta("mission_id", mission.id));
      TRUCE_RETURN_IF_ERROR(PutMeta("mission_name", mission.name));
      TRUCE_RETURN_IF_ERROR(PutMeta("mission_directory", mission.directory));
      TRUCE_ASSIGN_OR_RETURN(
          auto insert,
          writer_->Prepare("INSERT INTO zones(id, name, kind, properties, geometry, ord) VALUES(?,?,?,?,?,?)"));
      int64_t ord = 0;
      for (const ZoneRecord& z : zones) {
        insert->Bind(1, z.id);
        insert->Bind(2, z.name);
        insert->Bind(3, z.kind);
        insert->Bind(4, z.properties_json);
        insert->Bind(5, z.geometry_json);
        insert->Bind(6, ord++);
        TRUCE_RETURN_IF_ERROR(insert->Run());
      }
      return Status::Ok();
    }();
    if (!st.ok()) {
      (void)writer_->Exec("ROLLBACK");
      return st;
    }
    return writer_->Exec("COMMIT");
  }

  Result<MissionRecord> Mission() override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(MissionRecord m, MissionFrom(reader_.get()));
    if (m.id.empty()) {
      return Status::NotFound(reader_->path() + " has no mission; create it with `truce init`");
    }
    return m;
  }

  // Unchecked: the lock passes to the session (SqliteAppendSession).
  Result<std::unique_ptr<AppendSession>> BeginAppend(int64_t received_ms,
                                                     Load load) override TRUCE_NO_THREAD_SAFETY_ANALYSIS {
    std::unique_lock lock(write_mu_);
    TRUCE_RETURN_IF_ERROR(writer_->Exec("BEGIN IMMEDIATE"));
    auto session = std::make_unique<SqliteAppendSession>(this, std::move(lock), received_ms);
    if (load == Load::kBulk) TRUCE_RETURN_IF_ERROR(session->DeferIndexes());
    return std::unique_ptr<AppendSession>(std::move(session));
  }

  Status QueryInto(const ReportFilter& f, std::vector<StoredReport>* out) override {
    MutexLock lock(read_mu_);
    // Each condition is written with its parameters beside it, so the SQL
    // and the bindings cannot drift apart.
    std::string sql = std::string("SELECT ") + kReportColumns + " FROM reports WHERE id > ?";
    std::vector<std::variant<int64_t, double, std::string>> params{f.after_id};
    if (f.bbox) {
      sql += " AND (";
      bool first = true;
      for (auto [lo, hi] : geo::CoverBox(*f.bbox)) {
        sql += first ? "cell BETWEEN ? AND ?" : " OR cell BETWEEN ? AND ?";
        first = false;
        params.insert(params.end(), {lo, hi});
      }
      sql += ") AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?";
      params.insert(params.end(), {f.bbox->south, f.bbox->north, f.bbox->west, f.bbox->east});
    }
    if (f.below_entry) {
      sql += " AND entry < ?";
      params.push_back(int64_t(*f.below_entry));
    }
    if (f.to_ms) {
      sql += " AND start_ms <= ?";
      params.push_back(*f.to_ms);
    }
    if (f.from_ms) {
      // No report lasts longer than the longest stored, so the second bound
      // lets the start_ms index serve the overlap test.
      TRUCE_ASSIGN_OR_RETURN(std::string longest, MetaLocked(reader_.get(), "max_duration_ms"));
      sql += " AND end_ms >= ? AND start_ms >= ?";
      params.insert(params.end(), {*f.from_ms, *f.from_ms - (longest.empty() ? 0 : std::stoll(longest))});
    }
    for (auto [column, value] : {std::pair{"category", &f.category}, std::pair{"source_party", &f.party},
                                 std::pair{"blames", &f.blames}, std::pair{"source_kind", &f.source_kind}}) {
      if (value->empty()) continue;
      sql += std::string(" AND ") + column + " = ?";
      params.push_back(*value);
    }
    for (const std::string& label :
         {f.zone.empty() ? "" : "zone:" + f.zone, f.clause.empty() ? "" : "clause:" + f.clause}) {
      if (label.empty()) continue;
      TRUCE_ASSIGN_OR_RETURN(auto find, reader_->Prepare("SELECT num FROM labels WHERE name = ?"));
      find->Bind(1, label);
      Status st;
      int64_t num = find->Step(&st) ? find->Int(0) : -1;  // -1: no report has it
      TRUCE_RETURN_IF_ERROR(st);
      sql += " AND id IN (SELECT report FROM report_labels WHERE label = ?)";
      params.push_back(num);
    }
    sql += " ORDER BY id LIMIT ?";
    params.push_back(int64_t(f.limit));

    TRUCE_ASSIGN_OR_RETURN(auto q, reader_->Prepare(sql));
    for (size_t i = 0; i < params.size(); ++i) {
      std::visit([&](const auto& v) { q->Bind(int(i + 1), v); }, params[i]);
    }

    size_t n = 0;
    Status st;
    while (q->Step(&st)) {
      if (n == out->size()) out->emplace_back();
      ReadRow(*q, &(*out)[n++]);
    }
    out->resize(n);
    return st;
  }

  Result<std::optional<StoredReport>> Report(int64_t id) override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(auto q,
                           reader_->Prepare(std::string("SELECT ") + kReportColumns + " FROM reports WHERE id = ?"));
    q->Bind(1, id);
    Status st;
    std::optional<StoredReport> out;
    if (q->Step(&st)) ReadRow(*q, &out.emplace());
    TRUCE_RETURN_IF_ERROR(st);
    return out;
  }

  Result<int64_t> CountReports() override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(auto q, reader_->Prepare("SELECT count(*) FROM reports"));
    Status st;
    int64_t n = q->Step(&st) ? q->Int(0) : 0;
    TRUCE_RETURN_IF_ERROR(st);
    return n;
  }

  Result<std::vector<ZoneRecord>> Zones() override {
    MutexLock lock(read_mu_);
    return ZonesFrom(reader_.get());
  }

  Result<std::vector<Sha256>> LeafHashes(uint64_t start) override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(auto q,
                           reader_->Prepare("SELECT idx, leaf_hash FROM register_entries WHERE idx >= ? ORDER BY idx"));
    q->Bind(1, int64_t(start));
    std::vector<Sha256> out;
    Status st;
    while (q->Step(&st)) {
      std::string h = q->Text(1);
      if (q->Int(0) != int64_t(start + out.size()) || h.size() != 32) {
        return Status::Internal(reader_->path() + ": the register is damaged at leaf " +
                                std::to_string(start + out.size()));
      }
      Sha256& d = out.emplace_back();
      std::memcpy(d.data(), h.data(), 32);
    }
    TRUCE_RETURN_IF_ERROR(st);
    return out;
  }

  Result<std::vector<StoredEntry>> Entries(uint64_t start, uint64_t end) override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(
        auto q,
        reader_->Prepare("SELECT idx, entry, at FROM register_entries WHERE idx >= ? AND idx < ? ORDER BY idx"));
    q->Bind(1, int64_t(start));
    q->Bind(2, int64_t(std::min<uint64_t>(end, uint64_t(INT64_MAX))));
    return ReadEntries(*q);
  }

  Result<std::vector<StoredEntry>> EntriesOfKind(const std::string& kind) override {
    MutexLock lock(read_mu_);
    // The condition of the partial index spelled out, so the planner uses it.
    TRUCE_ASSIGN_OR_RETURN(auto q, reader_->Prepare("SELECT idx, entry, at FROM register_entries "
                                                    "WHERE kind = ? AND kind <> 'report' ORDER BY idx"));
    q->Bind(1, kind);
    return ReadEntries(*q);
  }

  Result<std::pair<uint64_t, std::string>> LatestCheckpoint() override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(auto q,
                           reader_->Prepare("SELECT size, note FROM register_checkpoints ORDER BY size DESC LIMIT 1"));
    Status st;
    std::pair<uint64_t, std::string> out{0, ""};
    if (q->Step(&st)) out = {uint64_t(q->Int(0)), q->Text(1)};
    TRUCE_RETURN_IF_ERROR(st);
    return out;
  }

  Result<std::string> CheckpointAt(uint64_t size) override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(auto q, reader_->Prepare("SELECT note FROM register_checkpoints WHERE size = ?"));
    q->Bind(1, int64_t(size));
    Status st;
    if (q->Step(&st)) return q->Text(0);
    TRUCE_RETURN_IF_ERROR(st);
    return Status::NotFound("no checkpoint of size " + std::to_string(size));
  }

  Result<std::pair<uint64_t, std::string>> CheckpointAtOrBelow(uint64_t size) override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(auto q, reader_->Prepare("SELECT size, note FROM register_checkpoints WHERE size <= ? "
                                                    "ORDER BY size DESC LIMIT 1"));
    q->Bind(1, int64_t(size));
    Status st;
    std::pair<uint64_t, std::string> out{0, ""};
    if (q->Step(&st)) out = {uint64_t(q->Int(0)), q->Text(1)};
    TRUCE_RETURN_IF_ERROR(st);
    return out;
  }

  Result<std::vector<std::pair<uint64_t, std::string>>> Checkpoints(uint64_t after_size, size_t limit) override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(
        auto q, reader_->Prepare("SELECT size, note FROM register_checkpoints WHERE size > ? ORDER BY size LIMIT ?"));
    q->Bind(1, int64_t(after_size));
    q->Bind(2, int64_t(limit));
    std::vector<std::pair<uint64_t, std::string>> out;
    Status st;
    while (q->Step(&st)) out.emplace_back(uint64_t(q->Int(0)), q->Text(1));
    TRUCE_RETURN_IF_ERROR(st);
    return out;
  }

  Status PutCosignature(uint64_t size, const std::string& witness, const std::string& line) override {
    MutexLock lock(write_mu_);
    TRUCE_ASSIGN_OR_RETURN(
        auto q, writer_->Prepare("INSERT OR REPLACE INTO register_cosignatures(size, witness, line) VALUES(?, ?, ?)"));
    q->Bind(1, int64_t(size));
    q->Bind(2, witness);
    q->Bind(3, line);
    return q->Run();
  }

  Result<std::vector<std::tuple<std::string, uint64_t, std::string>>> LatestCosignatures() override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(
        auto q, reader_->Prepare(
                    "SELECT witness, max(size), line FROM register_cosignatures GROUP BY witness ORDER BY witness"));
    std::vector<std::tuple<std::string, uint64_t, std::string>> out;
    Status st;
    while (q->Step(&st)) out.emplace_back(q->Text(0), uint64_t(q->Int(1)), q->Text(2));
    TRUCE_RETURN_IF_ERROR(st);
    return out;
  }

  Status AddFixes(const std::string& patrol, const std::vector<StoredFix>& fixes) override {
    if (fixes.empty()) return Status::Ok();
    MutexLock lock(write_mu_);
    TRUCE_RETURN_IF_ERROR(writer_->Exec("BEGIN IMMEDIATE"));
    // Any failure below leaves nothing of the batch.
    auto rollback = [&](Status st) TRUCE_REQUIRES(write_mu_) {
      (void)writer_->Exec("ROLLBACK");
      return st;
    };
    int64_t seq = 0;
    {
      auto last = writer_->Prepare("SELECT coalesce(max(seq), -1) FROM patrol_fixes WHERE patrol = ?");
      if (!last.ok()) return rollback(last.status());
      (*last)->Bind(1, patrol);
      Status st;
      if ((*last)->Step(&st)) seq = (*last)->Int(0) + 1;
      if (!st.ok()) return rollback(st);
    }
    auto q = writer_->Prepare(
        "INSERT INTO patrol_fixes(patrol, seq, vehicle, t_ms, lat_e7, lon_e7, quality, hdop_c) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    if (!q.ok()) return rollback(q.status());
    for (const StoredFix& f : fixes) {
      (*q)->Bind(1, patrol);
      (*q)->Bind(2, seq++);
      (*q)->Bind(3, f.vehicle);
      (*q)->Bind(4, f.t_ms);
      (*q)->Bind(5, int64_t(std::llround(f.lat * 1e7)));
      (*q)->Bind(6, int64_t(std::llround(f.lon * 1e7)));
      (*q)->Bind(7, int64_t(f.quality));
      (*q)->Bind(8, int64_t(std::llround(f.hdop * 100)));
      if (Status st = (*q)->Run(); !st.ok()) return rollback(st);
    }
    Status committed = writer_->Exec("COMMIT");
    if (!committed.ok()) (void)writer_->Exec("ROLLBACK");
    return committed;
  }

  Result<std::vector<std::string>> PatrolsWithFixes() override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(auto q, reader_->Prepare("SELECT DISTINCT patrol FROM patrol_fixes ORDER BY patrol"));
    std::vector<std::string> out;
    Status st;
    while (q->Step(&st)) out.push_back(q->Text(0));
    TRUCE_RETURN_IF_ERROR(st);
    return out;
  }

  Result<std::vector<StoredFix>> Fixes(const std::string& patrol) override {
    MutexLock lock(read_mu_);
    TRUCE_ASSIGN_OR_RETURN(auto q, reader_->Prepare("SELECT vehicle, t_ms, lat_e7, lon_e7, quality, hdop_c FROM "
                                                    "patrol_fixes WHERE patrol = ? ORDER BY seq"));
    q->Bind(1, patrol);
    std::vector<StoredFix> out;
    Status st;
    while (q->Step(&st)) {
      out.push_back({q->Text(0), q->Int(1), double(q->Int(2)) / 1e7, double(q->Int(3)) / 1e7, int(q->Int(4)),
                     double(q->Int(5)) / 100});
    }
    TRUCE_RETURN_IF_ERROR(st);
    return out;
  }

 private:
  friend class SqliteAppendSession;

  Result<std::vector<StoredEntry>> ReadEntries(sqlite::Statement& q) TRUCE_REQUIRES(read_mu_) {
    std::vector<StoredEntry> out;
    Status st;
    while (q.Step(&st)) {
      if (q.IsNull(2)) {
        out.push_back({uint64_t(q.Int(0)), q.Text(1)});
        continue;
      }
      TRUCE_ASSIGN_OR_RETURN(std::string bytes, leaves_reader_.Read(uint64_t(q.Int(2))));
      out.push_back({uint64_t(q.Int(0)), std::move(bytes)});
    }
    TRUCE_RETURN_IF_ERROR(st);
    return out;
  }

  // Into `s`, every field set, its strings' memory kept (QueryInto).
  static void ReadRow(const sqlite::Statement& q, StoredReport* s) {
    truce::Report& r = s->report;  // the type, not the method Report(id)
    s->id = q.Int(0);
    r.source.kind = ParseSourceKind(q.View(1)).value_or(SourceKind::kParty);
    r.source.party.assign(q.View(2));
    r.source.name.assign(q.View(3));
    r.source_report_id.assign(q.View(4));
    r.category = ParseCategory(q.View(5)).value_or(Category::kOther);
    r.observed.start = {q.Int(6), int32_t(q.Int(7))};
    r.observed.end = {q.Int(8), int32_t(q.Int(9))};
    r.location.lat = q.Double(10);
    r.location.lon = q.Double(11);
    r.location.uncertainty_m = q.Double(12);
    r.location.place.assign(q.View(13));
    r.weapon_class.assign(q.View(14));
    r.count = int(q.Int(15));
    r.bearing.reset();
    if (!q.IsNull(16)) r.bearing = Bearing{q.Double(16), q.Double(17)};
    r.casualties.reset();
    if (!q.IsNull(18)) r.casualties = Casualties{int(q.Int(18)), int(q.Int(19))};
    r.blames.assign(q.View(20));
    r.text.assign(q.View(21));
    SplitInto(q.View(22), ',', &r.evidence);
    SplitInto(q.View(23), ',', &r.zones);
    SplitInto(q.View(24), ',', &r.clauses);
    s->received_ms = q.Int(25);
    r.content_digest.assign(q.View(26));
    s->entry = uint64_t(q.Int(27));
    r.sighting.reset();
    if (!q.IsNull(28)) r.sighting = UnpackSighting(q.Text(28));
    r.origin.reset();
    if (!q.IsNull(29)) {
      auto v = UnpackNumbers(q.Text(29));
      if (v.size() == 3) r.origin = Origin{v[0], v[1], v[2]};
    }
  }

  static Result<std::vector<ZoneRecord>> ZonesFrom(sqlite::Db* db) {
    TRUCE_ASSIGN_OR_RETURN(auto q, db->Prepare("SELECT id, name, kind, properties, geometry FROM zones ORDER BY ord"));
    std::vector<ZoneRecord> out;
    Status st;
    while (q->Step(&st)) out.push_back({q->Text(0), q->Text(1), q->Text(2), q->Text(3), q->Text(4)});
    TRUCE_RETURN_IF_ERROR(st);
    return out;
  }

  Result<MissionRecord> MissionFrom(sqlite::Db* db) {
    MissionRecord m;
    TRUCE_ASSIGN_OR_RETURN(m.id, MetaLocked(db, "mission_id"));
    TRUCE_ASSIGN_OR_RETURN(m.name, MetaLocked(db, "mission_name"));
    TRUCE_ASSIGN_OR_RETURN(m.directory, MetaLocked(db, "mission_directory"));
    return m;
  }

  Result<std::string> MetaLocked(sqlite::Db* db, const std::string& key) {
    TRUCE_ASSIGN_OR_RETURN(auto q, db->Prepare("SELECT value FROM meta WHERE key = ?"));
    q->Bind(1, key);
    Status st;
    std::string v = q->Step(&st) ? q->Text(0) : std::string();
    TRUCE_RETURN_IF_ERROR(st);
    return v;
  }

  Status PutMeta(const std::string& key, const std::string& value) TRUCE_REQUIRES(write_mu_) {
    TRUCE_ASSIGN_OR_RETURN(
        auto q, writer_->Prepare(
                    "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q->Bind(1, key);
    q->Bind(2, value);
    return q->Run();
  }

  Mutex write_mu_;  // one append session or Initialize at a time
  std::unique_ptr<sqlite::Db> writer_ TRUCE_GUARDED_BY(write_mu_);
  Mutex read_mu_;
  std::unique_ptr<sqlite::Db> reader_ TRUCE_GUARDED_BY(read_mu_);
  sqlite::LeavesReader leaves_reader_ TRUCE_GUARDED_BY(read_mu_);
  std::unordered_map<std::string, int64_t> zone_labels_ TRUCE_GUARDED_BY(write_mu_);
  std::unordered_map<std::string, int64_t> clause_labels_ TRUCE_GUARDED_BY(write_mu_);
};

SqliteAppendSession::~SqliteAppendSession() {
  if (open_) (void)store_->writer_->Exec("ROLLBACK");
}

Result<int64_t> SqliteAppendSession::Label(bool zone, const std::string& id) {
  const auto& committed = zone ? store_->zone_labels_ : store_->clause_labels_;
  if (auto it = committed.find(id); it != committed.end()) return it->second;
  // A label made in this session exists only if the session commits, so it
  // is cached here first and joins the store's cache after COMMIT.
  auto& cache = zone ? new_zone_labels_ : new_clause_labels_;
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  const std::string name = (zone ? "zone:" : "clause:") + id;
  auto* db = store_->writer_.get();
  TRUCE_ASSIGN_OR_RETURN(auto insert, db->Prepare("INSERT OR IGNORE INTO labels(name) VALUES(?)"));
  insert->Bind(1, name);
  TRUCE_RETURN_IF_ERROR(insert->Run());
  TRUCE_ASSIGN_OR_RETURN(auto find, db->Prepare("SELECT num FROM labels WHERE name = ?"));
  find->Bind(1, name);
  Status st;
  if (!find->Step(&st)) return st.ok() ? Status::Internal("label vanished: " + name) : st;
  int64_t num = find->Int(0);
  // Labels are never renumbered, so another process's insert is safe to cache.
  cache.emplace(id, num);
  return num;
}

Status SqliteAppendSession::DeferIndexes() {
  auto* db = store_->writer_.get();
  Deferred d;
  std::vector<std::string> names;
  {
    TRUCE_ASSIGN_OR_RETURN(auto any, db->Prepare("SELECT EXISTS(SELECT 1 FROM reports)"));
    Status st;
    const bool has_reports = any->Step(&st) && any->Int(0) != 0;
    TRUCE_RETURN_IF_ERROR(st);
    if (has_reports) return Status::Ok();  // the indexes are needed to find repeats
    TRUCE_ASSIGN_OR_RETURN(auto indexes, db->Prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                                                     "AND tbl_name = 'reports' AND sql IS NOT NULL ORDER BY name"));
    while (indexes->Step(&st)) {
      names.push_back(indexes->Text(0));
      d.index_sql.push_back(indexes->Text(1));
    }
    TRUCE_RETURN_IF_ERROR(st);
  }  // the statements are reset here: a table being read cannot be changed
  // Dropped inside the transaction: a rollback, or a crash before COMMIT,
  // brings them back with everything else.
  for (const std::string& name : names) TRUCE_RETURN_IF_ERROR(db->Exec("DROP INDEX \"" + name + "\""));
  deferred_ = std::move(d);
  return Status::Ok();
}

namespace {

uint64_t SourceKeyHash(std::string_view kind, const Report& r) {
  std::string key;
  key.reserve(kind.size() + r.source.party.size() + r.source.name.size() + r.source_report_id.size() + 3);
  key.append(kind).append(1, '\0').append(r.source.party).append(1, '\0');
  key.append(r.source.name).append(1, '\0').append(r.source_report_id);
  return std::hash<std::string>()(key);
}

}  // namespace

Result<std::optional<std::pair<int64_t, std::string>>> SqliteAppendSession::FindDeferred(uint64_t key_hash,
                                                                                         const Report& r) {
  using Found = std::optional<std::pair<int64_t, std::string>>;
  auto [first, last] = deferred_->by_key.equal_range(key_hash);
  if (first == last) return Found();
  TRUCE_ASSIGN_OR_RETURN(auto row,
                         store_->writer_->Prepare("SELECT source_kind, source_party, source_name, "
                                                  "source_report_id, content_digest FROM reports WHERE id = ?"));
  for (auto it = first; it != last; ++it) {
    row->Bind(1, it->second);
    Status st;
    const bool found = row->Step(&st);
    TRUCE_RETURN_IF_ERROR(st);
    if (found && row->Text(0) == SourceKindName(r.source.kind) && row->Text(1) == r.source.party &&
        row->Text(2) == r.source.name && row->Text(3) == r.source_report_id) {
      return Found(std::in_place, it->second, row->Text(4));
    }
    row->Reset();
  }
  return Found();
}

Result<AppendResult> SqliteAppendSession::Append(std::span<const Report* const> reports,
                                                 std::span<const uint64_t> entries) {
  if (entries.size() != reports.size()) return Status::Internal("each report needs its entry index");
  auto* db = store_->writer_.get();
  // With the indexes put off there is no unique index for ON CONFLICT to
  // name; FindDeferred answers first instead.
  TRUCE_ASSIGN_OR_RETURN(
      auto insert,
      db->Prepare(
          std::string("INSERT INTO reports(source_kind, source_party, source_name, source_report_id, category, "
                      "start_ms, start_offset, end_ms, end_offset, lat, lon, uncertainty_m, cell, place, "
                      "weapon_class, count, bearing_deg, bearing_error_deg, killed, injured, blames, text, "
                      "evidence, zones, clauses, received_ms, content_digest, entry, sighting, origin) "
                      "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)") +
          (deferred_ ? "" : " ON CONFLICT(source_kind, source_party, source_name, source_report_id) DO NOTHING")));
  TRUCE_ASSIGN_OR_RETURN(auto tag, db->Prepare("INSERT OR IGNORE INTO report_labels(label, report) VALUES(?, ?)"));
  AppendResult result;
  result.ids.reserve(reports.size());
  std::string evidence, zones, clauses, sighting, origin;
  for (size_t ri = 0; ri < reports.size(); ++ri) {
    const Report& r = *reports[ri];
    std::string_view kind = SourceKindName(r.source.kind);
    uint64_t key_hash = 0;
    if (deferred_) {
      key_hash = SourceKeyHash(kind, r);
      TRUCE_ASSIGN_OR_RETURN(auto before, FindDeferred(key_hash, r));
      if (before) {
        const bool same = before->second == r.content_digest;
        result.ids.push_back(before->first);
        result.outcomes.push_back(same ? AppendOutcome::kDuplicate : AppendOutcome::kConflict);
        ++(same ? result.duplicates : result.conflicts);
        continue;
      }
    }
    insert->Bind(1, kind);
    insert->Bind(2, r.source.party);
    insert->Bind(3, r.source.name);
    insert->Bind(4, r.source_report_id);
    insert->Bind(5, CategoryName(r.category));
    insert->Bind(6, r.observed.start.utc_ms);
    insert->Bind(7, int64_t{r.observed.start.offset_min});
    insert->Bind(8, r.observed.end.utc_ms);
    insert->Bind(9, int64_t{r.observed.end.offset_min});
    insert->Bind(10, r.location.lat);
    insert->Bind(11, r.location.lon);
    insert->Bind(12, r.location.uncertainty_m);
    insert->Bind(13, geo::CellKey({r.location.lat, r.location.lon}));
    insert->BindTextOrNull(14, r.location.place);
    insert->BindTextOrNull(15, r.weapon_class);
    insert->Bind(16, int64_t{r.count});
    if (r.bearing) {
      insert->Bind(17, r.bearing->azimuth_deg);
      insert->Bind(18, r.bearing->error_deg);
    } else {
      insert->BindNull(17);
      insert->BindNull(18);
    }
    if (r.casualties) {
      insert->Bind(19, int64_t{r.casualties->killed});
      insert->Bind(20, int64_t{r.casualties->injured});
    } else {
      insert->BindNull(19);
      insert->BindNull(20);
    }
    insert->BindTextOrNull(21, r.blames);
    insert->BindTextOrNull(22, r.text);
    // Bound text is not copied, so the joined lists live until the step.
    evidence = Join(r.evidence, ',');
    zones = Join(r.zones, ',');
    clauses = Join(r.clauses, ',');
    insert->BindTextOrNull(23, evidence);
    insert->BindTextOrNull(24, zones);
    insert->BindTextOrNull(25, clauses);
    insert->Bind(26, received_ms_);
    insert->Bind(27, r.content_digest);
    insert->Bind(28, int64_t(entries[ri]));
    sighting = r.sighting ? PackSighting(*r.sighting) : "";
    origin = r.origin ? PackNumbers({r.origin->lat, r.origin->lon, r.origin->uncertainty_m}) : "";
    insert->BindTextOrNull(29, sighting);
    insert->BindTextOrNull(30, origin);
    TRUCE_RETURN_IF_ERROR(insert->Run());
    if (db->changes() == 0) {
      TRUCE_ASSIGN_OR_RETURN(
          auto find, db->Prepare("SELECT id, content_digest FROM reports WHERE source_kind = ? AND source_party = ? "
                                 "AND source_name = ? AND source_report_id = ?"));
      find->Bind(1, kind);
      find->Bind(2, r.source.party);
      find->Bind(3, r.source.name);
      find->Bind(4, r.source_report_id);
      Status st;
      bool found = find->Step(&st);
      TRUCE_RETURN_IF_ERROR(st);
      if (!found) return Status::Internal("a conflicting report vanished: " + r.source_report_id);
      bool same = find->Text(1) == r.content_digest;
      result.ids.push_back(find->Int(0));
      result.outcomes.push_back(same ? AppendOutcome::kDuplicate : AppendOutcome::kConflict);
      ++(same ? result.duplicates : result.conflicts);
      continue;
    }
    int64_t id = sqlite3_last_insert_rowid(db->raw());
    if (deferred_) {
      deferred_->by_key.emplace(key_hash, id);
      deferred_->added.emplace_back(key_hash, id);
    }
    for (const auto* tags : {&r.zones, &r.clauses}) {
      const bool zone = tags == &r.zones;
      for (const std::string& t : *tags) {
        TRUCE_ASSIGN_OR_RETURN(int64_t label, Label(zone, t));
        if (deferred_) {
          deferred_->labels.emplace_back(label, id);
          continue;
        }
        tag->Bind(1, label);
        tag->Bind(2, id);
        TRUCE_RETURN_IF_ERROR(tag->Run());
      }
    }
    max_duration_ms_ = std::max(max_duration_ms_, r.observed.duration_ms());
    result.ids.push_back(id);
    result.outcomes.push_back(AppendOutcome::kAppended);
    ++result.appended;
  }
  return result;
}

Status SqliteAppendSession::AppendEntries(uint64_t first_index, std::span<const std::string_view> entries,
                                          std::span<const std::string_view> kinds,
                                          std::span<const Sha256> leaf_hashes) {
  if (entries.size() != leaf_hashes.size() || entries.size() != kinds.size()) {
    return Status::Internal("entries and leaf hashes differ in number");
  }
  auto* db = store_->writer_.get();
  if (!leaves_) {
    TRUCE_ASSIGN_OR_RETURN(std::string end, store_->MetaLocked(db, "leaves_end"));
    TRUCE_ASSIGN_OR_RETURN(leaves_, sqlite::LeavesWriter::Open(db->path(), end.empty() ? 0 : std::stoull(end)));
    // Marks made before the file was opened rewind to where it began.
    std::fill(leaf_marks_.begin(), leaf_marks_.end(), leaves_->end());
  }
  TRUCE_ASSIGN_OR_RETURN(
      auto insert, db->Prepare("INSERT INTO register_entries(idx, kind, entry, leaf_hash, at) VALUES(?, ?, ?, ?, ?)"));
  for (size_t i = 0; i < entries.size(); ++i) {
    TRUCE_ASSIGN_OR_RETURN(uint64_t at, leaves_->Append(entries[i]));
    insert->Bind(1, int64_t(first_index + i));
    insert->Bind(2, kinds[i]);
    insert->BindBlob(3, std::string_view("", 0));  // zero bytes, not null: the bytes are in the leaves file
    insert->BindBlob(4, {reinterpret_cast<const char*>(leaf_hashes[i].data()), leaf_hashes[i].size()});
    insert->Bind(5, int64_t(at));
    TRUCE_RETURN_IF_ERROR(insert->Run());
  }
  return Status::Ok();
}

Result<std::optional<uint64_t>> SqliteAppendSession::FindEntry(const Sha256& leaf_hash) {
  // `kind <> 'report'` spelled as the partial index's: the planner uses it.
  TRUCE_ASSIGN_OR_RETURN(
      auto q, store_->writer_->Prepare(
                  "SELECT idx FROM register_entries WHERE leaf_hash = ? AND kind <> 'report' ORDER BY idx LIMIT 1"));
  q->BindBlob(1, {reinterpret_cast<const char*>(leaf_hash.data()), leaf_hash.size()});
  Status st;
  std::optional<uint64_t> found;
  if (q->Step(&st)) found = uint64_t(q->Int(0));
  TRUCE_RETURN_IF_ERROR(st);
  return found;
}

Result<std::string> SqliteAppendSession::EntryKind(uint64_t index) {
  if (index > uint64_t(INT64_MAX)) return std::string();
  TRUCE_ASSIGN_OR_RETURN(auto q, store_->writer_->Prepare("SELECT kind FROM register_entries WHERE idx = ?"));
  q->Bind(1, int64_t(index));
  Status st;
  std::string kind;
  if (q->Step(&st)) kind = q->Text(0);
  TRUCE_RETURN_IF_ERROR(st);
  return kind;
}

Status SqliteAppendSession::PutCheckpoint(uint64_t size, const std::string& note) {
  TRUCE_ASSIGN_OR_RETURN(auto q, store_->writer_->Prepare("INSERT INTO register_checkpoints(size, note) VALUES(?, ?) "
                                                          "ON CONFLICT(size) DO UPDATE SET note = excluded.note"));
  q->Bind(1, int64_t(size));
  q->Bind(2, note);
  return q->Run();
}

Status SqliteAppendSession::Mark() {
  TRUCE_RETURN_IF_ERROR(store_->writer_->Exec("SAVEPOINT s" + std::to_string(++depth_)));
  if (deferred_) deferred_->marks.emplace_back(deferred_->added.size(), deferred_->labels.size());
  leaf_marks_.push_back(leaves_ ? leaves_->end() : 0);
  return Status::Ok();
}

Status SqliteAppendSession::Keep() {
  if (depth_ == 0) return Status::Internal("Keep() without Mark()");
  if (deferred_) deferred_->marks.pop_back();
  leaf_marks_.pop_back();
  return store_->writer_->Exec("RELEASE s" + std::to_string(depth_--));
}

Status SqliteAppendSession::Undo() {
  if (depth_ == 0) return Status::Internal("Undo() without Mark()");
  std::string name = "s" + std::to_string(depth_--);
  TRUCE_RETURN_IF_ERROR(store_->writer_->Exec("ROLLBACK TO " + name));
  if (deferred_) {
    // The rows since the mark are gone: so are their keys.
    const auto [added, labels] = deferred_->marks.back();
    for (size_t i = added; i < deferred_->added.size(); ++i) {
      auto [first, last] = deferred_->by_key.equal_range(deferred_->added[i].first);
      for (auto it = first; it != last; ++it) {
        if (it->second == deferred_->added[i].second) {
          deferred_->by_key.erase(it);
          break;
        }
      }
    }
    deferred_->added.resize(added);
    deferred_->labels.resize(labels);
    deferred_->marks.pop_back();
  }
  if (leaves_) leaves_->Rewind(leaf_marks_.back());
  leaf_marks_.pop_back();
  // Labels made since the mark are gone from the file: forget them here too.
  new_zone_labels_.clear();
  new_clause_labels_.clear();
  return store_->writer_->Exec("RELEASE " + name);
}

Status SqliteAppendSession::Commit() {
  if (!open_) return Status::Internal("append session committed twice");
  if (max_duration_ms_ > 0) {
    auto* db = store_->writer_.get();
    TRUCE_ASSIGN_OR_RETURN(
        auto q, db->Prepare("INSERT INTO meta(key, value) VALUES('max_duration_ms', ?) ON CONFLICT(key) DO UPDATE "
                            "SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))"));
    std::string value = std::to_string(max_duration_ms_);
    q->Bind(1, value);
    TRUCE_RETURN_IF_ERROR(q->Run());
  }
  if (deferred_) {
    auto& labels = deferred_->labels;
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    TRUCE_ASSIGN_OR_RETURN(auto tag,
                           store_->writer_->Prepare("INSERT OR IGNORE INTO report_labels(label, report) VALUES(?, ?)"));
    for (auto [label, report] : labels) {
      tag->Bind(1, label);
      tag->Bind(2, report);
      TRUCE_RETURN_IF_ERROR(tag->Run());
    }
    for (const std::string& sql : deferred_->index_sql) TRUCE_RETURN_IF_ERROR(store_->writer_->Exec(sql));
    deferred_.reset();
  }
  if (leaves_) {
    // On disk before the rows that point at them can be.
    TRUCE_RETURN_IF_ERROR(leaves_->Sync());
    TRUCE_RETURN_IF_ERROR(store_->PutMeta("leaves_end", std::to_string(leaves_->end())));
  }
  Status st = store_->writer_->Exec("COMMIT");
  if (!st.ok()) return st;  // the destructor rolls back
  open_ = false;
  store_->zone_labels_.merge(new_zone_labels_);
  store_->clause_labels_.merge(new_clause_labels_);
  lock_.unlock();  // the next writer need not wait for this object to go
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const SqliteOptions& options) {
  int flags = SQLITE_OPEN_READWRITE | (options.create_if_missing ? SQLITE_OPEN_CREATE : 0);
  TRUCE_ASSIGN_OR_RETURN(auto writer, sqlite::Db::Open(path, flags, options.vfs));
  TRUCE_RETURN_IF_ERROR(writer->Exec("PRAGMA busy_timeout = 10000"));
  TRUCE_RETURN_IF_ERROR(
      writer->Exec(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL"));
  TRUCE_RETURN_IF_ERROR(writer->Exec("PRAGMA cache_size = -262144"));
  TRUCE_RETURN_IF_ERROR(writer->Exec("PRAGMA temp_store = MEMORY"));
  // Building an index sorts; a second thread halves a bulk load's wait.
  TRUCE_RETURN_IF_ERROR(writer->Exec("PRAGMA threads = 2"));
  // The schema is written once. Opening an existing database writes
  // nothing, so `truce query` never waits behind a long ingest's lock.
  TRUCE_ASSIGN_OR_RETURN(int64_t version, SchemaVersion(writer.get()));
  if (version == 1) {
    return Status::Precondition(path +
                                " was made before the register (schema 1): its reports are not in a "
                                "signed log. Make a new database with `truce init` and ingest the reports again");
  }
  if (version > kSchemaVersion) {
    return Status::Precondition(path + " was made by a newer truce (schema " + std::to_string(version) +
                                "); upgrade truce to open it");
  }
  if (version >= 2 && version < kSchemaVersion) {
    // Under the write lock, and only if no other process did it first.
    TRUCE_RETURN_IF_ERROR(writer->Exec("BEGIN IMMEDIATE"));
    auto now = SchemaVersion(writer.get());
    if (!now.ok()) {
      (void)writer->Exec("ROLLBACK");
      return now.status();
    }
    Status migrated;
    if (*now == 2) {
      migrated = writer->Exec(
          "ALTER TABLE reports ADD COLUMN sighting TEXT; "
          "ALTER TABLE reports ADD COLUMN origin TEXT; PRAGMA user_version = 3");
      if (migrated.ok()) *now = 3;
    }
    if (migrated.ok() && *now == 3) {
      migrated = writer->Exec(std::string(kSchema4) + "PRAGMA user_version = 4");
      if (migrated.ok()) *now = 4;
    }
    if (migrated.ok() && *now == 4) {
      migrated = writer->Exec(std::string(kSchema5) + "PRAGMA user_version = 5");
      if (migrated.ok()) *now = 5;
    }
    if (migrated.ok() && *now == 5) {
      migrated = writer->Exec(std::string(kSchema6) + "PRAGMA user_version = 6");
    }
    if (!migrated.ok()) {
      (void)writer->Exec("ROLLBACK");
      return migrated.WithContext(path + ": upgrading schema " + std::to_string(version) + " to " +
                                  std::to_string(kSchemaVersion));
    }
    TRUCE_RETURN_IF_ERROR(writer->Exec("COMMIT"));
  } else if (version < kSchemaVersion) {
    // Version 0: a new file, or one an interrupted init left (with truce's
    // tables but no version yet). Tables of some other program's are not
    // ours to add to.
    {  // the statement is reset at the brace: no read left open below
      TRUCE_ASSIGN_OR_RETURN(
          auto tables,
          writer->Prepare(
              "SELECT count(*), count(*) FILTER (WHERE name = 'meta') FROM sqlite_schema WHERE type = 'table'"));
      Status st;
      if (tables->Step(&st) && tables->Int(0) > 0 && tables->Int(1) == 0) {
        return Status::Precondition(path + " is a SQLite database but not a truce database; give another file");
      }
      TRUCE_RETURN_IF_ERROR(st);
    }
    // 16 KiB pages: shallower B-trees for rows of ~300 bytes; 7-12% faster
    // bulk ingest than 4 KiB here (docs/PERFORMANCE.md). Only takes effect
    // on a new, empty file, before WAL is on.
    TRUCE_RETURN_IF_ERROR(writer->Exec("PRAGMA page_size = 16384"));
    TRUCE_RETURN_IF_ERROR(writer->Exec("PRAGMA journal_mode = WAL"));
    TRUCE_RETURN_IF_ERROR(writer->Exec(kSchema));
    TRUCE_RETURN_IF_ERROR(writer->Exec(kSchema4));
    TRUCE_RETURN_IF_ERROR(writer->Exec(kSchema5));
    TRUCE_RETURN_IF_ERROR(writer->Exec(kSchema6));
    TRUCE_RETURN_IF_ERROR(writer->Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion)));
    // The new file and its WAL must survive a crash as names, not only as
    // data: sync the directory that holds them.
    TRUCE_RETURN_IF_ERROR(sqlite::SyncDirectoryOf(path));
  }
  TRUCE_ASSIGN_OR_RETURN(auto reader, sqlite::Db::Open(path, SQLITE_OPEN_READWRITE, options.vfs));
  TRUCE_RETURN_IF_ERROR(reader->Exec("PRAGMA busy_timeout = 10000"));
  TRUCE_RETURN_IF_ERROR(reader->Exec("PRAGMA cache_size = -32768"));
  return std::unique_ptr<Store>(new SqliteStore(std::move(writer), std::move(reader)));
}

}  // namespace truce
