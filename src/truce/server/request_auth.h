// Signed requests: how an officer's tool shows the server who is reading.
//
// Reports and findings are read only by the parties' officers (unless the
// mission pack makes them public, docs/API.md "Who may read"). An officer's
// tool signs each request with the officer's own register key, in one
// header:
//   Authorization: Truce key="tr-obs-1", at="1583839200", sig="<base64>"
// where sig is Ed25519 over
//   "truce-request/v1\n" METHOD "\n" TARGET "\n" AT "\n"
// (TARGET as sent: path and query). The server takes it from a live key of
// a center party whose clock says `at` within five minutes of its own. A
// signed read can be replayed only within those minutes and only to read
// the same thing again; writes carry their own signatures in their entries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "truce/core/status.h"
#include "truce/register/keyring.h"
#include "truce/register/note.h"
#include "truce/server/http_message.h"

namespace truce::server {

constexpr int64_t kRequestClockSkewS = 300;

// The Authorization header's value for a request.
std::string SignRequest(const reg::NoteSigner& key, std::string_view method, std::string_view target, int64_t at_s);

struct Reader {
  std::string key, party;
  uint32_t roles = 0;  // reg::Role bits
};

// The reader a key stands for if it is a live key of one of
// `center_parties` with a role besides witness: the one rule for signed
// requests and sign-in sessions alike, asked again at each use so that a
// revoked key reads no more.
Result<Reader> OfficerKey(const reg::KeyRing& keys, const std::vector<std::string>& center_parties,
                          std::string_view name);

// Who signed the request: a live key of one of `center_parties`. Denied
// (with the reason) for a missing, malformed, stale or forged signature.
Result<Reader> VerifyRequest(const HttpRequest& req, const reg::KeyRing& keys,
                             const std::vector<std::string>& center_parties, int64_t now_s);

}  // namespace truce::server
