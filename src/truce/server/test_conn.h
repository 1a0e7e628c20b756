// A raw HTTP client over a blocking loopback socket, for tests that must
// misbehave as no HTTP library would (trickled headers, endless chunks).
// Only tests include this.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace truce::server::testing {

// A blocking client socket from a chosen loopback address (127.0.0.x are
// all this machine), so one test can be several clients.
class Conn {
 public:
  Conn(int port, const char* from = "127.0.0.1") {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in src{};
    src.sin_family = AF_INET;
    ::inet_pton(AF_INET, from, &src.sin_addr);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&src), sizeof src);
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(uint16_t(port));
    ::inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
    ok_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&dst), sizeof dst) == 0;
  }
  ~Conn() { ::close(fd_); }
  bool ok() const { return ok_; }
  bool Send(const std::string& s) {
    size_t off = 0;
    while (off < s.size()) {
      ssize_t n = ::send(fd_, s.data() + off, s.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += size_t(n);
    }
    return true;
  }
  // Everything until the server closes (or `timeout_ms` of silence, a
  // safety net that a passing test never reaches).
  std::string ReadAll(int timeout_ms = 10000) {
    std::string out;
    char buf[65536];
    while (true) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, timeout_ms) <= 0) break;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, size_t(n));
    }
    return out;
  }
  // One answer on a kept-alive connection: up to the end of its body.
  std::string ReadOne() {
    std::string out;
    char buf[65536];
    while (true) {
      size_t head = out.find("\r\n\r\n");
      if (head != std::string::npos) {
        size_t cl = out.find("Content-Length: ");
        if (cl != std::string::npos && cl < head) {
          size_t len = std::stoul(out.substr(cl + 16));
          if (out.size() >= head + 4 + len) return out;
        }
      }
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 10000) <= 0) return out;
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return out;
      out.append(buf, size_t(n));
    }
  }

 private:
  int fd_ = -1;
  bool ok_ = false;
};

}  // namespace truce::server::testing
