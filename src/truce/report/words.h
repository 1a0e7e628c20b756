// The words a report uses for the center's terms: categories, how an
// incident is established, how responsibility was found, the review.
// One place, so the HTML, Markdown and JSON reports say the same.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "truce/core/report.h"
#include "truce/fusion/fusion.h"

namespace truce::report {

// "Shelling", "Small-arms fire" (a table's row).
std::string CategoryLabel(Category c);
// "shelling was recorded", "a patrol was obstructed" (a sentence's part).
std::string CategoryPhrase(Category c);
// How serious a kind of incident is, for ordering notable incidents.
int CategorySeverity(Category c);
std::string_view CorroborationPhrase(fusion::Corroboration c);
// "by the radar-located firing point", "by the fire's sector over the control areas", ...
std::string AttributionPhrase(std::string_view method);
// "2 killed and 3 injured", "1 injured".
std::string CasualtyPhrase(int killed, int injured);
// A review state as the report counts it: "final", "awaiting review", ...
std::string StateWords(std::string_view state);
// "The determination is final: cosigned by RU and TR", ...
std::string ReviewPhrase(std::string_view state, const std::vector<std::string>& cosigned_by);
// "a", "a and b", "a, b and c".
std::string JoinWords(const std::vector<std::string>& words);

}  // namespace truce::report
