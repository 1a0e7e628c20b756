// truce sign: turn reports into signed register entries, ready to POST to
// /v1/reports — one signed entry per report, or one sealed batch.
#include <cstdio>

#include "truce/cli/commands.h"
#include "truce/cli/input_file.h"
#include "truce/intake/report_body.h"
#include "truce/register/log_tree.h"

namespace truce::cli {

void AddSign(CLI::App& app) {
  auto* cmd = app.add_subcommand("sign", "Sign reports as register entries (JSON Lines on standard output)");
  struct Options {
    std::string mission, key, party, format = "auto";
    std::vector<std::string> files;
    bool batch = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--mission", o->mission, "Mission pack folder, to read and check the reports")->required();
  cmd->add_option("--key", o->key, "The officer's key file")->required();
  cmd->add_option("--party", o->party, "The party the key acts for")->required();
  cmd->add_flag("--batch", o->batch, "Seal all reports of a file with one signature over their Merkle root");
  cmd->add_option("--format", o->format, "auto, json, jsonl, csv or geojson (default: by file extension)");
  cmd->add_option("FILE", o->files, "Report files; - reads standard input")->required();
  cmd->callback([o] {
    auto key = reg::ReadSignerKeyFile(o->key);
    if (!key.ok()) throw CLI::RuntimeError(Fail(key.status()));
    auto mission = LoadMission(o->mission);
    if (!mission.ok()) throw CLI::RuntimeError(Fail(mission.status()));
    auto tagger = Tagger::Build(*mission);
    if (!tagger.ok()) throw CLI::RuntimeError(Fail(tagger.status()));
    const Instant now{SystemClock::Instance().NowMs(), 0};
    bool bad = false;
    for (const std::string& path : o->files) {
      auto file = InputFile::Open(path);
      if (!file.ok()) throw CLI::RuntimeError(Fail(file.status()));
      auto format = o->format == "auto" ? intake::FormatForPath(path) : intake::ParseInputFormat(o->format);
      if (!format) throw CLI::RuntimeError(Fail(Status::Invalid("unknown --format " + o->format)));
      intake::BatchReader reader(file->bytes(), *format, *mission, *tagger);
      if (!reader.status().ok()) throw CLI::RuntimeError(Fail(reader.status().WithContext(path)));
      std::vector<std::string> lines;
      reg::LogTree batch;
      intake::Chunk chunk;
      while (reader.Next(8192, &chunk)) {
        for (const auto& e : chunk.errors) {
          std::fprintf(stderr, "%s\n", e.ToString(path).c_str());
          bad = true;
        }
        for (const Report& r : chunk.reports) {
          auto entry = reg::MakeEntry(reg::kind::kReport, o->party, key->verifier().name, now, intake::ReportBody(r),
                                      o->batch ? nullptr : &*key, o->batch ? int64_t(lines.size()) : -1);
          if (!entry.ok()) throw CLI::RuntimeError(Fail(entry.status()));
          batch.Append(entry->leaf_hash());
          lines.push_back(std::move(entry->bytes));
        }
      }
      if (bad) continue;
      if (o->batch && !lines.empty()) {
        auto seal = reg::MakeEntry(reg::kind::kBatch, o->party, key->verifier().name, now,
                                   reg::BatchSealBody(lines.size(), batch.Root()), &*key);
        if (!seal.ok()) throw CLI::RuntimeError(Fail(seal.status()));
        std::printf("%s\n", seal->bytes.c_str());
      }
      for (const auto& l : lines) std::printf("%s\n", l.c_str());
    }
    if (bad) {
      std::fprintf(stderr, "truce: nothing signed: fix the reports above\n");
      throw CLI::RuntimeError(1);
    }
  });
}

}  // namespace truce::cli
