// A witness's add-checkpoint request parser on arbitrary bytes: no crash,
// and only the answers tlog-witness defines.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "truce/register/witness.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static truce::reg::Witness* witness = [] {
    std::string dir =
        (std::filesystem::temp_directory_path() / ("truce-fuzz-witness-" + std::to_string(::getpid()))).string();
    auto key =
        truce::reg::Cosigner::Parse("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
    auto log = truce::reg::NoteVerifier::Parse("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
    if (!key.ok() || !log.ok()) std::abort();
    auto w = truce::reg::Witness::Open(dir, *key, {{"example.com/log", *log}});
    if (!w.ok()) std::abort();
    return w->release();
  }();
  auto r = witness->AddCheckpoint(std::string_view(reinterpret_cast<const char*>(data), size), 1);
  switch (r.status) {
    case 200:
    case 400:
    case 403:
    case 404:
    case 409:
    case 422:
      return 0;
    default:
      std::abort();
  }
}
