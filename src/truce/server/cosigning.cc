#include "truce/server/cosigning.h"

#include <httplib.h>

#include <algorithm>

#include "truce/register/base64.h"
#include "truce/register/keyring.h"

namespace truce::server {

Result<WitnessTarget> ParseWitnessTarget(const std::string& spec, const Mission& mission) {
  size_t eq = spec.find('=');
  if (eq == std::string::npos) return Status::Invalid("--witness takes PARTY=URL, e.g. TR=http://127.0.0.1:9001/");
  WitnessTarget t;
  t.party = spec.substr(0, eq);
  t.url = spec.substr(eq + 1);
  if (t.url.rfind("http://", 0) != 0 && t.url.rfind("https://", 0) != 0) {
    return Status::Invalid("--witness " + spec + ": the URL needs http:// or https://");
  }
  if (t.url.back() != '/') t.url += '/';
  for (const PinnedKey& k : mission.keys) {
    if (k.party == t.party && k.roles == std::vector<std::string>{"witness"}) {
      TRUCE_ASSIGN_OR_RETURN(t.key, reg::CosignerVerifier::Parse(k.key));
      return t;
    }
  }
  return Status::Invalid("--witness " + spec + ": mission.toml pins no witness key for " + t.party +
                         " ([[keys]] with roles = [\"witness\"])");
}

Cosigning::Cosigning(Registrar& registrar, std::vector<WitnessTarget> targets, const Clock& clock)
    : registrar_(registrar), targets_(std::move(targets)), cv_(clock, mu_), known_(targets_.size(), 0) {
  for (const auto& t : targets_) states_.push_back({t.party, t.url, t.key.name, 0, "not asked yet"});
  thread_ = std::thread([this] { Loop(); });
  on_commit_ = registrar_.OnCommit([this](uint64_t) { Poke(); });
}

Cosigning::~Cosigning() {
  on_commit_.reset();
  {
    MutexLock lock(mu_);
    stop_ = true;
  }
  cv_.NotifyAll();
  round_cv_.notify_all();
  thread_.join();
}

void Cosigning::Poke() {
  {
    MutexLock lock(mu_);
    poked_ = true;
  }
  cv_.NotifyAll();
}

void Cosigning::WaitSent() {
  UniqueLock lock(mu_);
  // The round under way may have read the checkpoint before the call: the
  // one after it has not.
  const uint64_t target = rounds_ + 2;
  wanted_rounds_ = std::max(wanted_rounds_, target);
  cv_.NotifyAll();
  round_cv_.wait(lock, [&]() TRUCE_REQUIRES(mu_) { return rounds_ >= target || stop_; });
}

std::vector<WitnessState> Cosigning::States() const {
  MutexLock lock(mu_);
  return states_;
}

void Cosigning::Loop() {
  UniqueLock lock(mu_);
  while (!stop_) {
    cv_.WaitFor(lock, 500, [&]() TRUCE_REQUIRES(mu_) { return stop_ || poked_ || rounds_ < wanted_rounds_; });
    poked_ = false;
    if (stop_) break;
    auto [size, note] = registrar_.LogCheckpoint();
    for (size_t i = 0; i < targets_.size() && size > 0; ++i) {
      if (states_[i].cosigned_size >= size) continue;
      lock.unlock();
      Submit(i, size, note);
      lock.lock();
    }
    ++rounds_;
    round_cv_.notify_all();
  }
}

void Cosigning::Submit(size_t i, uint64_t size, const std::string& note) {
  const WitnessTarget& t = targets_[i];
  size_t path_at = t.url.find('/', t.url.find("://") + 3);
  auto client = HttpClient::Open(t.url, t.trust);
  if (!client.ok()) {
    MutexLock lock(mu_);
    states_[i].last_error = client.status().message();
    return;
  }
  httplib::ClientImpl& http = client->http();
  http.set_connection_timeout(2);
  http.set_read_timeout(10);
  std::string error;
  // Twice at most: a 409 tells us the size the witness holds.
  for (int attempt = 0; attempt < 2; ++attempt) {
    uint64_t old = std::min(known_[i], size);
    auto proof = registrar_.ConsistencyProof(old, size);
    if (!proof.ok()) {
      error = proof.status().message();
      break;
    }
    std::string body = "old " + std::to_string(old) + "\n";
    for (const auto& h : *proof) body += reg::Base64({reinterpret_cast<const char*>(h.data()), h.size()}) + "\n";
    body += "\n" + note;
    auto res = http.Post(t.url.substr(path_at) + "add-checkpoint", body, "text/plain");
    if (!res) {
      error = "cannot reach the witness: " + DescribeError(res.error(), *client);
      break;
    }
    if (res->status == 409 && res->get_header_value("Content-Type") == "text/x.tlog.size") {
      known_[i] = std::strtoull(res->body.c_str(), nullptr, 10);
      error = "the witness holds size " + std::to_string(known_[i]);
      continue;
    }
    if (res->status != 200) {
      error = "the witness refused (HTTP " + std::to_string(res->status) + "): " + res->body.substr(0, 200);
      break;
    }
    // The answer is one or more signature lines; keep the one that is a
    // valid cosignature of this witness's pinned key.
    bool found = false;
    for (size_t p = 0; p < res->body.size() && !found;) {
      size_t e = res->body.find('\n', p);
      std::string line = res->body.substr(p, e == std::string::npos ? e : e - p);
      p = e == std::string::npos ? res->body.size() : e + 1;
      auto cosigned = reg::ParseNote(note + line + "\n");
      if (!cosigned.ok() || !reg::VerifyCosignature(*cosigned, cosigned->signatures.back(), t.key).ok()) continue;
      Status st = registrar_.PutCosignature(size, t.key.name, line);
      if (!st.ok()) {
        error = st.message();
        break;
      }
      found = true;
    }
    if (!found && error.empty()) error = "the witness answered without a valid cosignature of its pinned key";
    if (found) {
      known_[i] = size;
      MutexLock lock(mu_);
      states_[i].cosigned_size = size;
      states_[i].last_error.clear();
      return;
    }
    break;
  }
  MutexLock lock(mu_);
  states_[i].last_error = error;
}

}  // namespace truce::server
