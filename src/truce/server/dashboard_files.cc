#include "truce/server/dashboard_files.h"

#include <fstream>
#include <sstream>

#include "truce/core/digest.h"

namespace truce::server {
namespace {

bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

Result<std::string> ReadWhole(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string ContentTypeFor(std::string_view name) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& [ext, type] : kTypes) {
    if (EndsWith(name, ext)) return std::string(type);
  }
  return "application/octet-stream";
}

Result<DashboardFiles> DashboardFiles::Load(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(dir / "index.html", ec)) {
    return Status::NotFound("the dashboard is not built: " + (dir / "index.html").string() +
                            " is missing (bash scripts/build.sh builds it from web/, after bash scripts/setup.sh)");
  }
  DashboardFiles out;
  size_t total = 0;
  std::map<std::string, std::string> gzipped;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string rel = "/" + std::filesystem::relative(it->path(), dir).generic_string();
    if (out.files_.size() + gzipped.size() >= kMaxFiles) {
      return Status::Invalid(dir.string() + " holds more than " + std::to_string(kMaxFiles) +
                             " files: is it the dashboard's build folder?");
    }
    TRUCE_ASSIGN_OR_RETURN(std::string bytes, ReadWhole(it->path()));
    total += bytes.size();
    if (total > kMaxBytes) {
      return Status::Invalid(dir.string() + " holds more than " + std::to_string(kMaxBytes >> 20) +
                             " MiB: is it the dashboard's build folder?");
    }
    if (EndsWith(rel, ".gz")) {
      gzipped[rel.substr(0, rel.size() - 3)] = std::move(bytes);
      continue;
    }
    DashboardFile f;
    f.type = ContentTypeFor(rel);
    f.etag = "\"" + Sha256Hex(bytes).substr(0, 32) + "\"";
    f.immutable = rel.rfind("/assets/", 0) == 0;
    f.body = std::move(bytes);
    out.files_.emplace(rel, std::move(f));
  }
  if (ec) return Status::Invalid("cannot list " + dir.string() + ": " + ec.message());
  for (auto& [name, bytes] : gzipped) {
    auto it = out.files_.find(name);
    if (it != out.files_.end()) it->second.gzip = std::move(bytes);
  }
  return out;
}

const DashboardFile* DashboardFiles::Find(std::string_view url_path) const {
  auto it = files_.find(url_path);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace truce::server
