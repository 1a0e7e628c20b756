// Running the real `truce` binary from a test, as a user would from a shell.
#pragma once

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace truce::testing {

struct Outcome {
  int code;         // the exit code, or -1 when it did not exit
  std::string out;  // standard output and error together
};

// Runs `truce ARGS` through the shell (so ARGS may redirect) and waits.
inline Outcome Truce(const std::string& args) {
  std::string cmd = std::string(TRUCE_BINARY) + " " + args + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int status = ::pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

}  // namespace truce::testing
