// Checkpoints in the C2SP tlog-checkpoint form: the body of a signed note
//   <origin>\n<tree size, decimal>\n<base64 root hash>\n[<extension line>\n]...
// The origin names the log (for truce: the mission's register, e.g.
// "truce.example/idlib-2020"); the center signs it, the parties cosign it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "truce/core/status.h"
#include "truce/register/hasher.h"

namespace truce::reg {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::vector<std::string> extensions;

  std::string Body() const;  // the note text, ending in "\n"
};

// Parses a checkpoint body (a signed note's text).
Result<Checkpoint> ParseCheckpoint(std::string_view body);

}  // namespace truce::reg
