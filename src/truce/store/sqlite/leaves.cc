#include "truce/store/sqlite/leaves.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace truce::sqlite {
namespace {

// Large enough that a bulk load writes in few calls, small enough not to
// matter beside the reports it carries.
constexpr size_t kFlushBytes = size_t{4} << 20;

Status IoError(const std::string& path, const char* what) {
  return Status::Internal(path + ": " + what + ": " + std::strerror(errno));
}

Status WriteAll(int fd, const std::string& path, std::string_view data, uint64_t at) {
  while (!data.empty()) {
    ssize_t n = ::pwrite(fd, data.data(), data.size(), off_t(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoError(path, "cannot write the register's entries");
    data.remove_prefix(size_t(n));
    at += uint64_t(n);
  }
  return Status::Ok();
}

Status ReadAll(int fd, const std::string& path, char* out, size_t size, uint64_t at) {
  while (size > 0) {
    ssize_t n = ::pread(fd, out, size, off_t(at));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError(path, "cannot read the register's entries");
    if (n == 0) {
      return Status::Internal(path + " ends before an entry the database records at byte " + std::to_string(at) +
                              ": the register's entries file is damaged, or not the one of this database");
    }
    out += n;
    size -= size_t(n);
    at += uint64_t(n);
  }
  return Status::Ok();
}

}  // namespace

std::string LeavesPath(const std::string& db_path) { return db_path + "-leaves"; }

Result<LeavesWriter> LeavesWriter::Open(const std::string& db_path, uint64_t committed_end) {
  std::string path = LeavesPath(db_path);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return IoError(path, "cannot open the register's entries file");
  LeavesWriter w(fd, std::move(path), committed_end);
  struct stat st {};
  if (::fstat(fd, &st) != 0) return IoError(w.path_, "cannot read the size of the register's entries file");
  if (uint64_t(st.st_size) < committed_end) {
    return Status::Internal(w.path_ + " holds " + std::to_string(st.st_size) + " bytes, but the database has " +
                            std::to_string(committed_end) +
                            " committed: the register's entries file is damaged, or not the one of this database");
  }
  // What a session that did not commit left behind.
  if (uint64_t(st.st_size) > committed_end && ::ftruncate(fd, off_t(committed_end)) != 0) {
    return IoError(w.path_, "cannot cut off an unfinished write");
  }
  return w;
}

LeavesWriter::LeavesWriter(LeavesWriter&& other) noexcept
    : fd_(other.fd_),
      path_(std::move(other.path_)),
      end_(other.end_),
      buffer_at_(other.buffer_at_),
      buffer_(std::move(other.buffer_)),
      unsynced_(other.unsynced_) {
  other.fd_ = -1;
}

LeavesWriter& LeavesWriter::operator=(LeavesWriter&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    end_ = other.end_;
    buffer_at_ = other.buffer_at_;
    buffer_ = std::move(other.buffer_);
    unsynced_ = other.unsynced_;
    other.fd_ = -1;
  }
  return *this;
}

LeavesWriter::~LeavesWriter() {
  if (fd_ >= 0) ::close(fd_);
}

Result<uint64_t> LeavesWriter::Append(std::string_view entry) {
  if (entry.size() > 0xffff) {
    return Status::Invalid("a register entry of " + std::to_string(entry.size()) + " bytes is over the 65535 allowed");
  }
  const uint64_t at = end_;
  buffer_.push_back(char(entry.size() >> 8));
  buffer_.push_back(char(entry.size() & 0xff));
  buffer_.append(entry);
  end_ += 2 + entry.size();
  if (buffer_.size() >= kFlushBytes) TRUCE_RETURN_IF_ERROR(Flush());
  return at;
}

void LeavesWriter::Rewind(uint64_t end) {
  if (end >= end_) return;
  end_ = end;
  if (end >= buffer_at_) {
    buffer_.resize(size_t(end - buffer_at_));
  } else {
    // Written already: the next entries overwrite it, and past the
    // committed end nothing reads it.
    buffer_.clear();
    buffer_at_ = end;
  }
}

Status LeavesWriter::Flush() {
  if (buffer_.empty()) return Status::Ok();
  TRUCE_RETURN_IF_ERROR(WriteAll(fd_, path_, buffer_, buffer_at_));
  buffer_at_ += buffer_.size();
  buffer_.clear();
  unsynced_ = true;
  return Status::Ok();
}

Status LeavesWriter::Sync() {
  TRUCE_RETURN_IF_ERROR(Flush());
  if (!unsynced_) return Status::Ok();
  if (::fdatasync(fd_) != 0) return IoError(path_, "cannot sync the register's entries file");
  unsynced_ = false;
  return Status::Ok();
}

LeavesReader::~LeavesReader() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::string> LeavesReader::Read(uint64_t at) {
  if (fd_ < 0) {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      return Status::Internal(path_ + ": cannot open the register's entries file, which the database points into: " +
                              std::strerror(errno));
    }
  }
  unsigned char head[2];
  TRUCE_RETURN_IF_ERROR(ReadAll(fd_, path_, reinterpret_cast<char*>(head), 2, at));
  std::string entry(size_t(head[0]) << 8 | head[1], '\0');
  TRUCE_RETURN_IF_ERROR(ReadAll(fd_, path_, entry.data(), entry.size(), at + 2));
  return entry;
}

}  // namespace truce::sqlite
