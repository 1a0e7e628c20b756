// GeoPackage exports (docs/EXPORTS.md, "GeoPackage"): the file's naming and
// renaming here, the writing by GDAL in a module loaded on first use
// (geopackage_gdal.cc). GDAL brings a hundred-odd shared libraries that
// take most of 0.1 s to load; linked into truce, every command paid that.
#include <dlfcn.h>
#include <unistd.h>

#include <filesystem>
#include <mutex>

#include "truce/report/export.h"

namespace truce::report {
namespace {

using WriteFn = void (*)(ExportRows*, const std::string*, const std::string*, const std::function<void(size_t)>*,
                         Status*);
constexpr const char* kEntryPoint = "truce_write_geopackage";
constexpr const char* kModuleName = "libtruce_gpkg.so";

// The module beside the running program (an installed truce), else where
// the build put it.
Result<WriteFn> LoadModule() {
  std::vector<std::string> tried;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) tried.push_back((exe.parent_path() / kModuleName).string());
#ifdef TRUCE_GPKG_MODULE
  tried.push_back(TRUCE_GPKG_MODULE);
#endif
  std::string why;
  for (const std::string& path : tried) {
    if (::access(path.c_str(), R_OK) != 0) continue;
    void* module = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!module) {
      const char* e = ::dlerror();
      why = path + ": " + (e ? e : "cannot be loaded");
      continue;
    }
    if (void* fn = ::dlsym(module, kEntryPoint)) return reinterpret_cast<WriteFn>(fn);
    why = path + ": has no " + kEntryPoint;
  }
  std::string where;
  for (const std::string& path : tried) where += (where.empty() ? "" : " or ") + path;
  return Status::Internal(
      "GeoPackage exports need truce's GDAL module " + std::string(kModuleName) +
      " (built with truce; install GDAL with scripts/setup.sh): " + (why.empty() ? "not found at " + where : why));
}

}  // namespace

Status WriteGeoPackage(ExportRows& rows, const std::string& path, const std::function<void(size_t)>& progress) {
  static std::once_flag loaded;
  static Result<WriteFn> write = Status::Internal("not loaded");
  std::call_once(loaded, [] { write = LoadModule(); });
  if (!write.ok()) return write.status();

  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return Status::Invalid(path + ": already exists; a GeoPackage export writes a new file");
  }
  // Written beside and renamed: a reader never opens half a GeoPackage.
  const std::string part = path + ".part.gpkg";  // GDAL wants the ending
  std::filesystem::remove(part, ec);
  Status written;
  (*write)(&rows, &part, &path, &progress, &written);
  if (!written.ok()) {
    std::filesystem::remove(part, ec);
    return written;
  }
  std::filesystem::rename(part, path, ec);
  if (ec) {
    std::filesystem::remove(part, ec);
    return Status::Io(path + ": " + ec.message());
  }
  return Status::Ok();
}

}  // namespace truce::report
