#include "truce/report/words.h"

namespace truce::report {

std::string CategoryLabel(Category c) {
  switch (c) {
    case Category::kShelling:
      return "Shelling";
    case Category::kSmallArmsFire:
      return "Small-arms fire";
    case Category::kAirstrike:
      return "Air strikes";
    case Category::kDroneStrike:
      return "Drone strikes";
    case Category::kIed:
      return "Improvised explosive devices";
    case Category::kGroundAssault:
      return "Ground assaults";
    case Category::kHeavyWeaponPresent:
      return "Heavy weapons present";
    case Category::kPatrolObstructed:
      return "Patrols obstructed";
    case Category::kCivilianHarm:
      return "Harm to civilians";
    case Category::kFlight:
      return "Flights";
    case Category::kMovement:
      return "Troop movements";
    case Category::kOther:
      return "Other";
  }
  return "Other";
}

std::string CategoryPhrase(Category c) {
  switch (c) {
    case Category::kShelling:
      return "shelling was recorded";
    case Category::kSmallArmsFire:
      return "small-arms fire was recorded";
    case Category::kAirstrike:
      return "an air strike was recorded";
    case Category::kDroneStrike:
      return "a drone strike was recorded";
    case Category::kIed:
      return "an improvised explosive device went off";
    case Category::kGroundAssault:
      return "a ground assault was recorded";
    case Category::kHeavyWeaponPresent:
      return "heavy weapons were seen";
    case Category::kPatrolObstructed:
      return "a patrol was obstructed";
    case Category::kCivilianHarm:
      return "harm to civilians was recorded";
    case Category::kFlight:
      return "a flight was recorded";
    case Category::kMovement:
      return "a troop movement was recorded";
    case Category::kOther:
      return "an incident was recorded";
  }
  return "an incident was recorded";
}

int CategorySeverity(Category c) {
  switch (c) {
    case Category::kAirstrike:
      return 40;
    case Category::kShelling:
      return 35;
    case Category::kDroneStrike:
    case Category::kIed:
    case Category::kGroundAssault:
      return 30;
    case Category::kCivilianHarm:
      return 25;
    case Category::kHeavyWeaponPresent:
    case Category::kPatrolObstructed:
      return 20;
    case Category::kSmallArmsFire:
      return 15;
    case Category::kFlight:
    case Category::kMovement:
      return 10;
    case Category::kOther:
      return 5;
  }
  return 5;
}

std::string_view CorroborationPhrase(fusion::Corroboration c) {
  switch (c) {
    case fusion::Corroboration::kSingleSource:
      return "one source only";
    case fusion::Corroboration::kCorroborated:
      return "corroborated by independent sources";
    case fusion::Corroboration::kTechnical:
      return "confirmed by technical means";
    case fusion::Corroboration::kJointlyVerified:
      return "verified jointly by both parties' monitors";
  }
  return "one source only";
}

std::string AttributionPhrase(std::string_view method) {
  if (method == "radar") return "from the firing point located by radar";
  if (method == "sector") return "from the direction of fire over the areas each party holds";
  if (method == "ground") return "from who holds the ground where it happened";
  if (method == "claims") return "from the parties' claims";
  return "by " + std::string(method);
}

std::string CasualtyPhrase(int killed, int injured) {
  std::string out;
  if (killed > 0) out = std::to_string(killed) + " killed";
  if (injured > 0) out += (out.empty() ? "" : " and ") + std::to_string(injured) + " injured";
  return out.empty() ? "no casualties" : out;
}

std::string StateWords(std::string_view state) {
  if (state == "final") return "final";
  if (state == "disputed") return "disputed";
  if (state == "unverifiable") return "found unverifiable";
  if (state == "proposed") return "awaiting the parties' review";
  return "awaiting the center's proposal";
}

std::string ReviewPhrase(std::string_view state, const std::vector<std::string>& cosigned_by) {
  if (state == "final") return "The determination is final: cosigned by " + JoinWords(cosigned_by);
  if (state == "disputed") return "The determination is disputed";
  if (state == "unverifiable") return "The parties' leads found it unverifiable";
  if (state == "proposed") {
    if (cosigned_by.empty()) return "The determination awaits the parties' review";
    return "The determination awaits the parties' review (cosigned so far by " + JoinWords(cosigned_by) + ")";
  }
  return "No determination had been proposed yet";
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
    out += words[i];
  }
  return out;
}

}  // namespace truce::report
