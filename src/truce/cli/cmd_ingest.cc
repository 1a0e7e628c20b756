// truce ingest: read report files into the database, each file all or
// nothing (or, with --on-error skip, its good rows).
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "truce/cli/commands.h"
#include "truce/cli/input_file.h"
#include "truce/cli/progress.h"

namespace truce::cli {

void AddIngest(CLI::App& app) {
  auto* cmd = app.add_subcommand("ingest", "Read report files (JSON, JSONL, CSV, GeoJSON) into the database");
  struct Options {
    std::string db, mission, format = "auto", on_error = "reject", key, log_key;
    std::vector<std::string> files;
    bool quiet = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--db", o->db, "Database file (made by truce init)")->required();
  cmd->add_option("--mission", o->mission, "Mission pack folder (default: the one the database was made for)");
  cmd->add_option("--format", o->format, "auto, json, jsonl, csv or geojson (default: by file extension)")
      ->check(CLI::IsMember({"auto", "json", "jsonl", "ndjson", "csv", "geojson"}));
  cmd->add_option("--on-error", o->on_error,
                  "reject: a file with a bad row stores nothing (default); skip: store its good rows")
      ->check(CLI::IsMember({"reject", "skip"}));
  cmd->add_option("--key", o->key, "The signing key of the officer submitting (an observer); default $TRUCE_KEY");
  cmd->add_option("--log-key", o->log_key,
                  "The center's log key, to sign checkpoints (default: $TRUCE_LOG_KEY, "
                  "or the pack's demonstration key)");
  cmd->add_flag("--quiet,-q", o->quiet, "Print only errors");
  cmd->add_option("FILE", o->files, "Report files; - reads standard input")->required();
  cmd->callback([o] {
    if (o->key.empty() && std::getenv("TRUCE_KEY")) o->key = std::getenv("TRUCE_KEY");
    if (o->key.empty()) {
      throw CLI::RuntimeError(Fail(
          Status::Invalid("every report enters the register signed by an officer: give --key FILE (an observer's key, "
                          "made by `truce keys new`)")));
    }
    auto signer = reg::ReadSignerKeyFile(o->key);
    if (!signer.ok()) throw CLI::RuntimeError(Fail(signer.status()));
    auto center = OpenCenter(o->db, o->mission, false, o->log_key);
    if (!center.ok()) throw CLI::RuntimeError(Fail(center.status()));
    size_t total_rows = 0, total_appended = 0, total_dups = 0, total_errors = 0;
    bool any_failed = false;
    auto t0 = std::chrono::steady_clock::now();
    for (const std::string& path : o->files) {
      auto file = InputFile::Open(path);
      if (!file.ok()) {
        Fail(file.status());
        any_failed = true;
        continue;
      }
      IngestOptions options;
      options.format = o->format == "auto" ? intake::FormatForPath(path) : *intake::ParseInputFormat(o->format);
      options.policy = *intake::ParseBatchPolicy(o->on_error);
      options.signer = &*signer;
      ProgressBar bar("ingest " + path);
      options.progress = [&](size_t done, size_t total, size_t rows) { bar.Update(done, total, rows); };
      auto result = (*center)->Ingest(file->bytes(), options);
      bar.Finish();
      if (!result.ok()) {
        std::fprintf(stderr, "truce: %s: %s\n", path.c_str(), result.status().message().c_str());
        any_failed = true;
        continue;
      }
      const IngestSummary& s = *result;
      for (const auto& e : s.errors) std::fprintf(stderr, "%s\n", e.ToString(path).c_str());
      if (s.error_count > s.errors.size()) {
        std::fprintf(stderr, "%s: ... and %zu more bad rows\n", path.c_str(), s.error_count - s.errors.size());
      }
      if (s.rejected) {
        std::fprintf(stderr,
                     "%s: rejected: %zu of %zu reports are invalid, nothing stored "
                     "(fix them, or use --on-error skip to store the good ones)\n",
                     path.c_str(), s.error_count, s.rows);
        any_failed = true;
      } else if (!o->quiet) {
        std::printf("%s: %zu reports: %zu stored, %zu already stored, %zu invalid; register size %llu\n", path.c_str(),
                    s.rows, s.appended, s.duplicates, s.error_count, static_cast<unsigned long long>(s.tree_size));
      }
      if (s.error_count > 0) any_failed = true;
      total_rows += s.rows;
      total_appended += s.rejected ? 0 : s.appended;
      total_dups += s.rejected ? 0 : s.duplicates;
      total_errors += s.error_count;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!o->quiet && o->files.size() > 1) {
      std::printf("total: %zu reports in %zu files: %zu stored, %zu already stored, %zu invalid\n", total_rows,
                  o->files.size(), total_appended, total_dups, total_errors);
    }
    if (!o->quiet && total_rows >= 10'000) {
      std::printf("%.2f s, %.0f reports/s\n", secs, secs > 0 ? double(total_rows) / secs : 0.0);
    }
    if (any_failed) throw CLI::RuntimeError(1);
  });
}

}  // namespace truce::cli
