#include "truce/report/print.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace truce::report {
namespace {

constexpr auto kChromiumTimeout = std::chrono::seconds(120);

// A temporary folder, removed with everything in it when this goes.
class ScratchDir {
 public:
  static Result<ScratchDir> Make() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "truce-print-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) return Status::Io("cannot make a temporary folder in " + tmpl);
    return ScratchDir(tmpl);
  }
  ScratchDir(ScratchDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit ScratchDir(std::filesystem::path p) : path_(std::move(p)) {}
  std::filesystem::path path_;
};

Status WriteAll(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream f(p, std::ios::binary);
  f.write(bytes.data(), std::streamsize(bytes.size()));
  if (!f.flush()) return Status::Io(p.string() + ": cannot be written");
  return Status::Ok();
}

Result<std::string> ReadAll(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return Status::Io(p.string() + ": Chromium wrote nothing");
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// Runs Chromium headless with `args` and the scratch profile; its own
// chatter goes to a log file in the scratch folder, quoted on failure.
Status RunChromium(const ScratchDir& dir, std::vector<std::string> args) {
  const std::string program = ChromiumProgram();
  std::vector<std::string> argv = {
      program,          "--headless",        "--disable-gpu",
      "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + (dir.path() / "profile").string()};
  // Chromium's sandbox needs user namespaces, which root (a container's
  // CI) does not get.
  if (::geteuid() == 0) argv.push_back("--no-sandbox");
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  const std::string log = (dir.path() / "chromium.log").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  const int err = ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) {
    return Status::Precondition(
        "cannot run " + program +
        " (Debian's chromium package, installed by scripts/setup.sh; or set TRUCE_CHROMIUM): " + std::strerror(err));
  }
  // A watchdog ends a Chromium that hangs.
  std::mutex mu;
  std::condition_variable cv;
  bool done = false, killed = false;
  std::thread watchdog([&] {
    std::unique_lock lock(mu);
    if (!cv.wait_for(lock, kChromiumTimeout, [&] { return done; })) {
      ::kill(pid, SIGKILL);
      killed = true;
    }
  });
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  {
    std::lock_guard lock(mu);
    done = true;
  }
  cv.notify_one();
  watchdog.join();
  if (killed) return Status::Io(program + " did not finish in 120 s");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    auto read = ReadAll(log);
    std::string tail = read.ok() ? *read : "";
    if (tail.size() > 600) tail = "..." + tail.substr(tail.size() - 600);
    return Status::Io(program + " failed (exit " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                      "): " + tail);
  }
  return Status::Ok();
}

}  // namespace

std::string ChromiumProgram() {
  const char* env = std::getenv("TRUCE_CHROMIUM");
  return env && *env ? env : "chromium";
}

void StampPdfDates(std::string& pdf, int64_t utc_ms) {
  const std::time_t t = std::time_t(utc_ms / 1000);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "D:%Y%m%d%H%M%S+00'00'", &tm);
  static const std::regex kDate(R"(/(CreationDate|ModDate) \(D:\d{14}[^)]*\))");
  std::vector<std::pair<size_t, std::string>> edits;
  for (std::sregex_iterator it(pdf.begin(), pdf.end(), kDate), end; it != end; ++it) {
    const std::smatch& m = *it;
    std::string replacement = "/" + m[1].str() + " (" + stamp + ")";
    // Only one of the same length keeps every offset after it right.
    if (replacement.size() == size_t(m.length())) edits.emplace_back(size_t(m.position()), std::move(replacement));
  }
  for (const auto& [at, text] : edits) pdf.replace(at, text.size(), text);
}

Result<std::string> PrintPdf(const std::string& html, int64_t as_of_ms) {
  TRUCE_ASSIGN_OR_RETURN(ScratchDir dir, ScratchDir::Make());
  const auto page = dir.path() / "report.html", pdf = dir.path() / "report.pdf";
  TRUCE_RETURN_IF_ERROR(WriteAll(page, html));
  TRUCE_RETURN_IF_ERROR(
      RunChromium(dir, {"--no-pdf-header-footer", "--print-to-pdf=" + pdf.string(), "file://" + page.string()}));
  TRUCE_ASSIGN_OR_RETURN(std::string bytes, ReadAll(pdf));
  if (bytes.rfind("%PDF-", 0) != 0) return Status::Io(ChromiumProgram() + " wrote no PDF");
  StampPdfDates(bytes, as_of_ms);
  return bytes;
}

Result<std::string> RasteriseSvg(const std::string& svg) {
  static const std::regex kSize("<svg[^>]*? width=\"([0-9.]+)\" height=\"([0-9.]+)\"");
  std::smatch m;
  if (!std::regex_search(svg, m, kSize)) return Status::Internal("the drawing has no width and height");
  const int w = int(std::ceil(std::stod(m[1].str()))), h = int(std::ceil(std::stod(m[2].str())));
  TRUCE_ASSIGN_OR_RETURN(ScratchDir dir, ScratchDir::Make());
  // The SVG in a page of exactly its size, with no margin.
  const auto page = dir.path() / "drawing.html", png = dir.path() / "drawing.png";
  TRUCE_RETURN_IF_ERROR(
      WriteAll(page,
               "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>html,body{margin:0;padding:0;"
               "overflow:hidden}svg{display:block}</style></head><body>" +
                   svg + "</body></html>"));
  TRUCE_RETURN_IF_ERROR(
      RunChromium(dir, {"--screenshot=" + png.string(), "--window-size=" + std::to_string(w) + "," + std::to_string(h),
                        "--force-device-scale-factor=1", "file://" + page.string()}));
  TRUCE_ASSIGN_OR_RETURN(std::string bytes, ReadAll(png));
  if (bytes.size() < 8 || bytes.compare(1, 3, "PNG") != 0) return Status::Io(ChromiumProgram() + " wrote no PNG");
  return bytes;
}

}  // namespace truce::report
