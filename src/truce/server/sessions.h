// Sign-in sessions: how a browser reads as an officer without signing each
// request (an EventSource cannot set an Authorization header).
//
// The officer's tool asks for a challenge, signs
//   "truce-session/v1\n" CHALLENGE "\n"
// with the officer's register key, and trades it for a session: a random
// token in an HttpOnly cookie. A session only reads; writes stay signed
// register entries. Challenges and sessions are in memory only: a restart
// signs everyone out, which costs a signature, not a record.
//
// Tokens are looked up by their SHA-256, so no comparison of the secret
// itself can leak its bytes by its timing, and the table holds no token.
// Time is the server's Clock: challenges last 120 s, sessions 8 h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "truce/core/status.h"
#include "truce/core/thread_annotations.h"
#include "truce/core/time.h"

namespace truce::server {

inline constexpr int64_t kChallengeLifeMs = 120'000;
inline constexpr int64_t kSessionLifeMs = 8 * 3600'000;
// Challenges waiting for their signature. When full, a new one is refused
// (503), not made by evicting the oldest: evicting would let a flood of
// requests (each under the per-address write limit) void a genuine
// officer's challenge between asking and signing; refusing leaves every
// challenge handed out good, and the table empties within 120 s.
inline constexpr size_t kMaxChallenges = 10'000;
// Sessions in all; and per key, past which a key's oldest is ended (one
// officer signing in from one more browser).
inline constexpr size_t kMaxSessions = 10'000;
inline constexpr size_t kMaxSessionsPerKey = 16;
inline constexpr const char* kSessionCookie = "truce_session";

// The bytes a sign-in signature signs.
std::string SignInMessage(std::string_view challenge);

// The truce_session cookie's value in a Cookie header ("a=1; truce_session=X"),
// or "" when there is none or the header is beyond reason (over 8 KiB).
std::string_view SessionCookieValue(std::string_view cookie_header);

struct Challenge {
  std::string text;  // base64 of 32 random bytes
  int64_t expires_ms = 0;
};

struct Session {
  std::string key;  // the register key that signed in
  int64_t expires_ms = 0;
};

// A new session: its token (base64url of 32 random bytes, for the cookie)
// and what it is.
struct OpenedSession {
  std::string token;
  Session session;
};

class Sessions {
 public:
  explicit Sessions(const Clock& clock) : clock_(clock) {}

  // Unavailable when kMaxChallenges are waiting.
  Result<Challenge> NewChallenge();
  // Whether `text` is a challenge handed out and not yet expired. It is
  // forgotten either way: a challenge is good for one try.
  bool TakeChallenge(std::string_view text);

  // Unavailable when kMaxSessions live sessions are open.
  Result<OpenedSession> Open(const std::string& key);
  // The live session of a token, if any.
  std::optional<Session> Find(std::string_view token);
  void Close(std::string_view token);

 private:
  // Forgets what has expired, at most once a second unless `now` (a
  // flood of lookups does not sweep the tables each time).
  void Prune(int64_t now_ms, bool now = false) TRUCE_REQUIRES(mu_);

  const Clock& clock_;
  Mutex mu_;
  std::unordered_map<std::string, int64_t> challenges_ TRUCE_GUARDED_BY(mu_);  // text → expiry
  std::unordered_map<std::string, Session> sessions_ TRUCE_GUARDED_BY(mu_);    // SHA-256 of token → session
  int64_t last_prune_ms_ TRUCE_GUARDED_BY(mu_) = 0;
};

}  // namespace truce::server
