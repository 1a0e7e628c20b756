// SIGINT and SIGTERM for the long-running commands (serve, witness): they go
// to one waiting thread, which stops the server cleanly; every other thread
// (the HTTP pool included) blocks them.
#pragma once

#include <functional>

namespace truce::cli {

// Call first, before any thread starts, so every thread inherits the mask.
void BlockStopSignals();
// Runs `run` until it returns or a stop signal arrives, which calls `stop`.
void RunUntilStopSignal(const std::function<void()>& run, const std::function<void()>& stop);

}  // namespace truce::cli
