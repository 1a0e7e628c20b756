#include <cmath>
#include <cstdio>

#include "truce/report/render.h"
#include "truce/report/svg.h"
#include "truce/report/words.h"

namespace truce::report {
namespace {

std::string E(std::string_view s) { return XmlEscape(s); }

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

std::string CountCells(const Count& c) {
  return "<td>" + std::to_string(c.now) + "</td><td>" + std::to_string(c.previous) + "</td><td>" + Change(c) +
         "</td><td>" + Avg(c.average) + "</td>";
}

std::string RowsTable(const char* caption, const char* key_header, const std::vector<CountRow>& rows) {
  std::string s = "<table><caption>" + std::string(caption) + "</caption><thead><tr><th>" + key_header +
                  "</th><th>violations</th><th>previous</th><th>change</th><th>7-period average</th>"
                  "<th>of them explosions</th></tr></thead><tbody>";
  for (const CountRow& r : rows) {
    s += "<tr><th scope=\"row\">" + E(r.label) + "</th>" + CountCells(r.violations) + "<td>" +
         std::to_string(r.explosions.now) + "</td></tr>";
  }
  if (rows.empty()) s += "<tr><td colspan=\"6\">none</td></tr>";
  return s + "</tbody></table>\n";
}

std::string Items(const std::vector<IncidentItem>& items, const char* none) {
  if (items.empty()) return "<p class=\"none\">" + std::string(none) + "</p>\n";
  std::string s;
  for (const IncidentItem& item : items) s += "<p>" + E(item.paragraph) + "</p>\n";
  return s;
}

constexpr const char* kStyle = R"css(
body{font-family:"DejaVu Serif",Georgia,serif;max-width:800px;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;border-bottom:1px solid #999;margin-top:1.6em}
.meta{color:#444;font-size:.95em}.none{color:#555;font-style:italic}
table{border-collapse:collapse;margin:.8em 0;font-family:"DejaVu Sans",sans-serif;font-size:.85em}
caption{text-align:left;font-weight:bold;padding:.2em 0}
th,td{border:1px solid #bbb;padding:.2em .5em;text-align:right}th[scope=row],thead th:first-child{text-align:left}
ol.notable li{margin-bottom:.6em}pre{white-space:pre-wrap;word-break:break-all;font-size:.8em;background:#f4f4f4;padding:.6em}
figure{margin:1em 0}svg{max-width:100%;height:auto}
@page{size:A4;margin:16mm}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}figure,table{break-inside:avoid}}
)css";

}  // namespace

std::string RenderHtml(const DailyReport& r) {
  const DailyInputs& in = *r.inputs;
  std::string s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + E(r.title) +
                  "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  s += "<h1>" + E(r.title) + "</h1>\n";
  s += "<p class=\"meta\">" + E(in.mission->agreement.title) + ". " + E(r.cutoff) + " " + E(r.covers) + "</p>\n";

  s += "<h2>" + std::string(kSections[0]) + "</h2>\n<p>" + E(r.summary) + "</p>\n";

  s += "<h2>" + std::string(kSections[1]) + "</h2>\n";
  s += "<table><caption>Ceasefire violations in the period</caption><thead><tr><th></th><th>this period</th>"
       "<th>previous</th><th>change</th><th>7-period average</th></tr></thead><tbody>";
  s += "<tr><th scope=\"row\">All ceasefire violations</th>" + CountCells(r.violations) + "</tr>";
  s += "<tr><th scope=\"row\">Explosions</th>" + CountCells(r.explosions) + "</tr>";
  s += "<tr><th scope=\"row\">Other fire</th>" + CountCells(r.other_fire) + "</tr>";
  s += "<tr><th scope=\"row\">Claims not borne out (not counted)</th>" + CountCells(r.alleged) + "</tr>";
  s += "</tbody></table>\n";
  s += RowsTable("By zone (an incident may lie in more than one)", "zone", r.by_zone);
  s += RowsTable("By the party held responsible", "party", r.by_party);
  s += RowsTable("By category", "category", r.by_category);
  s += "<p>Where the review stands:";
  bool any = false;
  for (const char* st : {"final", "disputed", "unverifiable", "proposed", "awaiting"}) {
    auto it = r.by_state.find(st);
    const int64_t n = it == r.by_state.end() ? 0 : it->second;
    s += std::string(any ? ";" : "") + " " + std::to_string(n) + " " + StateWords(st);
    any = true;
  }
  s += ".</p>\n";

  s += "<h2>" + std::string(kSections[2]) + "</h2>\n" +
       Items(r.withdrawal, "No weapons were recorded in violation of the withdrawal lines.");
  s += "<h2>" + std::string(kSections[3]) + "</h2>\n" +
       Items(r.corridor, "No armed presence was recorded in the security corridor.");

  s += "<h2>" + std::string(kSections[4]) + "</h2>\n";
  if (r.notable.empty()) {
    s += "<p class=\"none\">No incidents were recorded in the period.</p>\n";
  } else {
    s += "<ol class=\"notable\">\n";
    for (const IncidentItem& item : r.notable) s += "<li>" + E(item.paragraph) + "</li>\n";
    s += "</ol>\n";
  }

  s += "<h2>" + std::string(kSections[5]) + "</h2>\n";
  if (r.civilian.empty()) {
    s += "<p class=\"none\">No civilian casualties or damage to civilian objects were recorded.</p>\n";
  } else {
    s += "<p>" + E(CasualtyPhrase(r.killed, r.injured)) + " among civilians, in " + std::to_string(r.civilian.size()) +
         (r.civilian.size() == 1 ? " incident" : " incidents") + ".</p>\n" + Items(r.civilian, "");
  }

  s += "<h2>" + std::string(kSections[6]) + "</h2>\n" +
       Items(r.movement, "No restrictions of the center's freedom of movement were recorded.");

  s += "<h2>" + std::string(kSections[7]) + "</h2>\n<p>" + E(r.patrol_summary) + "</p>\n";
  if (!r.patrols.empty()) {
    s += "<ul>\n";
    for (const PatrolItem& p : r.patrols) s += "<li>" + E(p.summary) + "</li>\n";
    s += "</ul>\n";
  }

  s += "<h2>" + std::string(kSections[8]) + "</h2>\n<figure>\n" + MapSvg(r) +
       "<figcaption>Incidents of the period, coloured by the party held responsible; numbers are the notable "
       "incidents above.</figcaption>\n</figure>\n";
  s += "<h2>" + std::string(kSections[9]) + "</h2>\n<figure>\n" + TrendSvg(r) + "</figure>\n";

  s += "<h2>" + std::string(kSections[10]) + "</h2>\n";
  s += "<p>This report rests on the first " + std::to_string(in.register_point.size) +
       " entries of the register, whose Merkle root is <code>" + E(in.register_point.root) +
       "</code>. The center signed this checkpoint of them; a later checkpoint with a consistency proof "
       "(<code>truce verify</code>) shows the register has only grown since, so what this report was based on "
       "cannot have been changed.</p>\n<pre>" +
       E(in.register_point.checkpoint) + "</pre>\n";
  s += "</body>\n</html>\n";
  return s;
}

}  // namespace truce::report
