#include "truce/report/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

#include "truce/geo/geodesic.h"

namespace truce::report {
namespace {

constexpr double kMapWidth = 760;
constexpr double kMargin = 12;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s == "-0.0") s = "0.0";
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

class Projection {
 public:
  explicit Projection(const geo::BoundingBox& b) : box_(b) {
    const double mid = (b.south + b.north) / 2 * M_PI / 180;
    kx_ = std::cos(mid);
    const double w = std::max((b.east - b.west) * kx_, 1e-6), h = std::max(b.north - b.south, 1e-6);
    scale_ = (kMapWidth - 2 * kMargin) / w;
    height_ = std::min(h * scale_ + 2 * kMargin, kMapWidth);
    if (h * scale_ + 2 * kMargin > kMapWidth) scale_ = (kMapWidth - 2 * kMargin) / h;
  }
  double X(double lon) const { return kMargin + (lon - box_.west) * kx_ * scale_; }
  double Y(double lat) const { return kMargin + (box_.north - lat) * scale_; }
  double height() const { return height_; }
  double PixelsPerKm(double lat) const {
    const double degrees_a_km = 0.1 / (geo::DistanceM({lat, box_.west}, {lat + 0.1, box_.west}) / 1000);
    return degrees_a_km * scale_;
  }
  std::string Path(const geo::Line& line, bool close) const {
    std::string d;
    for (size_t i = 0; i < line.size(); ++i) {
      d += (i == 0 ? "M" : "L") + Num(X(line[i].lon)) + " " + Num(Y(line[i].lat));
    }
    if (close) d += "Z";
    return d;
  }

