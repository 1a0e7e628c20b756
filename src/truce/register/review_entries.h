// The bodies of the joint review's entries (docs/REGISTER.md, "Review
// entries"): what the server refuses at write time and `truce verify`
// flags in an export. The replay of the review is review/review.h.
//
//   determination: {"incident": ID, "report_entries": [register indexes], "finding": {...}}
//   cosign:        {"determination": INDEX, "incident": ID}
//   dispute:       {"determination": INDEX, "incident": ID, "reasons": TEXT}
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "truce/core/status.h"
#include "truce/register/entry.h"

namespace truce::reg {

inline bool IsReviewKind(std::string_view k) {
  return k == kind::kDetermination || k == kind::kCosign || k == kind::kDispute;
}
// Whether a review entry's body has its shape; the message names the field.
Status CheckReviewBody(const Entry& e);
// The determination a cosign or dispute is about.
uint64_t ReferencedDetermination(const Entry& e);

nlohmann::json CosignBody(uint64_t determination, const std::string& incident);
nlohmann::json DisputeBody(uint64_t determination, const std::string& incident, const std::string& reasons);

}  // namespace truce::reg
