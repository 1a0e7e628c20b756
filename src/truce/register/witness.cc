#include "truce/register/witness.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "truce/core/digest.h"
#include "truce/register/base64.h"
#include "truce/register/verifier.h"

namespace truce::reg {
namespace {

Status Errno(const std::string& what) { return Status(Code::kIoError, what + ": " + std::strerror(errno)); }

WitnessResponse Answer(int status, std::string body) {
  WitnessResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

}  // namespace

Status WriteFileDurably(const std::string& path, std::string_view bytes) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno(tmp);
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Status st = Errno(tmp + ": write failed");
      ::close(fd);
      return st;
    }
    done += size_t(n);
  }
  if (::fsync(fd) != 0) {
    Status st = Errno(tmp + ": fsync failed");
    ::close(fd);
    return st;
  }
  if (::close(fd) != 0) return Errno(tmp + ": close failed");
  if (::rename(tmp.c_str(), path.c_str()) != 0) return Errno(path + ": rename failed");
  std::string dir = std::filesystem::path(path).parent_path().string();
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0) return Errno(dir);
  int rc = ::fsync(dfd);
  Status st = rc == 0 ? Status::Ok() : Errno(dir + ": fsync of the directory failed");
  ::close(dfd);
  return st;
}

Result<std::unique_ptr<Witness>> Witness::Open(std::string state_dir, Cosigner key, std::vector<WitnessedLog> logs) {
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  if (ec) return Status::Io(state_dir + ": cannot make the state folder: " + ec.message());
  std::vector<Log> kept;
  for (WitnessedLog& l : logs) {
    Log log;
    log.path = state_dir + "/" + Sha256Hex(l.origin).substr(0, 32) + ".checkpoint";
    std::ifstream in(log.path);
    if (in) {
      std::string note_text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      auto note = ParseNote(note_text);
      if (!note.ok()) return note.status().WithContext(log.path);
      auto cp = ParseCheckpoint(note->text);
      if (!cp.ok()) return cp.status().WithContext(log.path);
      if (cp->origin != l.origin) return Status::Internal(log.path + " holds another log's checkpoint");
      log.size = cp->size;
      log.root = cp->root;
    }
    log.log = std::move(l);
    kept.push_back(std::move(log));
  }
  return std::unique_ptr<Witness>(new Witness(state_dir, std::move(key), std::move(kept)));
}

std::pair<uint64_t, Hash> Witness::Latest(std::string_view origin) const {
  MutexLock lock(mu_);
  for (const Log& l : logs_) {
    if (l.log.origin == origin) return {l.size, l.root};
  }
  return {0, Hash{}};
}

Status Witness::Persist(Log& log, const std::string& note, const Checkpoint& cp) {
  TRUCE_RETURN_IF_ERROR(WriteFileDurably(log.path, note));
  log.size = cp.size;
  log.root = cp.root;
  return Status::Ok();
}

WitnessResponse Witness::AddCheckpoint(std::string_view request, uint64_t now) {
  size_t cut = request.find("\n\n");
  if (cut == std::string_view::npos)
    return Answer(400, "the request is old size, proof lines, a blank line and a checkpoint\n");
  std::string_view head = request.substr(0, cut + 1);
  std::string note_text(request.substr(cut + 2));
  // "old N\n" then one base64 hash a line.
  std::vector<std::string_view> lines;
  for (size_t p = 0; p < head.size();) {
    size_t e = head.find('\n', p);
    lines.push_back(head.substr(p, e - p));
    p = e + 1;
  }
  uint64_t old_size = 0;
  if (lines.empty() || lines[0].substr(0, 4) != "old ") return Answer(400, "the first line is 'old <size>'\n");
  std::string_view n = lines[0].substr(4);
  if (n.empty() || n.size() > 19 || n.find_first_not_of("0123456789") != std::string_view::npos ||
      (n.size() > 1 && n[0] == '0')) {
    return Answer(400, "the old size is not a decimal number\n");
  }
  old_size = std::stoull(std::string(n));
  if (lines.size() - 1 > 63) return Answer(400, "at most 63 proof lines\n");
  std::vector<Hash> proof;
  for (size_t i = 1; i < lines.size(); ++i) {
    auto raw = Unbase64(lines[i], "a proof line");
    if (!raw.ok() || raw->size() != 32)
      return Answer(400, "proof line " + std::to_string(i) + " is not a base64 hash\n");
    std::memcpy(proof.emplace_back().data(), raw->data(), 32);
  }
  auto note = ParseNote(note_text);
  if (!note.ok()) return Answer(400, "the checkpoint is not a signed note: " + note.status().message() + "\n");
  auto cp = ParseCheckpoint(note->text);
  if (!cp.ok()) return Answer(400, "not a checkpoint: " + cp.status().message() + "\n");

  MutexLock lock(mu_);
  Log* log = nullptr;
  for (Log& l : logs_) {
    if (l.log.origin == cp->origin) log = &l;
  }
  if (!log) return Answer(404, "this witness does not know the log '" + cp->origin + "'\n");
  bool signed_by_log = false;
  for (const NoteSignature& s : note->signatures) signed_by_log |= VerifySignature(*note, s, log->log.log_key);
  if (!signed_by_log) return Answer(403, "no signature of the log's pinned key verifies\n");
  if (old_size > cp->size) return Answer(400, "the old size is larger than the checkpoint's\n");
  if (old_size != log->size) {
    WitnessResponse r = Answer(409, std::to_string(log->size) + "\n");
    r.content_type = "text/x.tlog.size";
    return r;
  }
  if (old_size == cp->size) {
    if (cp->root != log->root) {
      // Two signed trees of one size with different roots: a fork, which
      // this witness will never cosign. The request is the evidence.
      return Answer(409, "a different root at the same size " + std::to_string(cp->size) + ": the log forked\n");
    }
    if (!proof.empty()) return Answer(422, "a proof between equal sizes is empty\n");
  } else if (old_size == 0) {
    if (!proof.empty()) return Answer(422, "a proof from size 0 is empty\n");
  } else if (Status st = VerifyConsistency(old_size, cp->size, log->root, cp->root, proof); !st.ok()) {
    return Answer(422, "the consistency proof does not verify: " + st.message() + "\n");
  }
  if (Status st = Persist(*log, note_text, *cp); !st.ok()) {
    return Answer(500, "the witness could not keep the checkpoint: " + st.message() + "\n");
  }
  return Answer(200, key_.Cosign(note->text, now) + "\n");
}

}  // namespace truce::reg