 private:
  geo::BoundingBox box_;
  double kx_ = 1, scale_ = 1, height_ = 0;
};

void Extend(geo::BoundingBox& b, bool& any, geo::LatLng p) {
  if (!any) {
    b = {p.lat, p.lon, p.lat, p.lon};
    any = true;
    return;
  }
  b.south = std::min(b.south, p.lat), b.north = std::max(b.north, p.lat);
  b.west = std::min(b.west, p.lon), b.east = std::max(b.east, p.lon);
}

// The area drawn: the mission's areas and lines, and the period's incidents.
geo::BoundingBox AreaOf(const DailyReport& r) {
  geo::BoundingBox b;
  bool any = false;
  for (const geo::Zone& z : r.inputs->mission->zones) {
    if (z.kind == geo::ZoneKind::kBuffer) continue;
    for (const geo::Polygon& p : z.polygons) {
      for (const geo::LatLng& v : p.rings[0]) Extend(b, any, v);
    }
    for (const geo::Line& l : z.lines) {
      for (const geo::LatLng& v : l) Extend(b, any, v);
    }
  }
  for (const IncidentFacts* f : r.in_period) Extend(b, any, {f->finding.incident.lat, f->finding.incident.lon});
  if (!any) b = {-1, -1, 1, 1};
  const double pad = 0.02 * std::max(b.north - b.south, b.east - b.west) + 0.005;
  return {b.south - pad, b.west - pad, b.north + pad, b.east + pad};
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string PartyColour(const Mission& mission, const std::string& party) {
  static constexpr const char* kColours[] = {"#1f5fa8", "#c0392b", "#2e8b57", "#7d3c98", "#d35400", "#8d6e63"};
  for (size_t i = 0; i < mission.parties.size(); ++i) {
    if (mission.parties[i].id == party) return kColours[i % std::size(kColours)];
  }
  return "#555555";
}

std::string MapSvg(const DailyReport& r) {
  const Mission& m = *r.inputs->mission;
  const Projection proj(AreaOf(r));
  const double height = proj.height();
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Num(kMapWidth) + " " + Num(height) +
                  "\" width=\"" + Num(kMapWidth) + "\" height=\"" + Num(height) +
                  "\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\" role=\"img\" aria-label=\"Map of the "
                  "period's incidents\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"#f7f5ef\"/>\n";
  using geo::ZoneKind;
  // Areas first, lines over them, places and incidents on top.
  for (const geo::Zone& z : m.zones) {
    if (z.polygons.empty() || z.kind == ZoneKind::kBuffer) continue;
    std::string d;
    for (const geo::Polygon& p : z.polygons) {
      for (const geo::Ring& ring : p.rings) d += proj.Path(ring, true);
    }
    const bool control = z.kind == ZoneKind::kControlArea;
    const std::string colour = control ? PartyColour(m, z.party) : "#6b6b6b";
    s += "<path d=\"" + d + "\" fill=\"" + (control ? colour : "none") +
         "\" fill-opacity=\"0.10\" fill-rule=\"evenodd\" stroke=\"" + colour + "\" stroke-width=\"" +
         (control ? "0.6" : "1.4") + "\"><title>" + XmlEscape(z.name) + "</title></path>\n";
  }
  for (const geo::Zone& z : m.zones) {
    if (z.lines.empty()) continue;
    std::string style;
    if (z.kind == ZoneKind::kSecurityCorridor && z.half_width_m > 0) {
      const double width = 2 * z.half_width_m / 1000 * proj.PixelsPerKm(z.lines[0][0].lat);
      style = "stroke=\"#e0b000\" stroke-opacity=\"0.25\" stroke-width=\"" + Num(width) + "\" stroke-linecap=\"round\"";
    } else if (z.kind == ZoneKind::kContactLine) {
      style = "stroke=\"#b03030\" stroke-width=\"1.6\" stroke-dasharray=\"6 3\"";
    } else if (z.kind == ZoneKind::kWithdrawalLine) {
      style = "stroke=\"#777777\" stroke-width=\"1\" stroke-dasharray=\"2 3\"";
    } else if (z.kind == ZoneKind::kPatrolRoute) {
      style = "stroke=\"#333333\" stroke-width=\"1.4\"";
    } else {
      style = "stroke=\"#999999\" stroke-width=\"1\"";
    }
    std::string d;
    for (const geo::Line& l : z.lines) d += proj.Path(l, false);
    s += "<path d=\"" + d + "\" fill=\"none\" " + style + "><title>" + XmlEscape(z.name) + "</title></path>\n";
  }
  for (const geo::Place& p : m.gazetteer.places()) {
    if (p.kind != "city" && p.kind != "town") continue;
    const double x = proj.X(p.position.lon), y = proj.Y(p.position.lat);
    s += "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"" + (p.kind == "city" ? "3" : "2") +
         "\" fill=\"#222222\"/><text x=\"" + Num(x + 4) + "\" y=\"" + Num(y - 3) + "\" fill=\"#222222\"" +
         (p.kind == "city" ? " font-weight=\"bold\"" : "") + ">" + XmlEscape(p.name) + "</text>\n";
  }
  std::map<const IncidentFacts*, size_t> numbers;
  for (size_t i = 0; i < r.notable.size(); ++i) numbers[r.notable[i].facts] = i + 1;
  for (const IncidentFacts* f : r.in_period) {
    const auto& inc = f->finding.incident;
    const auto& d = f->finding.determination;
    const double x = proj.X(inc.lon), y = proj.Y(inc.lat);
    const std::string colour = PartyColour(m, d.responsible);
    const bool broken = !d.clauses.empty();
    s += "<circle cx=\"" + Num(x) + "\" cy=\"" + Num(y) + "\" r=\"5\" fill=\"" + (broken ? colour : "#ffffff") +
         "\" stroke=\"" + colour + "\" stroke-width=\"1.5\"><title>" + XmlEscape(inc.id) + "</title></circle>\n";
    if (auto it = numbers.find(f); it != numbers.end()) {
      s += "<text x=\"" + Num(x + 6) + "\" y=\"" + Num(y + 4) + "\" font-weight=\"bold\" fill=\"#000000\">" +
           std::to_string(it->second) + "</text>\n";
    }
  }
  // The scale bar, bottom left.
  const double km10 = 10 * proj.PixelsPerKm((AreaOf(r).south + AreaOf(r).north) / 2);
  const double by = height - 10;
  s += "<path d=\"M12 " + Num(by) + "H" + Num(12 + km10) + "\" stroke=\"#000000\" stroke-width=\"2\"/><text x=\"" +
       Num(12 + km10 + 4) + "\" y=\"" + Num(by + 4) + "\">10 km</text>\n";
  // The legend, top right: each party's colour.
  double ly = 18;
  for (const Party& p : m.parties) {
    if (p.role != PartyRole::kConflict) continue;
    s += "<circle cx=\"" + Num(kMapWidth - 150) + "\" cy=\"" + Num(ly - 4) + "\" r=\"5\" fill=\"" +
         PartyColour(m, p.id) + "\"/><text x=\"" + Num(kMapWidth - 140) + "\" y=\"" + Num(ly) + "\">" +
         XmlEscape(p.id) + "</text>\n";
    ly += 15;
  }
  s += "<circle cx=\"" + Num(kMapWidth - 150) + "\" cy=\"" + Num(ly - 4) + "\" r=\"5\" fill=\"#555555\"/><text x=\"" +
       Num(kMapWidth - 140) + "\" y=\"" + Num(ly) + "\">not established</text>\n";
  ly += 15;
  s += "<circle cx=\"" + Num(kMapWidth - 150) + "\" cy=\"" + Num(ly - 4) +
       "\" r=\"5\" fill=\"#ffffff\" stroke=\"#555555\" stroke-width=\"1.5\"/><text x=\"" + Num(kMapWidth - 140) +
       "\" y=\"" + Num(ly) + "\">no clause broken</text>\n";
  s += "</svg>\n";
  return s;
}

std::string TrendSvg(const DailyReport& r) {
  constexpr double kW = 760, kH = 220, kLeft = 40, kRight = 10, kTop = 24, kBottom = 30;
  int64_t top = 1;
  for (const TrendDay& d : r.trend) top = std::max(top, d.explosions + d.other_fire + d.other);
  // Gridlines at 1, 2 or 5 times a power of ten, about five of them.
  const double raw = std::max(1.0, double(top) / 5), power = std::pow(10, std::floor(std::log10(raw)));
  double step = 10 * power;
  for (double k : {1.0, 2.0, 5.0}) {
    if (k * power >= raw) {
      step = k * power;
      break;
    }
  }
  const double axis_top = std::ceil(double(top) / step) * step;
  const double plot_w = kW - kLeft - kRight, plot_h = kH - kTop - kBottom;
  const double bar = plot_w / double(std::max<size_t>(r.trend.size(), 1));
  auto y_of = [&](double v) { return kTop + plot_h - v / axis_top * plot_h; };
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + Num(kW) + " " + Num(kH) + "\" width=\"" +
                  Num(kW) + "\" height=\"" + Num(kH) +
                  "\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"10\" role=\"img\" aria-label=\"Violations a "
                  "day over the last " +
                  std::to_string(kTrendDays) + " days\">\n";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  for (double v = 0; v <= axis_top + 1e-9; v += step) {
    const double y = y_of(v);
    s += "<path d=\"M" + Num(kLeft) + " " + Num(y) + "H" + Num(kW - kRight) + "\" stroke=\"#dddddd\"/><text x=\"" +
         Num(kLeft - 4) + "\" y=\"" + Num(y + 3) + "\" text-anchor=\"end\">" + Num(v) + "</text>\n";
  }
  std::string average_path;
  for (size_t i = 0; i < r.trend.size(); ++i) {
    const TrendDay& d = r.trend[i];
    const double x = kLeft + double(i) * bar + bar * 0.1, w = bar * 0.8;
    double base = 0;
    auto stack = [&](int64_t n, const char* colour, const char* what) {
      if (n == 0) return;
      const double y0 = y_of(base), y1 = y_of(base + double(n));
      s += "<rect x=\"" + Num(x) + "\" y=\"" + Num(y1) + "\" width=\"" + Num(w) + "\" height=\"" + Num(y0 - y1) +
           "\" fill=\"" + colour + "\"><title>" + FormatCivilDay(d.day) + ": " + std::to_string(n) + " " + what +
           "</title></rect>\n";
      base += double(n);
    };
    stack(d.explosions, "#8e1b1b", "explosions");
    stack(d.other_fire, "#e67e22", "other fire");
    stack(d.other, "#9e9e9e", "other violations");
    // The 7-day average of ceasefire violations, over the days the chart has.
    const size_t from = i >= 6 ? i - 6 : 0;
    double sum = 0;
    for (size_t k = from; k <= i; ++k) sum += double(r.trend[k].explosions + r.trend[k].other_fire);
    const double avg = sum / double(i - from + 1);
    average_path += (i == 0 ? "M" : "L") + Num(x + w / 2) + " " + Num(y_of(avg));
    if (i % 5 == (r.trend.size() - 1) % 5) {
      const bool last = i + 1 == r.trend.size();  // the newest day's label ends at the edge
      s += "<text x=\"" + Num(last ? x + w : x + w / 2) + "\" y=\"" + Num(kH - kBottom + 14) + "\" text-anchor=\"" +
           (last ? "end" : "middle") + "\">" + XmlEscape(ShortDay(d.day)) + "</text>\n";
    }
  }
  s += "<path d=\"" + average_path + "\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.5\"/>\n";
  s += "<rect x=\"" + Num(kLeft) + "\" y=\"6\" width=\"10\" height=\"10\" fill=\"#8e1b1b\"/><text x=\"" +
       Num(kLeft + 14) + "\" y=\"15\">explosions</text>";
  s += "<rect x=\"" + Num(kLeft + 90) + "\" y=\"6\" width=\"10\" height=\"10\" fill=\"#e67e22\"/><text x=\"" +
       Num(kLeft + 104) + "\" y=\"15\">other fire</text>";
  s += "<rect x=\"" + Num(kLeft + 180) + "\" y=\"6\" width=\"10\" height=\"10\" fill=\"#9e9e9e\"/><text x=\"" +
       Num(kLeft + 194) + "\" y=\"15\">other clauses broken</text>";
  s += "<path d=\"M" + Num(kLeft + 320) + " 11h14\" stroke=\"#1f5fa8\" stroke-width=\"1.5\"/><text x=\"" +
       Num(kLeft + 338) + "\" y=\"15\">7-day average of violations</text>\n";
  s += "</svg>\n";
  return s;
}

}  // namespace truce::report
