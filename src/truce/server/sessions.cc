#include "truce/server/sessions.h"

#include <openssl/rand.h>

#include <algorithm>

#include "truce/core/digest.h"
#include "truce/register/base64.h"

namespace truce::server {
namespace {

// 32 bytes from the operating system's generator, through OpenSSL.
Result<std::string> RandomBytes() {
  std::string bytes(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), int(bytes.size())) != 1) {
    return Status::Internal("the random number generator failed");
  }
  return bytes;
}

// RFC 4648 §5: a cookie value needs neither quoting nor escaping.
std::string Base64Url(std::string_view bytes) {
  std::string s = reg::Base64(bytes);
  for (char& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
  s.erase(std::find(s.begin(), s.end(), '='), s.end());
  return s;
}

std::string TokenHash(std::string_view token) { return Sha256Hex(token); }

}  // namespace

std::string SignInMessage(std::string_view challenge) {
  std::string m = "truce-session/v1\n";
  m.append(challenge).append("\n");
  return m;
}

std::string_view SessionCookieValue(std::string_view header) {
  if (header.size() > 8192) return {};
  // RFC 6265 §4.2.1: pairs separated by ";" and optional spaces. A browser
  // sends each cookie once, but a name given twice keeps its first value.
  while (!header.empty()) {
    size_t semi = header.find(';');
    std::string_view pair = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    while (!pair.empty() && (pair.front() == ' ' || pair.front() == '\t')) pair.remove_prefix(1);
    while (!pair.empty() && (pair.back() == ' ' || pair.back() == '\t')) pair.remove_suffix(1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos || pair.substr(0, eq) != kSessionCookie) continue;
    std::string_view value = pair.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    return value;
  }
  return {};
}

Result<Challenge> Sessions::NewChallenge() {
  TRUCE_ASSIGN_OR_RETURN(std::string bytes, RandomBytes());
  const int64_t now = clock_.NowMs();
  MutexLock lock(mu_);
  Prune(now);
  if (challenges_.size() >= kMaxChallenges) Prune(now, true);
  if (challenges_.size() >= kMaxChallenges) {
    return Status(Code::kUnavailable, "too many sign-ins are under way; try again in a minute");
  }
  Challenge c{reg::Base64(bytes), now + kChallengeLifeMs};
  challenges_.emplace(c.text, c.expires_ms);
  return c;
}

bool Sessions::TakeChallenge(std::string_view text) {
  const int64_t now = clock_.NowMs();
  MutexLock lock(mu_);
  auto it = challenges_.find(std::string(text));
  if (it == challenges_.end()) return false;
  const bool live = it->second > now;
  challenges_.erase(it);
  return live;
}

Result<OpenedSession> Sessions::Open(const std::string& key) {
  TRUCE_ASSIGN_OR_RETURN(std::string bytes, RandomBytes());
  const int64_t now = clock_.NowMs();
  MutexLock lock(mu_);
  Prune(now, true);
  // The key's oldest session goes when it has its share (all of a key's
  // sessions last as long, so the oldest expires first).
  size_t mine = 0;
  auto oldest = sessions_.end();
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
    if (it->second.key != key) continue;
    ++mine;
    if (oldest == sessions_.end() || it->second.expires_ms < oldest->second.expires_ms) oldest = it;
  }
  if (mine >= kMaxSessionsPerKey) sessions_.erase(oldest);
  if (sessions_.size() >= kMaxSessions) {
    return Status(Code::kUnavailable, "too many sessions are open; try again later");
  }
  OpenedSession opened{Base64Url(bytes), Session{key, now + kSessionLifeMs}};
  sessions_.emplace(TokenHash(opened.token), opened.session);
  return opened;
}

std::optional<Session> Sessions::Find(std::string_view token) {
  if (token.empty() || token.size() > 64) return std::nullopt;
  const std::string hash = TokenHash(token);
  const int64_t now = clock_.NowMs();
  MutexLock lock(mu_);
  Prune(now);
  auto it = sessions_.find(hash);
  if (it == sessions_.end() || it->second.expires_ms <= now) return std::nullopt;
  return it->second;
}

void Sessions::Close(std::string_view token) {
  if (token.empty() || token.size() > 64) return;
  const std::string hash = TokenHash(token);
  MutexLock lock(mu_);
  sessions_.erase(hash);
}

void Sessions::Prune(int64_t now_ms, bool now) {
  if (!now && now_ms - last_prune_ms_ < 1000) return;
  last_prune_ms_ = now_ms;
  std::erase_if(challenges_, [&](const auto& c) { return c.second <= now_ms; });
  std::erase_if(sessions_, [&](const auto& s) { return s.second.expires_ms <= now_ms; });
}

}  // namespace truce::server
