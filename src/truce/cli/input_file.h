// An input file's bytes: memory-mapped when it is a regular file (a 1 GB
// batch costs no copy), read whole when it is standard input ("-").
#pragma once

#include <string>
#include <string_view>

#include "truce/core/status.h"

namespace truce::cli {

class InputFile {
 public:
  static Result<InputFile> Open(const std::string& path);
  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&&) = delete;
  ~InputFile();

  std::string_view bytes() const { return view_; }

 private:
  InputFile() = default;
  void* map_ = nullptr;
  size_t map_size_ = 0;
  std::string owned_;
  std::string_view view_;
};

}  // namespace truce::cli
