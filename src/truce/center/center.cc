#include "truce/center/center.h"

#include <unordered_map>
#include <unordered_set>
#include <variant>

#include "truce/core/thread_annotations.h"
#include "truce/patrol/notice.h"
#include "truce/patrol/plan.h"
#include "truce/review/review.h"

#include <nlohmann/json.hpp>

#include "truce/intake/report_body.h"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace truce {

std::vector<ZoneRecord> Center::ZoneRecords(const Mission& mission) {
  std::vector<ZoneRecord> out;
  for (const geo::Zone& z : mission.zones) {
    nlohmann::json props = {{"id", z.id}, {"name", z.name}, {"kind", geo::ZoneKindName(z.kind)}};
    if (z.half_width_m > 0) props["half_width_m"] = z.half_width_m;
    if (!z.party.empty()) props["party"] = z.party;
    if (!z.site_kind.empty()) props["site_kind"] = z.site_kind;
    if (z.valid_from) props["valid_from"] = FormatRfc3339(*z.valid_from);
    if (z.valid_until) props["valid_until"] = FormatRfc3339(*z.valid_until);
    if (z.approximate) props["approximate"] = true;
    if (!z.source.empty()) props["source"] = z.source;
    out.push_back({z.id, z.name, std::string(geo::ZoneKindName(z.kind)), props.dump(), z.geometry_json});
  }
  return out;
}

Result<std::unique_ptr<Center>> Center::Open(Mission mission, std::unique_ptr<Store> store,
                                             std::optional<reg::NoteSigner> log_key, const Clock& clock) {
  TRUCE_RETURN_IF_ERROR(store->Initialize({mission.id, mission.name, mission.directory}, ZoneRecords(mission)));
  TRUCE_ASSIGN_OR_RETURN(std::unique_ptr<Center> center, OpenToRead(std::move(mission), std::move(store), clock));
  TRUCE_ASSIGN_OR_RETURN(center->registrar_,
                         Registrar::Open(center->store_.get(), center->mission_, std::move(log_key), clock));
  center->registrar_->SetEntryCheck([c = center.get()](const reg::Entry& e) { return c->CheckPatrolPlan(e); });
  return center;
}

Result<std::unique_ptr<Center>> Center::OpenToRead(Mission mission, std::unique_ptr<Store> store, const Clock& clock) {
  TRUCE_ASSIGN_OR_RETURN(MissionRecord held, store->Mission());
  if (held.id != mission.id) {
    return Status::Precondition("the database holds mission '" + held.id + "', but the pack is '" + mission.id + "'");
  }
  return std::unique_ptr<Center>(new Center(std::move(mission), std::move(store), clock));
}

Status Center::CheckPatrolPlan(const reg::Entry& e) {
  if (e.kind == reg::kind::kFlightNotice) {
    auto notice = patrol::ParseNotice(e.body);
    if (!notice.ok()) return Status::Invalid("body." + notice.status().message());
    notice->party = e.party;
    // A notice the matcher cannot hold (an area that is not a polygon) is
    // refused now, not found out at the first flight.
    return patrol::AirspaceMatcher::Build(mission_, {*notice}).status();
  }
  if (e.kind != reg::kind::kPatrolPlan) return Status::Ok();
  TRUCE_ASSIGN_OR_RETURN(const Tagger* tagger, this->tagger());
  auto plan = patrol::ParsePlan(e.body["plan"]);
  if (!plan.ok()) return Status::Invalid("body.plan." + plan.status().message());
  if (plan->id != e.body["patrol"].get<std::string>()) {
    return Status::Invalid("body.patrol: '" + e.body["patrol"].get<std::string>() + "' is not the plan's patrol '" +
                           plan->id + "'");
  }
  return patrol::CheckPlan(*plan, mission_, *tagger).status();
}

Status Center::CheckReportingParty(const Report& r, const std::string& party) const {
  const Party* p = mission_.FindParty(r.source.party);
  if (p && p->role == PartyRole::kCenter && p->id != party) {
    return Status::Denied("the report's source is " + p->id + ", but it is signed for " + party +
                          ": a party can only report for itself");
  }
  return Status::Ok();
}

