#include "truce/cli/stop_signals.h"

#include <pthread.h>
#include <signal.h>

#include <thread>

namespace truce::cli {
namespace {

sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

}  // namespace

void BlockStopSignals() {
  sigset_t signals = StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

void RunUntilStopSignal(const std::function<void()>& run, const std::function<void()>& stop) {
  std::thread waiter([&stop] {
    sigset_t signals = StopSignals();
    int sig = 0;
    sigwait(&signals, &sig);
    stop();
  });
  run();
  // If run returned on its own, wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
}

}  // namespace truce::cli
