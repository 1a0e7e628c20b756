// The one shape of every error answer (docs/API.md, "Errors"):
//   {"error": {"code": "...", "message": "...", "details": [...]}}
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace truce::wire {

nlohmann::json ErrorJson(const std::string& code, const std::string& message,
                         nlohmann::json details = nlohmann::json::array());

// The same, already text, for the HTTP listener's own refusals (busy, too
// large, too slow), which are written before any handler runs. `code` and
// `message` are fixed text of ours, so nothing needs escaping; the keys are
// in the order above, where ErrorJson's are sorted.
std::string FixedErrorBody(const std::string& code, const std::string& message);

}  // namespace truce::wire