Result<const Tagger*> Center::tagger() {
  std::call_once(tagger_once_, [this] {
    // The tagger points into the center's own mission, which never moves.
    auto built = Tagger::Build(mission_);
    if (built.ok()) {
      tagger_ = std::make_unique<Tagger>(std::move(built).value());
    } else {
      tagger_status_ = built.status();
    }
  });
  if (!tagger_) return tagger_status_;
  return tagger_.get();
}

namespace {

void AddError(IngestSummary* summary, intake::RowError error) {
  ++summary->error_count;
  if (summary->errors.size() < IngestSummary::kMaxListedErrors) summary->errors.push_back(std::move(error));
}

// Work handed from the reading thread to the storing one; bounded so a
// fast reader does not hold the whole file's reports in memory.
template <typename Item>
class WorkQueue {
 public:
  void Push(Item item) {
    UniqueLock lock(mu_);
    not_full_.wait(lock, [&]() TRUCE_REQUIRES(mu_) { return items_.size() < kDepth || closed_; });
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }
  void Close() {
    MutexLock lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }
  std::optional<Item> Pop() {
    UniqueLock lock(mu_);
    not_empty_.wait(lock, [&]() TRUCE_REQUIRES(mu_) { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    Item item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

 private:
  static constexpr size_t kDepth = 4;
  Mutex mu_;
  std::condition_variable_any not_empty_, not_full_;
  std::deque<Item> items_ TRUCE_GUARDED_BY(mu_);
  bool closed_ TRUCE_GUARDED_BY(mu_) = false;
};

}  // namespace

namespace {

// A report waiting for its batch's seal.
struct Member {
  Report report;
  size_t line;
};

// The seal over a chunk's reports, then their entries: one unit.
Result<Unit> SealBatch(const std::vector<Member>& batch, const reg::NoteSigner& signer, const std::string& party,
                       const Instant& now) {
  std::vector<UnitEntry> members;
  members.reserve(batch.size());
  reg::LogTree tree;
  for (const Member& m : batch) {
    TRUCE_ASSIGN_OR_RETURN(reg::Entry e,
                           reg::MakeSealedEntry(reg::kind::kReport, party, signer.verifier().name, now,
                                                intake::CanonicalReportBody(m.report), int64_t(members.size())));
    tree.Append(e.leaf_hash());
    members.push_back({std::move(e), m.report, m.line});
  }
  TRUCE_ASSIGN_OR_RETURN(reg::Entry seal, reg::MakeEntry(reg::kind::kBatch, party, signer.verifier().name, now,
                                                         reg::BatchSealBody(members.size(), tree.Root()), &signer));
  Unit unit;
  unit.entries.reserve(members.size() + 1);
  unit.entries.push_back({std::move(seal), std::nullopt, members.empty() ? 0 : members[0].line});
  for (UnitEntry& m : members) unit.entries.push_back(std::move(m));
  return unit;
}

void AddUnitResult(IngestSummary* s, const Unit& unit, const UnitResult& r, bool want_ids) {
  if (r.appended) {
    s->entries.emplace_back(unit.entries[0].line, r.first_index);
    s->appended_by_signer[unit.entries[0].entry.signer] += unit.entries.size();
  }
  // A signed entry other than a report sent again: counted as a repeat, as
  // a resent report is.
  if (!r.appended && !unit.entries[0].report && unit.entries.size() == 1) s->duplicates += 1;
  for (size_t i = 0; i < unit.entries.size(); ++i) {
    if (!unit.entries[i].report) continue;
    (r.duplicate[i] ? s->duplicates : s->appended) += 1;
    if (want_ids) {
      s->ids.push_back(r.report_ids[i]);
      s->duplicate.push_back(r.duplicate[i]);
      s->reports.push_back(*unit.entries[i].report);
    }
  }
}

}  // namespace

Result<IngestSummary> Center::Ingest(std::string_view data, const IngestOptions& options) {
  if (!registrar_) return Status::Precondition("the center was opened only to read");
  if (!options.signer) {
    return Status::Denied("every report enters the register signed: give the key of an observer (--key FILE)");
  }
  const reg::NoteSigner& signer = *options.signer;
  std::string party;
  {
    auto keys = registrar_->keys();
    const reg::KeyRecord* k = keys->Find(signer.verifier().name);
    if (!k)
      return Status::Denied("key '" + signer.verifier().name +
                            "' is neither pinned by the mission pack nor added in the register");
    if (k->key.ToString() != signer.verifier().ToString()) {
      return Status::Denied("key file '" + signer.verifier().name +
                            "' does not hold the key registered under that name");
    }
    party = k->party;
  }
  TRUCE_ASSIGN_OR_RETURN(const Tagger* tagger, this->tagger());
  intake::BatchReader reader(data, options.format, mission_, *tagger);
  if (!reader.status().ok()) return reader.status();
  TRUCE_ASSIGN_OR_RETURN(auto bulk, registrar_->BeginBulk());

  // The reading thread also makes each chunk's entries and seals them, so
  // the storing thread does nothing but append.
  struct Sealed {
    intake::Chunk chunk;
    size_t bytes_done = 0;
    std::vector<intake::RowError> refused;  // reports this signer may not file
    std::vector<Member> members;
    Result<Unit> unit = Status::Internal("not sealed");
  };
  const Instant now = Instant{clock_.NowMs(), 0};
  WorkQueue<Sealed> queue;
  Status producer_failure;
  std::thread producer([&] {
    // Nothing may escape the thread: an exception here would end the
    // process, and with it a running server.
    try {
      Sealed s;
      while (reader.Next(options.chunk_rows, &s.chunk)) {
        s.bytes_done = reader.bytes_done();
        for (size_t i = 0; i < s.chunk.reports.size(); ++i) {
          Report& r = s.chunk.reports[i];
          if (Status st = CheckReportingParty(r, party); !st.ok()) {
            s.refused.push_back({s.chunk.lines[i], "source.party", st.message()});
            continue;
          }
          s.members.push_back({std::move(r), s.chunk.lines[i]});
        }
        s.chunk.reports.clear();
        if (!s.members.empty()) s.unit = SealBatch(s.members, signer, party, now);
        queue.Push(std::move(s));
        s = Sealed();
      }
    } catch (const std::exception& e) {
      producer_failure = Status::Internal(std::string("reading the batch failed: ") + e.what());
    }
    queue.Close();
  });

  IngestSummary summary;
  Status failure;
  while (auto item = queue.Pop()) {
    Sealed& s = *item;
    summary.rows += s.members.size() + s.refused.size() + s.chunk.errors.size();
    for (auto& e : s.chunk.errors) AddError(&summary, std::move(e));
    for (auto& e : s.refused) AddError(&summary, std::move(e));
    // Under kRejectAll the first bad row dooms the batch; keep reading to
    // list every bad row, but stop writing.
    bool doomed = options.policy == intake::BatchPolicy::kRejectAll && summary.error_count > 0;
    while (failure.ok() && !doomed && !s.members.empty()) {
      if (!s.unit.ok()) {
        failure = s.unit.status();
        break;
      }
      UnitResult r = bulk->Add(*s.unit);
      if (r.status.ok()) {
        AddUnitResult(&summary, *s.unit, r, options.want_ids);
        break;
      }
      if (r.status.code() != Code::kInvalidArgument || r.line == 0) {
        failure = r.status;
        break;
      }
      // Never a silent drop: a report that reuses an id is an error. Under
      // kSkipBad the rest of the chunk is sealed again without it.
      AddError(&summary, {r.line, "id", r.status.message()});
      doomed = options.policy == intake::BatchPolicy::kRejectAll;
      std::erase_if(s.members, [&](const Member& m) { return m.line == r.line; });
      if (!s.members.empty()) s.unit = SealBatch(s.members, signer, party, now);
    }
    if (options.progress) options.progress(s.bytes_done, data.size(), summary.rows);
  }
  producer.join();
  TRUCE_RETURN_IF_ERROR(producer_failure);
  if (!reader.status().ok()) return reader.status();
  std::stable_sort(summary.errors.begin(), summary.errors.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  TRUCE_RETURN_IF_ERROR(failure);
  if (options.policy == intake::BatchPolicy::kRejectAll && summary.error_count > 0) {
    summary.Reject();
    return summary;  // the bulk append rolls back as it goes out of scope
  }
  TRUCE_ASSIGN_OR_RETURN(SubmitResult committed, bulk->Commit());
  summary.tree_size = committed.tree_size;
  summary.checkpoint = committed.checkpoint;
  return summary;
}

// The writer checks all of this again under its lock; this look, before
// the queue, answers most mistakes without holding up other writers.
Status Center::CheckReview(const reg::Entry& e) {
  if (!reg::IsReviewKind(e.kind)) return Status::Ok();
  TRUCE_RETURN_IF_ERROR(reg::CheckReviewBody(e, reg::ReviewBodyRules::kLogged));
  // A copy of an entry already in the register is answered as a duplicate
  // by the writer, not refused here (even one from before `previous`).
  Status order = registrar_->CheckReviewOrder(e);
  if (order.code() == Code::kAlreadyExists) return Status::Ok();
  TRUCE_RETURN_IF_ERROR(reg::CheckReviewBody(e, reg::ReviewBodyRules::kNewEntry));
  auto kind_of = [&](uint64_t at) -> Result<std::string> {
    TRUCE_ASSIGN_OR_RETURN(auto stored, store_->Entries(at, at + 1));
    if (stored.empty()) return std::string();
    TRUCE_ASSIGN_OR_RETURN(reg::Entry d, reg::ParseLeaf(stored[0].bytes));
    return d.kind;
  };
  if (e.kind == reg::kind::kDetermination) {
    TRUCE_RETURN_IF_ERROR(reg::CheckReportEntries(registrar_->size(), e, kind_of));
    TRUCE_RETURN_IF_ERROR(CheckIncidentName(e));
    return order;
  }
  uint64_t target = reg::ReferencedDetermination(e);
  TRUCE_ASSIGN_OR_RETURN(std::string kind, kind_of(target));
  if (kind.empty()) {
    return Status::NotFound("body.determination: there is no entry " + std::to_string(target) + " in the register");
  }
  if (kind != reg::kind::kDetermination) {
    return Status::Invalid("body.determination: entry " + std::to_string(target) + " is a " + kind +
                           " entry, not a determination");
  }
  return order;
}

// Fusion names an incident "I-" and the center's id of one of its reports
// (the first hard one), so a determination about an incident the center
// never formed is refused here: the name must be of a stored report, and
// the determination must cite that report's entry. Reports are never taken
// back, so what holds now holds when the writer appends.
Status Center::CheckIncidentName(const reg::Entry& e) {
  const std::string name = e.body.value("incident", "");
  const std::string shown = name.size() > 40 ? name.substr(0, 40) + "…" : name;
  int64_t id = 0;
  const char* digits = name.data() + std::min<size_t>(2, name.size());
  auto [end, ec] = std::from_chars(digits, name.data() + name.size(), id);
  if (name.rfind("I-", 0) != 0 || ec != std::errc() || end != name.data() + name.size() || id <= 0) {
    return Status::Invalid("body.incident: '" + shown +
                           "' is not an incident's name: I- and the center id of one of its reports, as in I-42");
  }
  TRUCE_ASSIGN_OR_RETURN(std::optional<StoredReport> named, store_->Report(id));
  if (!named) {
    return Status::NotFound("body.incident: there is no incident " + shown + ": the center has no report " +
                            std::to_string(id));
  }
  for (const auto& r : e.body.value("report_entries", nlohmann::json::array())) {
    if (r.is_number_unsigned() && r.get<uint64_t>() == named->entry) return Status::Ok();
  }
  return Status::Invalid("body.report_entries: " + shown + " is named by report " + std::to_string(id) +
                         ", whose entry " + std::to_string(named->entry) + " is not cited");
}

Result<IngestSummary> Center::Submit(std::string_view text, intake::BatchPolicy policy) {
  if (!registrar_) return Status::Precondition("the center was opened only to read");
  TRUCE_ASSIGN_OR_RETURN(const Tagger* tagger, this->tagger());
  IngestSummary summary;
  // Each line an entry. A signed entry's signature is checked as it is
  // read, before anything of it is kept: a body of forged lines costs one
  // line's memory at a time and leaves only its errors, and a forged seal's
  // entries are not even read. A report's body is read by intake from the
  // value parsed with its entry, and only the report kept.
  std::vector<std::pair<size_t, reg::Entry>> entries;
  std::unordered_map<size_t, std::variant<Report, intake::RowError>> report_bodies;  // by line
  std::unordered_set<size_t> signature_checked;                                      // lines of single signed entries
  const std::shared_ptr<const reg::KeyRing> keys = registrar_->keys();
  uint64_t skip_sealed = 0;
  // Work on forged lines is bounded: once as many signatures have failed as
  // errors are listed, and nothing could still be stored (all or nothing, or
  // not one good signature yet), the rest of the body is not read.
  size_t forged = 0, verified = 0;
  size_t line_no = 0;
  for (size_t pos = 0; pos < text.size();) {
    if (forged >= IngestSummary::kMaxListedErrors && (policy == intake::BatchPolicy::kRejectAll || verified == 0)) {
      // Listed past the cap: it says why the list ends here.
      ++summary.error_count;
      summary.errors.push_back({line_no + 1, "",
                                "not read: " + std::to_string(forged) +
                                    " entries before this line are "
                                    "refused for their signature or key, and nothing of this body is stored"});
      break;
    }
    size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    ++summary.rows;
    if (skip_sealed > 0) {
      --skip_sealed;
      continue;
    }
    auto e = reg::ParseEntry(line);
    if (!e.ok()) {
      if (e.status().code() == Code::kPermissionDenied) ++summary.denied;
      AddError(&summary, {line_no, "", e.status().message()});
      continue;
    }
    if (!e->sealed()) {
      Status st;
      if (e->kind == reg::kind::kBatch) {
        st = keys->Authorize(*e, reg::RoleForKind(reg::kind::kReport));
        if (st.ok() && !reg::VerifyEntrySignature(*e, keys->Find(e->signer)->key)) {
          st = Status::Denied("the signature of key '" + e->signer + "' on the batch seal does not match its bytes");
        }
        if (!st.ok()) {
          auto seal = reg::ReadBatchSeal(*e);
          if (seal.ok()) skip_sealed = seal->count;
        }
      } else {
        st = keys->Check(*e);
        signature_checked.insert(line_no);
      }
      if (!st.ok()) {
        if (st.code() == Code::kPermissionDenied) ++summary.denied;
        ++forged;
        AddError(&summary, {line_no, st.code() == Code::kPermissionDenied ? "sig" : "", st.message()});
        continue;
      }
      ++verified;
    }
    if (e->kind == reg::kind::kReport) {
      Report r;
      intake::RowError error;
      if (intake::ReadReportValue(e->body, mission_, *tagger, &r, &error)) {
        report_bodies.emplace(line_no, std::move(r));
      } else {
        report_bodies.emplace(line_no, std::move(error));
      }
      e->body = nlohmann::json();
    }
    entries.emplace_back(line_no, std::move(e).value());
  }
  if (summary.rows == 0) return Status::Invalid("no entries: the body is empty");
  // Group into units: a seal takes the entries it counts.
  std::vector<Unit> units;
  for (size_t i = 0; i < entries.size();) {
    Unit u;
    size_t take = 1;
    if (entries[i].second.kind == reg::kind::kBatch) {
      auto seal = reg::ReadBatchSeal(entries[i].second);
      if (!seal.ok()) {
        AddError(&summary, {entries[i].first, "body", seal.status().message()});
        ++i;
        continue;
      }
      take = size_t(std::min<uint64_t>(seal->count + 1, entries.size() - i));
    }
    for (size_t k = 0; k < take; ++k)
      u.entries.push_back({std::move(entries[i + k].second), std::nullopt, entries[i + k].first});
    i += take;
    units.push_back(std::move(u));
  }
  std::vector<Status> unit_status(units.size());
  std::vector<size_t> unit_line(units.size(), 0);
  auto spoil = [&](size_t u, size_t line, Status st) {
    if (unit_status[u].ok()) {
      unit_status[u] = std::move(st);
      unit_line[u] = line;
    }
  };
  // The reports, read and tagged as any report is, go with their entries.
  for (size_t u = 0; u < units.size(); ++u) {
    for (UnitEntry& e : units[u].entries) {
      auto body = report_bodies.find(e.line);
      if (body == report_bodies.end()) continue;
      if (auto* error = std::get_if<intake::RowError>(&body->second)) {
        AddError(&summary, {e.line, error->field.empty() ? "body" : "body." + error->field, error->message});
        spoil(u, e.line, Status::Invalid("a report of this unit is invalid"));
      } else {
        e.report = std::move(std::get<Report>(body->second));
      }
      report_bodies.erase(body);
    }
  }
  // Signatures and authority: the costly part, outside the writer.
  for (size_t u = 0; u < units.size(); ++u) {
    if (!unit_status[u].ok()) continue;
    const bool checked = units[u].entries.size() == 1 && signature_checked.count(units[u].entries[0].line);
    if (Status st = checked ? Status::Ok() : registrar_->Check(units[u]); !st.ok()) {
      if (st.code() == Code::kPermissionDenied) ++summary.denied;
      AddError(&summary, {units[u].entries[0].line, st.code() == Code::kPermissionDenied ? "sig" : "", st.message()});
      spoil(u, units[u].entries[0].line, st);
      continue;
    }
    for (const UnitEntry& e : units[u].entries) {
      if (Status st = CheckReview(e.entry); !st.ok()) {
        if (st.code() == Code::kFailedPrecondition) ++summary.conflicts;
        AddError(&summary, {e.line, st.code() == Code::kFailedPrecondition ? "body.previous" : "", st.message()});
        spoil(u, e.line, st);
        break;
      }
      if (!e.report) continue;
      if (Status st = CheckReportingParty(*e.report, e.entry.party); !st.ok()) {
        ++summary.denied;
        AddError(&summary, {e.line, "body.source.party", st.message()});
        spoil(u, e.line, st);
        break;
      }
    }
  }
  std::vector<Unit> good;
  for (size_t u = 0; u < units.size(); ++u) {
    if (unit_status[u].ok()) good.push_back(std::move(units[u]));
  }
  auto finish = [&] {
    std::stable_sort(summary.errors.begin(), summary.errors.end(),
                     [](const auto& a, const auto& b) { return a.line < b.line; });
  };
  // Refused only because the review moved on: a conflict with the record
  // as it stands (409), which reading it again and signing again resolves,
  // not an invalid entry.
  auto stale = [&] {
    const bool nothing_stored = summary.rejected || (summary.entries.empty() && summary.duplicates == 0);
    return nothing_stored && summary.error_count > 0 && summary.conflicts == summary.error_count;
  };
  if ((policy == intake::BatchPolicy::kRejectAll && summary.error_count > 0) || good.empty()) {
    summary.rejected = summary.error_count > 0;
    finish();
    if (stale()) return Status::Precondition(summary.errors.front().message);
    return summary;
  }
  TRUCE_ASSIGN_OR_RETURN(SubmitResult result, registrar_->Submit(good, policy));
  for (size_t u = 0; u < good.size(); ++u) {
    const UnitResult& r = result.units[u];
    if (!r.status.ok()) {
      if (r.status.code() == Code::kPermissionDenied) ++summary.denied;
      if (r.status.code() == Code::kFailedPrecondition) ++summary.conflicts;
      AddError(&summary, {r.line ? r.line : good[u].entries[0].line, r.field, r.status.message()});
      continue;
    }
    if (!result.rejected) AddUnitResult(&summary, good[u], r, true);
  }
  if (result.rejected) summary.Reject();
  summary.tree_size = result.tree_size;
  summary.checkpoint = result.checkpoint;
  finish();
  if (stale()) return Status::Precondition(summary.errors.front().message);
  return summary;
}

}  // namespace truce
