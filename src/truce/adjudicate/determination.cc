#include "truce/adjudicate/determination.h"

#include "truce/adjudicate/rules.h"

#include <algorithm>

namespace truce::adjudicate {

Determination Propose(const Mission& mission, const Tagger& tagger, const Attributor& attributor,
                      const fusion::Incident& inc, const std::vector<fusion::Member>& members) {
  Determination d;
  d.incident = inc.id;
  d.attribution = attributor.Attribute(inc, members);
  d.responsible = d.attribution.responsible;

  // The clauses in force at the fused place and time that the act breaks.
  Report at;
  at.category = inc.category;
  at.observed = inc.time;
  at.location = {inc.lat, inc.lon, inc.uncertainty_m, ""};
  at.weapon_class = inc.weapon_class;
  std::string what = std::string(CategoryName(inc.category));
  for (auto& c : what) c = c == '_' ? ' ' : c;
  if (!inc.weapon_class.empty()) what += " (" + inc.weapon_class + ")";
  for (const Clause* clause : ClausesBroken(mission, tagger, std::move(at))) {
    const std::string& id = clause->id;
    if (!Binds(*clause, mission, d.responsible)) {
      d.reasons.push_back(id + " (" + std::string(ClauseKindName(clause->kind)) + ") does not bind " + d.responsible +
                          ".");
      continue;
    }
    d.clauses.push_back({id, clause->kind});
    std::string where = clause->zones.empty() ? "in the mission area" : "in " + clause->zones[0];
    d.reasons.push_back(id + " (" + std::string(ClauseKindName(clause->kind)) + ", in force since " +
                        FormatRfc3339(clause->in_force_from).substr(0, 10) + "): " + what + " " + where + ".");
  }
  bool lone_claim =
      inc.corroboration == fusion::Corroboration::kSingleSource &&
      std::all_of(members.begin(), members.end(), [](const fusion::Member& m) { return fusion::IsClaim(m.kind); });
  if (lone_claim && !d.clauses.empty()) {
    d.alleged = std::move(d.clauses);
    d.clauses.clear();
    d.reasons.push_back("Only one " +
                        std::string(members[0].kind == SourceKind::kParty ? "party's claim" : "news report") +
                        " says so: alleged, not found, until another source bears it out.");
  } else if (d.clauses.empty())
    d.reasons.push_back("No clause in force at its time and place forbids " + what + ".");
  d.reasons.push_back(d.attribution.why);
  if (inc.contested) {
    for (const std::string& w : inc.contested_why) d.reasons.push_back("Contested: " + w + ".");
  }
  bool sure_who =
      d.responsible.empty() ? d.clauses.empty() || d.attribution.method == "none" : d.attribution.probability >= 0.9;
  if (inc.corroboration >= fusion::Corroboration::kTechnical && sure_who && !inc.contested) {
    d.confidence = "high";
  } else if (inc.corroboration >= fusion::Corroboration::kCorroborated) {
    d.confidence = "medium";
  } else {
    d.confidence = "low";
  }
  d.reasons.push_back("Established: " + std::string(fusion::CorroborationName(inc.corroboration)) + ", " +
                      std::to_string(inc.sources) + (inc.sources == 1 ? " source." : " independent sources."));
  return d;
}

}  // namespace truce::adjudicate
