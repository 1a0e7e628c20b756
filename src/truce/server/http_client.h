// The HTTP(S) client of truce's own tools (truce review, incidents, sim
// --serve, verify, get, and the server's cosigning of checkpoints), with the
// server's certificate checked the way the officer asks:
//   - against a CA file (--ca FILE): the chain and the host name, or
//   - against a pinned key (--pin sha256/BASE64): the server's public key
//     must be that one, whoever signed its certificate, or
//   - with neither, against the system's CAs.
// Over plain http:// nothing is checked; the demo stays on loopback.
#pragma once

#include <memory>
#include <string>

#include "truce/core/status.h"

namespace httplib {
class ClientImpl;
enum class Error;
}  // namespace httplib

namespace truce::server {

struct ServerTrust {
  std::string ca_file;  // PEM: the CA certificates the server's chain must end in
  std::string pin;      // "sha256/" and the base64 SHA-256 of the server's SubjectPublicKeyInfo
};

class HttpClient {
 public:
  // `url` is scheme://host[:port], anything after it ignored.
  static Result<HttpClient> Open(const std::string& url, const ServerTrust& trust = {});
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;
  ~HttpClient();

  httplib::ClientImpl& http() { return *http_; }
  const std::string& base() const { return base_; }  // scheme://host:port
  bool tls() const { return tls_; }
  bool pinned() const { return pin_ != nullptr; }

 private:
  HttpClient() = default;
  std::string base_;
  bool tls_ = false;
  std::unique_ptr<std::string> pin_;  // a fixed address for OpenSSL's callback
  std::unique_ptr<httplib::ClientImpl> http_;
};

// What went wrong with a request that got no answer, in words an officer
// can act on ("the server's certificate does not chain to --ca ...").
std::string DescribeError(httplib::Error error, const HttpClient& client);

// The pin of the certificate (PEM) in `cert_file`: what --pin takes.
Result<std::string> PinOfCertificate(const std::string& cert_file);

}  // namespace truce::server
