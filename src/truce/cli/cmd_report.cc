// truce report daily: the daily (or period) report of a center, from its
// database and register at a cut-off (docs/USER-GUIDE.md, "The daily report").
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "truce/cli/commands.h"
#include "truce/cli/progress.h"
#include "truce/report/print.h"
#include "truce/report/render.h"
#include "truce/report/sources.h"
#include "truce/report/svg.h"

namespace truce::cli {
namespace {

struct Options {
  std::string db, mission, date, from, to, cutoff, format = "html", out;
  std::optional<uint64_t> size;
  bool quiet = false;
};

Status WriteFile(const std::filesystem::path& path, const std::string& bytes) {
  // Written beside and renamed, so a reader never sees half a report.
  const std::filesystem::path part = path.string() + ".part";
  {
    std::ofstream f(part, std::ios::binary | std::ios::trunc);
    if (!f) return Status::Io(path.string() + ": cannot be written");
    f.write(bytes.data(), std::streamsize(bytes.size()));
    if (!f.flush()) return Status::Io(path.string() + ": cannot be written");
  }
  std::error_code ec;
  std::filesystem::rename(part, path, ec);
  if (ec) return Status::Io(path.string() + ": " + ec.message());
  return Status::Ok();
}

Status Run(const Options& o) {
  TRUCE_ASSIGN_OR_RETURN(auto center, OpenCenterToRead(o.db, o.mission));
  TRUCE_ASSIGN_OR_RETURN(LocalZone zone, report::MissionZone(center->mission()));
  TRUCE_ASSIGN_OR_RETURN(report::Period period,
                         report::ParsePeriod(zone, o.date, o.from, o.to, o.cutoff, center->clock().NowMs()));
  if (o.format == "pdf" && o.out.empty()) return Status::Invalid("--format pdf needs --out FILE.pdf");
  std::unique_ptr<ProgressBar> bar;
  if (!o.quiet) bar = std::make_unique<ProgressBar>("read");
  auto inputs = report::Gather(*center, period, o.size, [&](size_t done, size_t) {
    if (bar) bar->Update(done, 0, done);
  });
  if (bar) bar->Finish();
  if (!inputs.ok()) return inputs.status();
  const report::DailyReport composed = report::Compose(*inputs);

  std::string bytes;
  if (o.format == "json") {
    bytes = report::RenderJson(composed);
  } else if (o.format == "html") {
    bytes = report::RenderHtml(composed);
  } else if (o.format == "pdf") {
    TRUCE_ASSIGN_OR_RETURN(bytes, report::PrintPdf(report::RenderHtml(composed), inputs->register_point.as_of_ms));
  } else {
    // The drawings as PNG files beside the Markdown, named after it.
    const std::filesystem::path base = o.out.empty()
                                           ? std::filesystem::path("report-" + FormatCivilDay(period.last) + ".md")
                                           : std::filesystem::path(o.out);
    const std::string stem = base.stem().string();
    const std::filesystem::path dir = base.parent_path();
    const std::string map_name = stem + "-map.png", trend_name = stem + "-trend.png";
    TRUCE_ASSIGN_OR_RETURN(std::string map_png, report::RasteriseSvg(report::MapSvg(composed)));
    TRUCE_ASSIGN_OR_RETURN(std::string trend_png, report::RasteriseSvg(report::TrendSvg(composed)));
    TRUCE_RETURN_IF_ERROR(WriteFile(dir / map_name, map_png));
    TRUCE_RETURN_IF_ERROR(WriteFile(dir / trend_name, trend_png));
    if (o.out.empty())
      std::fprintf(stderr, "truce: the map and trend went to %s and %s\n", map_name.c_str(), trend_name.c_str());
    bytes = report::RenderMarkdown(composed, map_name, trend_name);
  }
  if (o.out.empty()) {
    std::fwrite(bytes.data(), 1, bytes.size(), stdout);
    return Status::Ok();
  }
  TRUCE_RETURN_IF_ERROR(WriteFile(o.out, bytes));
  std::fprintf(stderr, "truce: %s: %s, %zu bytes, register size %llu\n", o.out.c_str(), composed.title.c_str(),
               bytes.size(), static_cast<unsigned long long>(inputs->register_point.size));
  return Status::Ok();
}

}  // namespace

void AddReport(CLI::App& app) {
  auto* report = app.add_subcommand("report", "Reports for the center's readers");
  report->require_subcommand(1);
  auto* cmd = report->add_subcommand(
      "daily", "The daily report (or, with --from/--to, a period's): violations, notable incidents, patrols, map");
  auto o = std::make_shared<Options>();
  cmd->add_option("--db", o->db, "Database file")->required();
  cmd->add_option("--mission", o->mission, "Mission pack folder (default: the database's)");
  cmd->add_option("--date", o->date, "The day, YYYY-MM-DD, in the mission's time zone");
  cmd->add_option("--from", o->from, "Or a period's first day, YYYY-MM-DD");
  cmd->add_option("--to", o->to, "and its last day");
  cmd->add_option("--cutoff", o->cutoff,
                  "HH:MM: only information received by then on the last day; a day then runs from this time the "
                  "day before (the SMM's 19:30)");
  cmd->add_option("--size", o->size, "Use the register as it was at this size at most (a checkpoint's size)");
  cmd->add_option("--format", o->format, "html, pdf, md or json")->check(CLI::IsMember({"html", "pdf", "md", "json"}));
  cmd->add_option("--out", o->out, "Write to this file (default: standard output; needed for pdf)");
  cmd->add_flag("-q,--quiet", o->quiet, "No progress bar");
  cmd->callback([o] {
    Status st = Run(*o);
    if (!st.ok()) throw CLI::RuntimeError(Fail(st));
  });
}

}  // namespace truce::cli
