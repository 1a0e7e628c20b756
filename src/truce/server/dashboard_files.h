// The dashboard's files: what `npm run build` makes of web/ (docs/ARCHITECTURE.md,
// "The dashboard"), read once at start into memory and served from there.
// A file of the build that has FILE.gz beside it is sent compressed to a
// browser that takes gzip, without compressing it on every request.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "truce/core/status.h"

namespace truce::server {

struct DashboardFile {
  std::string type;  // the Content-Type
  std::string body;
  std::string gzip;        // the same, gzip-compressed; empty when not worth it
  std::string etag;        // a quoted digest of body
  bool immutable = false;  // a build asset whose name holds its digest
};

class DashboardFiles {
 public:
  // What a build folder may hold: the built dashboard is a few MiB.
  static constexpr size_t kMaxBytes = 64 << 20;
  static constexpr size_t kMaxFiles = 4096;

  // Reads `dir` (as made by the build: index.html and assets/). Refused,
  // naming the file, when it has no index.html or holds more than the bounds.
  static Result<DashboardFiles> Load(const std::filesystem::path& dir);

  // The file at a URL path ("/assets/index-9MSG.js"), or null.
  const DashboardFile* Find(std::string_view url_path) const;
  const DashboardFile& index() const { return files_.at("/index.html"); }
  size_t size() const { return files_.size(); }

 private:
  std::map<std::string, DashboardFile, std::less<>> files_;
};

// The Content-Type for a file name, by its extension.
std::string ContentTypeFor(std::string_view name);

}  // namespace truce::server
