// A proposed determination: for one incident, the clauses it breaks, who is
// responsible (or undetermined), how sure the center is, and why, in plain
// words (docs/USER-GUIDE.md, "The determination"). It is a proposal: it becomes final
// only when every center party's lead cosigns it (review/).
#pragma once

#include <string>
#include <vector>

#include "truce/adjudicate/attribution.h"
#include "truce/fusion/fusion.h"

namespace truce::adjudicate {

struct BrokenClause {
  std::string id;
  ClauseKind kind = ClauseKind::kCeasefire;
};

struct Determination {
  std::string incident;
  std::vector<BrokenClause> clauses;
  // What a lone claim (one party's word, or one news item) alleges: not a
  // finding until another source bears it out.
  std::vector<BrokenClause> alleged;
  std::string responsible;  // "" when undetermined
  std::string confidence;   // high, medium, low
  Attribution attribution;
  std::vector<std::string> reasons;
};

// REQUIRES: mission, tagger and attributor share one mission.
Determination Propose(const Mission& mission, const Tagger& tagger, const Attributor& attributor,
                      const fusion::Incident& incident, const std::vector<fusion::Member>& members);

}  // namespace truce::adjudicate
