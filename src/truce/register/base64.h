// Standard base64 with padding (RFC 4648 §4), the spelling of keys,
// signatures and hashes in notes, checkpoints and entries.
#pragma once

#include <string>
#include <string_view>

#include "truce/core/status.h"

namespace truce::reg {

std::string Base64(std::string_view bytes);
// Refuses anything but canonical base64, so one value has one spelling;
// `what` names the field in the message.
Result<std::string> Unbase64(std::string_view text, const std::string& what);

}  // namespace truce::reg
