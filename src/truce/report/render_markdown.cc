#include <cstdio>

#include "truce/report/render.h"
#include "truce/report/words.h"

namespace truce::report {
namespace {

// Markdown's table and emphasis characters written as text.
std::string M(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string Change(const Count& c) {
  const int64_t d = c.now - c.previous;
  if (d == 0) return "±0";
  return (d > 0 ? "+" : "−") + std::to_string(d > 0 ? d : -d);
}

std::string Avg(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string Row(const std::string& label, const Count& c, const std::string& extra = "") {
  return "| " + label + " | " + std::to_string(c.now) + " | " + std::to_string(c.previous) + " | " + Change(c) + " | " +
         Avg(c.average) + " |" + extra + "\n";
}

std::string RowsTable(const std::string& caption, const std::string& key, const std::vector<CountRow>& rows) {
  std::string s = "**" + caption + "**\n\n| " + key +
                  " | violations | previous | change | 7-period average | of them explosions |\n"
                  "|:--|--:|--:|--:|--:|--:|\n";
  for (const CountRow& r : rows) s += Row(M(r.label), r.violations, " " + std::to_string(r.explosions.now) + " |");
  if (rows.empty()) s += "| none | | | | | |\n";
  return s + "\n";
}

std::string Items(const std::vector<IncidentItem>& items, const char* none) {
  if (items.empty()) return std::string("*") + none + "*\n\n";
  std::string s;
  for (const IncidentItem& item : items) s += M(item.paragraph) + "\n\n";
  return s;
}

}  // namespace

std::string RenderMarkdown(const DailyReport& r, const std::string& map_image, const std::string& trend_image) {
  const DailyInputs& in = *r.inputs;
  std::string s = "# " + M(r.title) + "\n\n";
  s += M(in.mission->agreement.title) + ". " + M(r.cutoff) + " " + M(r.covers) + "\n\n";
  s += "## " + std::string(kSections[0]) + "\n\n" + M(r.summary) + "\n\n";

  s += "## " + std::string(kSections[1]) + "\n\n";
  s += "| | this period | previous | change | 7-period average |\n|:--|--:|--:|--:|--:|\n";
  s += Row("All ceasefire violations", r.violations) + Row("Explosions", r.explosions) +
       Row("Other fire", r.other_fire) + Row("Claims not borne out (not counted)", r.alleged) + "\n";
  s += RowsTable("By zone (an incident may lie in more than one)", "zone", r.by_zone);
  s += RowsTable("By the party held responsible", "party", r.by_party);
  s += RowsTable("By category", "category", r.by_category);
  std::vector<std::string> states;
  for (const char* st : {"final", "disputed", "unverifiable", "proposed", "awaiting"}) {
    auto it = r.by_state.find(st);
    states.push_back(std::to_string(it == r.by_state.end() ? 0 : it->second) + " " + StateWords(st));
  }
  s += "Where the review stands: " + JoinWords(states) + ".\n\n";

  s += "## " + std::string(kSections[2]) + "\n\n" +
       Items(r.withdrawal, "No weapons were recorded in violation of the withdrawal lines.");
  s += "## " + std::string(kSections[3]) + "\n\n" +
       Items(r.corridor, "No armed presence was recorded in the security corridor.");
  s += "## " + std::string(kSections[4]) + "\n\n";
  if (r.notable.empty()) s += "*No incidents were recorded in the period.*\n\n";
  for (size_t i = 0; i < r.notable.size(); ++i) s += std::to_string(i + 1) + ". " + M(r.notable[i].paragraph) + "\n";
  if (!r.notable.empty()) s += "\n";
  s += "## " + std::string(kSections[5]) + "\n\n";
  if (r.civilian.empty()) {
    s += "*No civilian casualties or damage to civilian objects were recorded.*\n\n";
  } else {
    s += M(CasualtyPhrase(r.killed, r.injured)) + " among civilians, in " + std::to_string(r.civilian.size()) +
         (r.civilian.size() == 1 ? " incident" : " incidents") + ".\n\n" + Items(r.civilian, "");
  }
  s += "## " + std::string(kSections[6]) + "\n\n" +
       Items(r.movement, "No restrictions of the center's freedom of movement were recorded.");
  s += "## " + std::string(kSections[7]) + "\n\n" + M(r.patrol_summary) + "\n\n";
  for (const PatrolItem& p : r.patrols) s += "- " + M(p.summary) + "\n";
  if (!r.patrols.empty()) s += "\n";
  s += "## " + std::string(kSections[8]) + "\n\n![Map of the period's incidents](" + map_image + ")\n\n";
  s += "## " + std::string(kSections[9]) + "\n\n![Violations a day over the last 30 days](" + trend_image + ")\n\n";
  s += "## " + std::string(kSections[10]) + "\n\nThis report rests on the first " +
       std::to_string(in.register_point.size) + " entries of the register, whose Merkle root is `" +
       in.register_point.root + "`. The center's signed checkpoint of them:\n\n```\n" + in.register_point.checkpoint +
       (in.register_point.checkpoint.ends_with("\n") ? "" : "\n") + "```\n";
  return s;
}

}  // namespace truce::report
