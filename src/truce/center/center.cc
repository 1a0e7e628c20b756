#include "truce/center/center.h"

#include <nlohmann/json.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <algorithm>
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
                                             const Clock& clock) {
  TRUCE_RETURN_IF_ERROR(store->Initialize({mission.id, mission.name, mission.directory},
                                          ZoneRecords(mission)));
  TRUCE_ASSIGN_OR_RETURN(MissionRecord held, store->Mission());
  if (held.id != mission.id) {
    return Status::Precondition("the database holds mission '" + held.id + "', but the pack is '" +
                                mission.id + "'");
  }
  return std::unique_ptr<Center>(new Center(std::move(mission), std::move(store), clock));
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

// Chunks handed from the reading thread to the storing one; bounded so a
// fast reader does not hold the whole file's reports in memory.
class ChunkQueue {
 public:
  void Push(intake::Chunk chunk, size_t bytes_done) {
    std::unique_lock lock(mu_);
    not_full_.wait(lock, [&] { return items_.size() < kDepth || closed_; });
    items_.emplace_back(std::move(chunk), bytes_done);
    not_empty_.notify_one();
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }
  std::optional<std::pair<intake::Chunk, size_t>> Pop() {
    std::unique_lock lock(mu_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    auto item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

 private:
  static constexpr size_t kDepth = 4;
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<std::pair<intake::Chunk, size_t>> items_;  // GUARDED_BY(mu_)
  bool closed_ = false;                                 // GUARDED_BY(mu_)
};

}  // namespace

Result<IngestSummary> Center::Ingest(std::string_view data, const IngestOptions& options) {
  TRUCE_ASSIGN_OR_RETURN(const Tagger* tagger, this->tagger());
  intake::BatchReader reader(data, options.format, mission_, *tagger);
  if (!reader.status().ok()) return reader.status();
  TRUCE_ASSIGN_OR_RETURN(auto session, store_->BeginAppend(clock_.NowMs()));

  ChunkQueue queue;
  Status producer_failure;
  std::thread producer([&] {
    // Nothing may escape the thread: an exception here would end the
    // process, and with it a running server.
    try {
      intake::Chunk chunk;
      while (reader.Next(options.chunk_rows, &chunk)) {
        queue.Push(std::move(chunk), reader.bytes_done());
        chunk = intake::Chunk();
      }
    } catch (const std::exception& e) {
      producer_failure = Status::Internal(std::string("reading the batch failed: ") + e.what());
    }
    queue.Close();
  });

  IngestSummary summary;
  Status failure;
  while (auto item = queue.Pop()) {
    auto& [chunk, bytes_done] = *item;
    summary.rows += chunk.reports.size() + chunk.errors.size();
    for (auto& e : chunk.errors) AddError(&summary, std::move(e));
    // Under kRejectAll the first bad row dooms the batch; keep reading to
    // list every bad row, but stop writing.
    bool doomed = options.policy == intake::BatchPolicy::kRejectAll && summary.error_count > 0;
    if (failure.ok() && !doomed && !chunk.reports.empty()) {
      auto appended = session->Append(chunk.reports);
      if (!appended.ok()) {
        failure = appended.status();
      } else {
        summary.appended += appended->appended;
        summary.duplicates += appended->duplicates;
        for (size_t i = 0; i < chunk.reports.size(); ++i) {
          Report& r = chunk.reports[i];
          if (appended->outcomes[i] == AppendOutcome::kConflict) {
            // Never a silent drop: an id reused for other content is an error.
            AddError(&summary, {chunk.lines[i], "id",
                                r.source.Describe() + " already sent a different report with id '" +
                                    r.source_report_id + "' (report " + std::to_string(appended->ids[i]) +
                                    "); a correction is a new report with its own id"});
            continue;
          }
          if (options.want_ids) {
            summary.ids.push_back(appended->ids[i]);
            summary.duplicate.push_back(appended->outcomes[i] == AppendOutcome::kDuplicate);
            summary.reports.push_back(std::move(r));
          }
        }
      }
    }
    if (options.progress) options.progress(bytes_done, data.size(), summary.rows);
  }
  producer.join();
  TRUCE_RETURN_IF_ERROR(producer_failure);
  if (!reader.status().ok()) return reader.status();
  std::stable_sort(summary.errors.begin(), summary.errors.end(),
                   [](const auto& a, const auto& b) { return a.line < b.line; });
  TRUCE_RETURN_IF_ERROR(failure);
  if (options.policy == intake::BatchPolicy::kRejectAll && summary.error_count > 0) {
    summary.rejected = true;
    summary.appended = summary.duplicates = 0;
    summary.ids.clear();
    summary.duplicate.clear();
    summary.reports.clear();
    return summary;  // the session rolls back as it goes out of scope
  }
  TRUCE_RETURN_IF_ERROR(session->Commit());
  return summary;
}

}  // namespace truce
