// Cosigning: the center's side of C2SP tlog-witness. A background thread
// sends each new checkpoint, with a consistency proof from the size each
// party's witness last cosigned, to that witness, checks the cosignature it
// returns against the witness key the mission pack pins, and keeps it, so
// GET /v1/register/checkpoint carries every party's cosignature of the tree.
#pragma once

#include <atomic>
#include <condition_variable>
#include <string>
#include <thread>
#include <vector>

#include "truce/center/registrar.h"
#include "truce/core/thread_annotations.h"
#include "truce/core/timed_condition.h"
#include "truce/mission/mission.h"
#include "truce/register/cosignature.h"
#include "truce/server/http_client.h"

namespace truce::server {

struct WitnessTarget {
  std::string party;
  std::string url;  // the witness's submission prefix, e.g. http://127.0.0.1:9001/
  reg::CosignerVerifier key;
  ServerTrust trust;  // for an https:// witness: how its certificate is checked
};

struct WitnessState {
  std::string party, url, key_name;
  uint64_t cosigned_size = 0;  // the newest tree it cosigned for us
  std::string last_error;
};

// "TR=http://host:port/" with the pack's pinned witness key of TR.
Result<WitnessTarget> ParseWitnessTarget(const std::string& spec, const Mission& mission);

class Cosigning {
 public:
  // The thread's rounds are timed by `clock`, which outlives this.
  Cosigning(Registrar& registrar, std::vector<WitnessTarget> targets, const Clock& clock = SystemClock::Instance());
  ~Cosigning();
  // Wakes the thread (a new checkpoint): every commit to the register does
  // (Registrar::OnCommit); it also looks every half second by the clock.
  void Poke();
  // Blocks until a round begun after the call has ended: every witness that
  // had not cosigned the newest checkpoint has been sent it and has
  // answered (or failed to; States says which). For tests on a ManualClock
  // (truce serve --manual-clock), which cannot wait for a round to come.
  void WaitSent();
  std::vector<WitnessState> States() const;

 private:
  void Loop();
  void Submit(size_t i, uint64_t size, const std::string& note);

  Registrar& registrar_;
  std::vector<WitnessTarget> targets_;
  mutable Mutex mu_;
  TimedCondition cv_;
  std::condition_variable_any round_cv_;  // a round ended
  std::vector<WitnessState> states_ TRUCE_GUARDED_BY(mu_);
  std::vector<uint64_t> known_;  // the size each witness holds, as far as we know
  bool stop_ TRUCE_GUARDED_BY(mu_) = false;
  bool poked_ TRUCE_GUARDED_BY(mu_) = false;
  uint64_t rounds_ TRUCE_GUARDED_BY(mu_) = 0;         // rounds ended
  uint64_t wanted_rounds_ TRUCE_GUARDED_BY(mu_) = 0;  // ended, for WaitSent: no wait between them
  std::thread thread_;
  std::unique_ptr<Registrar::Subscription> on_commit_;  // goes first in the destructor
};

}  // namespace truce::server
