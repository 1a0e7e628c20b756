#include "truce/register/review_entries.h"

namespace truce::reg {
namespace {

bool IsIndex(const nlohmann::json& v) {
  return v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0);
}

std::string Named(std::optional<uint64_t> index) { return index ? "entry " + std::to_string(*index) : "null"; }

}  // namespace

Status CheckReviewBody(const Entry& e, ReviewBodyRules rules) {
  const nlohmann::json& b = e.body;
  // Only the fields of the kind: a field the readers do not expect is a
  // field no party agreed to the meaning of.
  const bool determination = e.kind == kind::kDetermination;
  const bool with_reasons = e.kind == kind::kDispute || e.kind == kind::kUnverifiable;
  for (const auto& [name, value] : b.items()) {
    bool known = name == "incident" || name == "previous" ||
                 (determination ? name == "report_entries" || name == "finding"
                                : name == "determination" || (with_reasons && name == "reasons"));
    if (!known) return Status::Invalid("body." + name.substr(0, 40) + ": not a field of a " + e.kind + " entry");
  }
  auto incident = b.find("incident");
  if (incident == b.end() || !incident->is_string() || incident->get<std::string>().empty()) {
    return Status::Invalid("body.incident: name the incident (\"I-...\")");
  }
  auto previous = b.find("previous");
  if (previous == b.end() ? rules == ReviewBodyRules::kNewEntry : !(previous->is_null() || IsIndex(*previous))) {
    return Status::Invalid(determination
                               ? "body.previous: the register index of the incident's newest determination, or "
                                 "null if it has none"
                               : "body.previous: the register index of your party's last cosign, dispute or "
                                 "unverifiable of this determination, or null if it has none");
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
  if (IsPositionKind(e.kind)) {
    auto d = b.find("determination");
    if (d == b.end() || !IsIndex(*d)) {
      return Status::Invalid("body.determination: the register index of the determination entry");
    }
    if (with_reasons) {
      auto reasons = b.find("reasons");
      if (reasons == b.end() || !reasons->is_string() || reasons->get<std::string>().empty()) {
        return Status::Invalid(e.kind == kind::kDispute
                                   ? "body.reasons: a dispute says why, in words"
                                   : "body.reasons: an unverifiable says what the center cannot establish, in words");
      }
    }
    return Status::Ok();
  }
  return Status::Invalid("not a review entry");
}

uint64_t ReferencedDetermination(const Entry& e) { return e.body.value("determination", uint64_t{0}); }

Previous PreviousOf(const Entry& e) {
  Previous p;
  auto it = e.body.find("previous");
  if (it == e.body.end()) return p;
  p.stated = true;
  if (IsIndex(*it)) p.index = it->get<uint64_t>();
  return p;
}

nlohmann::json DeterminationBody(const std::string& incident, nlohmann::json report_entries, nlohmann::json finding,
                                 std::optional<uint64_t> previous) {
  return {{"incident", incident},
          {"report_entries", std::move(report_entries)},
          {"finding", std::move(finding)},
          {"previous", previous ? nlohmann::json(*previous) : nlohmann::json()}};
}

nlohmann::json CosignBody(uint64_t determination, const std::string& incident, std::optional<uint64_t> previous) {
  return {{"determination", determination},
          {"incident", incident},
          {"previous", previous ? nlohmann::json(*previous) : nlohmann::json()}};
}

nlohmann::json DisputeBody(uint64_t determination, const std::string& incident, const std::string& reasons,
                           std::optional<uint64_t> previous) {
  nlohmann::json b = CosignBody(determination, incident, previous);
  b["reasons"] = reasons;
  return b;
}

nlohmann::json UnverifiableBody(uint64_t determination, const std::string& incident, const std::string& reasons,
                                std::optional<uint64_t> previous) {
  return DisputeBody(determination, incident, reasons, previous);  // the same shape; the kind differs
}

Status CheckReportEntries(uint64_t index, const Entry& e, const std::function<Result<std::string>(uint64_t)>& kind_of) {
  auto reports = e.body.find("report_entries");
  if (reports == e.body.end() || !reports->is_array()) return Status::Ok();  // CheckReviewBody's to say
  for (const auto& r : *reports) {
    if (!IsIndex(r)) continue;
    const uint64_t at = r.get<uint64_t>();
    if (at >= index) {
      return Status::Invalid("body.report_entries: entry " + std::to_string(at) +
                             " is not earlier in the register; cite the register entries of reports");
    }
    TRUCE_ASSIGN_OR_RETURN(std::string k, kind_of(at));
    if (k != kind::kReport) {
      return Status::Invalid("body.report_entries: entry " + std::to_string(at) + " is " +
                             (k.empty() ? std::string("not in the register") : "a " + k + " entry") +
                             ", not a report; cite the register entries of reports");
    }
  }
  return Status::Ok();
}

std::string ReviewChain::LeafKey(const Entry& e) const {
  Hash h = e.leaf_hash();
  return std::string(reinterpret_cast<const char*>(h.data()), h.size());
}

std::optional<uint64_t> ReviewChain::Position(uint64_t determination, std::string_view party) const {
  auto it = positions_.find(std::pair<uint64_t, std::string>(determination, party));
  if (it == positions_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::optional<uint64_t> ReviewChain::Newest(std::string_view incident) const {
  auto it = newest_.find(std::string(incident));
  if (it == newest_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

Status ReviewChain::Admit(uint64_t index, const Entry& e) const {
  if (auto seen = seen_.find(LeafKey(e)); seen != seen_.end()) {
    return Status::Exists("it repeats entry " + std::to_string(seen->second) +
                          " byte for byte: a copy of a signed entry changes nothing");
  }
  const std::string incident = e.body.value("incident", std::string());
  const Previous previous = PreviousOf(e);
  std::optional<uint64_t> current;
  std::string whose;  // for the message: whose current entry `previous` must name
  if (e.kind == kind::kDetermination) {
    current = Newest(incident);
    whose = "the newest determination of " + incident;
  } else {
    const uint64_t target = ReferencedDetermination(e);
    auto it = determinations_.find(target);
    if (it == determinations_.end() || target >= index) {
      return Status::NotFound("body.determination: entry " + std::to_string(target) +
                              " is not a determination earlier in the register");
    }
    if (it->second != incident) {
      return Status::Invalid("body.incident: determination " + std::to_string(target) + " is of " + it->second +
                             ", not " + incident);
    }
    current = Position(target, e.party);
    whose = e.party + "'s position on determination " + std::to_string(target);
  }
  if (!previous.stated) {
    if (!chained_since_) return Status::Ok();  // an older register, read in log order
    return Status::Precondition("body.previous: review entries name the one they follow since entry " +
                                std::to_string(*chained_since_) + "; " + whose + " is " + Named(current) +
                                ": re-read and sign again");
  }
  if (previous.index != current) {
    return Status::Precondition(whose + " is now " + Named(current) + ", not " + Named(previous.index) +
                                ": re-read and sign again");
  }
  return Status::Ok();
}

void ReviewChain::Apply(uint64_t index, const Entry& e) {
  Applied a{index, e.leaf_hash(), e.body.value("incident", std::string()), std::nullopt, e.party};
  if (PreviousOf(e).stated && !chained_since_) chained_since_ = index;
  seen_[LeafKey(e)] = index;
  if (e.kind == kind::kDetermination) {
    determinations_[index] = a.incident;
    newest_[a.incident].push_back(index);
  } else {
    a.determination = ReferencedDetermination(e);
    positions_[{*a.determination, e.party}].push_back(index);
  }
  if (undoable_) journal_.push_back(std::move(a));
}

void ReviewChain::Truncate(uint64_t size) {
  while (!journal_.empty() && journal_.back().index >= size) {
    const Applied& a = journal_.back();
    seen_.erase(std::string(reinterpret_cast<const char*>(a.leaf.data()), a.leaf.size()));
    if (chained_since_ == a.index) chained_since_.reset();
    if (a.determination) {
      positions_[{*a.determination, a.party}].pop_back();
    } else {
      determinations_.erase(a.index);
      newest_[a.incident].pop_back();
    }
    journal_.pop_back();
  }
}

}  // namespace truce::reg
