#include "truce/server/http_client.h"

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>

#include "truce/register/base64.h"

namespace truce::server {
namespace {

// "sha256/" and the base64 SHA-256 of a certificate's SubjectPublicKeyInfo
// (the form HTTP public key pinning used, RFC 7469 §2.4).
std::string Pin(X509* cert) {
  unsigned char* der = nullptr;
  int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
  if (len <= 0) return "";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(der, size_t(len), digest, &n, EVP_sha256(), nullptr);
  OPENSSL_free(der);
  return "sha256/" + reg::Base64({reinterpret_cast<const char*>(digest), n});
}

// In place of the chain's verification: the leaf's key is the pinned one.
int CheckPin(X509_STORE_CTX* ctx, void* arg) {
  const std::string& want = *static_cast<const std::string*>(arg);
  X509* leaf = X509_STORE_CTX_get0_cert(ctx);
  if (leaf && Pin(leaf) == want) {
    X509_STORE_CTX_set_error(ctx, X509_V_OK);
    return 1;
  }
  X509_STORE_CTX_set_error(ctx, X509_V_ERR_CERT_REJECTED);
  return 0;
}

}  // namespace

HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;
HttpClient::~HttpClient() = default;

Result<HttpClient> HttpClient::Open(const std::string& url, const ServerTrust& trust) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos)
    return Status::Invalid(url + ": give the server's URL, like http://127.0.0.1:8080");
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https")
    return Status::Invalid(url + ": the URL must start with http:// or https://");
  size_t path_at = url.find('/', scheme_end + 3);
  std::string hostport =
      url.substr(scheme_end + 3, path_at == std::string::npos ? std::string::npos : path_at - scheme_end - 3);
  std::string host = hostport;
  int port = scheme == "https" ? 443 : 80;
  size_t colon = hostport.rfind(':');
  if (colon != std::string::npos && hostport.find(']', colon) == std::string::npos) {
    host = hostport.substr(0, colon);
    try {
      port = std::stoi(hostport.substr(colon + 1));
    } catch (...) {
      return Status::Invalid(url + ": the port is not a number");
    }
  }
  if (!host.empty() && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) return Status::Invalid(url + ": the URL names no host");
  HttpClient c;
  c.base_ = scheme + "://" + hostport;
  c.tls_ = scheme == "https";
  if (!c.tls_) {
    if (!trust.ca_file.empty() || !trust.pin.empty()) {
      return Status::Invalid(url + ": --ca and --pin check an https:// server's certificate; this URL is plain http");
    }
    c.http_ = std::make_unique<httplib::ClientImpl>(host, port);
    // A target goes out as it was signed (server/request_auth.h), not
    // re-encoded on the way.
    c.http_->set_url_encode(false);
    return c;
  }
  auto ssl = std::make_unique<httplib::SSLClient>(host, port);
  if (!trust.pin.empty()) {
    if (trust.pin.rfind("sha256/", 0) != 0 || trust.pin.size() != 7 + 44) {
      return Status::Invalid("--pin " + trust.pin +
                             ": a pin is sha256/ and 44 characters of base64 (truce keys pin --cert FILE prints it)");
    }
    c.pin_ = std::make_unique<std::string>(trust.pin);
    // The pin is the whole of the trust: no CA, and no host name to match.
    ssl->enable_server_certificate_verification(false);
    SSL_CTX_set_verify(ssl->ssl_context(), SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_cert_verify_callback(ssl->ssl_context(), CheckPin, c.pin_.get());
  } else if (!trust.ca_file.empty()) {
    if (std::FILE* f = std::fopen(trust.ca_file.c_str(), "r")) {
      std::fclose(f);
    } else {
      return Status::Invalid("--ca " + trust.ca_file + ": cannot read the file");
    }
    ssl->set_ca_cert_path(trust.ca_file);
    ssl->enable_server_certificate_verification(true);
  }
  ssl->set_url_encode(false);
  c.http_ = std::move(ssl);
  return c;
}

std::string DescribeError(httplib::Error error, const HttpClient& client) {
  switch (error) {
    case httplib::Error::SSLServerVerification:
      return "the server's certificate does not check out (against --ca, or the system's CAs without it), "
             "or does not name the host in the URL";
    case httplib::Error::SSLConnection:
      return client.pinned() ? "the TLS handshake failed: the server's key is not the --pin given, or it speaks no TLS"
                             : "the TLS handshake failed: is the server serving https:// on that port?";
    case httplib::Error::SSLLoadingCerts:
      return "the CA certificates (--ca) cannot be read";
    case httplib::Error::Connection:
      return "cannot connect: is the server running at " + client.base() + "?";
    case httplib::Error::Read:
      return "the connection closed before the answer was read (a plain http:// client of an https:// server?)";
    default:
      return httplib::to_string(error);
  }
}

Result<std::string> PinOfCertificate(const std::string& cert_file) {
  std::FILE* f = std::fopen(cert_file.c_str(), "r");
  if (!f) return Status::Invalid(cert_file + ": cannot read the file");
  X509* cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  if (!cert) return Status::Invalid(cert_file + ": not a PEM certificate");
  std::string pin = Pin(cert);
  X509_free(cert);
  if (pin.empty()) return Status::Invalid(cert_file + ": the certificate's public key cannot be read");
  return pin;
}

}  // namespace truce::server
