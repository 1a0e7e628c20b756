#include "truce/cli/input_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <iterator>

namespace truce::cli {

Result<InputFile> InputFile::Open(const std::string& path) {
  InputFile f;
  if (path == "-") {
    f.owned_.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    f.view_ = f.owned_;
    return f;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::NotFound(path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::Invalid(path + ": not a regular file");
  }
  if (st.st_size > 0) {
    void* p = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      ::close(fd);
      return Status::Io(path + ": cannot map: " + std::strerror(errno));
    }
    ::madvise(p, size_t(st.st_size), MADV_SEQUENTIAL);
    f.map_ = p;
    f.map_size_ = size_t(st.st_size);
    f.view_ = std::string_view(static_cast<const char*>(p), f.map_size_);
  }
  ::close(fd);
  return f;
}

InputFile::InputFile(InputFile&& o) noexcept : map_(o.map_), map_size_(o.map_size_), owned_(std::move(o.owned_)) {
  view_ = map_ ? o.view_ : std::string_view(owned_);
  o.map_ = nullptr;
  o.map_size_ = 0;
  o.view_ = {};
}

InputFile::~InputFile() {
  if (map_) ::munmap(map_, map_size_);
}

}  // namespace truce::cli
