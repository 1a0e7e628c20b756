#include "truce/server/request_auth.h"

#include <algorithm>

#include "truce/register/base64.h"
#include "truce/server/router.h"

namespace truce::server {
namespace {

std::string Message(std::string_view method, std::string_view target, std::string_view at) {
  std::string m = "truce-request/v1\n";
  m.append(method).append("\n").append(target).append("\n").append(at).append("\n");
  return m;
}

// The value of `name="..."` in the header, or "".
std::string_view Field(std::string_view header, std::string_view name) {
  size_t at = 0;
  while ((at = header.find(name, at)) != std::string_view::npos) {
    const bool starts = at == 0 || header[at - 1] == ' ' || header[at - 1] == ',';
    const size_t eq = at + name.size();
    if (starts && header.substr(eq, 2) == "=\"") {
      size_t end = header.find('"', eq + 2);
      if (end == std::string_view::npos) return {};
      return header.substr(eq + 2, end - eq - 2);
    }
    at = eq;
  }
  return {};
}

}  // namespace

std::string SignRequest(const reg::NoteSigner& key, std::string_view method, std::string_view target, int64_t at_s) {
  const std::string at = std::to_string(at_s);
  return "Truce key=\"" + key.verifier().name + "\", at=\"" + at + "\", sig=\"" +
         reg::Base64(key.SignBytes(Message(method, target, at))) + "\"";
}

Result<Reader> VerifyRequest(const HttpRequest& req, const reg::KeyRing& keys,
                             const std::vector<std::string>& center_parties, int64_t now_s) {
  std::string_view h = req.Header("authorization");
  if (h.empty()) {
    return Status::Denied(
        "reading reports and findings takes an officer's signed request (give your key to the "
        "tool: --key FILE) or a sign-in session (POST /v1/session)");
  }
  if (h.rfind("Truce ", 0) != 0 || h.size() > 512) {
    return Status::Denied(
        "the Authorization header is not a truce signature (Truce key=\"...\", at=\"...\", sig=\"...\")");
  }
  const std::string_view name = Field(h, "key"), at = Field(h, "at"), sig = Field(h, "sig");
  auto when = ParseNumber(at, "the signature's at", 0, uint64_t(INT64_MAX / 2));
  if (name.empty() || sig.empty() || !when.ok()) {
    return Status::Denied("the Authorization header needs key, at (seconds since 1970) and sig");
  }
  if (std::abs(int64_t(*when) - now_s) > kRequestClockSkewS) {
    return Status::Denied("the request was signed at " + std::string(at) + ", more than " +
                          std::to_string(kRequestClockSkewS) + " s from the server's clock (" + std::to_string(now_s) +
                          "): check the computer's clock");
  }
  TRUCE_ASSIGN_OR_RETURN(Reader reader, OfficerKey(keys, center_parties, name));
  auto raw = reg::Unbase64(sig, "the request's sig");
  if (!raw.ok() || !reg::VerifyBytes(keys.Find(name)->key, Message(req.method, req.target, at), *raw)) {
    return Status::Denied("the request's signature by key '" + std::string(name) + "' does not match it");
  }
  return reader;
}

Result<Reader> OfficerKey(const reg::KeyRing& keys, const std::vector<std::string>& center_parties,
                          std::string_view name) {
  const reg::KeyRecord* k = keys.Find(name);
  if (!k || k->revoked || std::find(center_parties.begin(), center_parties.end(), k->party) == center_parties.end() ||
      (k->roles & ~reg::kWitness) == 0) {
    return Status::Denied("key '" + std::string(name.substr(0, 64)) +
                          "' is not a live key of a center party's officer");
  }
  return Reader{std::string(name), k->party, k->roles};
}

}  // namespace truce::server
