#include "truce/register/review_entries.h"

namespace truce::reg {
namespace {

bool IsIndex(const nlohmann::json& v) { return v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0); }

}  // namespace

Status CheckReviewBody(const Entry& e) {
  const nlohmann::json& b = e.body;
  // Only the fields of the kind: a field the readers do not expect is a
  // field no party agreed to the meaning of.
  const bool determination = e.kind == kind::kDetermination;
  for (const auto& [name, value] : b.items()) {
    bool known = name == "incident" ||
                 (determination ? name == "report_entries" || name == "finding"
                                : name == "determination" || (e.kind == kind::kDispute && name == "reasons"));
    if (!known) return Status::Invalid("body." + name.substr(0, 40) + ": not a field of a " + e.kind + " entry");
  }
  auto incident = b.find("incident");
  if (incident == b.end() || !incident->is_string() || incident->get<std::string>().empty()) {
    return Status::Invalid("body.incident: name the incident (\"I-...\")");
  }
  if (e.kind == kind::kDetermination) {
    auto reports = b.find("report_entries");
    if (reports == b.end() || !reports->is_array() || reports->empty()) {
      return Status::Invalid("body.report_entries: list the register indexes of the incident's reports");
    }
    for (const auto& r : *reports) {
      if (!IsIndex(r)) return Status::Invalid("body.report_entries: each is a register index (a whole number ≥ 0)");
    }
    auto finding = b.find("finding");
    if (finding == b.end() || !finding->is_object()) return Status::Invalid("body.finding: an object is needed");
    return Status::Ok();
  }
  if (e.kind == kind::kCosign || e.kind == kind::kDispute) {
    auto d = b.find("determination");
    if (d == b.end() || !IsIndex(*d)) {
      return Status::Invalid("body.determination: the register index of the determination entry");
    }
    if (e.kind == kind::kDispute) {
      auto reasons = b.find("reasons");
      if (reasons == b.end() || !reasons->is_string() || reasons->get<std::string>().empty()) {
        return Status::Invalid("body.reasons: a dispute says why, in words");
      }
    }
    return Status::Ok();
  }
  return Status::Invalid("not a review entry");
}

uint64_t ReferencedDetermination(const Entry& e) { return e.body.value("determination", uint64_t{0}); }

nlohmann::json CosignBody(uint64_t determination, const std::string& incident) {
  return {{"determination", determination}, {"incident", incident}};
}

nlohmann::json DisputeBody(uint64_t determination, const std::string& incident, const std::string& reasons) {
  return {{"determination", determination}, {"incident", incident}, {"reasons", reasons}};
}

}  // namespace truce::reg
