// GPX 1.0 and 1.1 (https://www.topografix.com/GPX/1/1/), read with expat as
// a stream: a large file is never held as a tree, and a document type (the
// door to entity expansion) is refused outright.
#include <expat.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>

#include "truce/core/time.h"
#include "truce/patrol/track_file.h"

namespace truce::patrol {
namespace {

constexpr int kMaxDepth = 32;
constexpr size_t kMaxText = 256;  // of one element's text that is kept

struct Reader {
  XML_Parser parser = nullptr;
  std::string vehicle;  // given by the caller: wins over the track's name
  TrackFile out;
  std::string failure;
  int depth = 0;
  bool saw_gpx = false;
  // The point being read, if inside one.
  bool in_point = false;
  size_t point_line = 0;
  std::string lat, lon, time, fix, hdop;
  std::string track_name;
  bool in_track = false;
  std::string text;  // the current leaf element's text
  std::string element;

  void Fail(std::string why) {
    if (failure.empty()) failure = std::move(why);
    XML_StopParser(parser, XML_FALSE);
  }
};

// The local name, whatever the namespace prefix ("gpx:trkpt" → "trkpt").
std::string_view Local(const char* name) {
  std::string_view n(name);
  const size_t colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

bool Coordinate(const std::string& s, double limit, double* out) {
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && p == end && std::isfinite(*out) && std::abs(*out) <= limit;
}

void Start(void* data, const char* name, const char** attrs) {
  auto* r = static_cast<Reader*>(data);
  if (++r->depth > kMaxDepth) return r->Fail("elements nested deeper than " + std::to_string(kMaxDepth));
  const std::string_view local = Local(name);
  if (r->depth == 1) {
    if (local != "gpx")
      return r->Fail("not a GPX file: the root element is <" + std::string(local.substr(0, 40)) + ">");
    r->saw_gpx = true;
  }
  r->text.clear();
  r->element = std::string(local);
  if (local == "trk" || local == "rte") {
    r->in_track = true;
    r->track_name.clear();
  } else if (local == "trkpt" || local == "rtept") {
    r->in_point = true;
    r->point_line = XML_GetCurrentLineNumber(r->parser);
    r->lat.clear(), r->lon.clear(), r->time.clear(), r->fix.clear(), r->hdop.clear();
    for (size_t i = 0; attrs[i]; i += 2) {
      if (std::strcmp(attrs[i], "lat") == 0) r->lat = attrs[i + 1];
      if (std::strcmp(attrs[i], "lon") == 0) r->lon = attrs[i + 1];
    }
  }
}

void Text(void* data, const char* s, int len) {
  auto* r = static_cast<Reader*>(data);
  if (r->text.size() < kMaxText) r->text.append(s, std::min<size_t>(size_t(len), kMaxText - r->text.size()));
}

void End(void* data, const char* name) {
  auto* r = static_cast<Reader*>(data);
  --r->depth;
  const std::string_view local = Local(name);
  if (r->in_point) {
    if (local == "time") r->time = r->text;
    if (local == "fix") r->fix = r->text;
    if (local == "hdop") r->hdop = r->text;
  } else if (r->in_track && local == "name") {
    r->track_name = r->text;
  }
  r->text.clear();
  if (local == "trk" || local == "rte") r->in_track = false;
  if (local != "trkpt" && local != "rtept") return;
  r->in_point = false;
  auto skip = [&](std::string why) { r->out.skipped.push_back({r->point_line, std::string(local), std::move(why)}); };
  Fix f;
  if (!Coordinate(r->lat, 90, &f.at.lat) || !Coordinate(r->lon, 180, &f.at.lon)) {
    return skip("lat '" + r->lat.substr(0, 24) + "', lon '" + r->lon.substr(0, 24) +
                "' is not a position (decimal degrees, latitude -90..90, longitude -180..180)");
  }
  if (r->time.empty()) return skip("no <time>: a point without a time cannot be placed in the patrol");
  auto t = ParseRfc3339(r->time);
  if (!t.ok()) return skip("<time>: " + t.status().message());
  f.t_ms = t->utc_ms;
  f.vehicle = r->vehicle.empty() ? r->track_name : r->vehicle;
  f.quality = r->fix == "none" ? 0 : r->fix == "dgps" || r->fix == "pps" ? 2 : 1;
  if (!r->hdop.empty()) Coordinate(r->hdop, 1e6, &f.hdop);
  r->out.fixes.push_back(std::move(f));
}

void Doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<Reader*>(data)->Fail("a document type declaration is not allowed in GPX");
}

void Entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*, const XML_Char*,
            const XML_Char*) {
  static_cast<Reader*>(data)->Fail("entity declarations are not allowed in GPX");
}

}  // namespace

Result<TrackFile> ParseGpx(std::string_view text, const std::string& vehicle) {
  if (text.size() > kMaxTrackFileBytes) {
    return Status::Invalid("the GPX file is " + std::to_string(text.size() >> 20) + " MiB; at most " +
                           std::to_string(kMaxTrackFileBytes >> 20) + " MiB is read: split it");
  }
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreate("UTF-8"), XML_ParserFree);
  if (!parser) return Status::Internal("could not start the XML reader");
  Reader r;
  r.parser = parser.get();
  r.vehicle = vehicle;
  XML_SetUserData(r.parser, &r);
  XML_SetElementHandler(r.parser, Start, End);
  XML_SetCharacterDataHandler(r.parser, Text);
  XML_SetStartDoctypeDeclHandler(r.parser, Doctype);
  XML_SetEntityDeclHandler(r.parser, Entity);
  // Fed in pieces: XML_Parse takes an int length.
  constexpr size_t kPiece = 1 << 20;
  for (size_t pos = 0;;) {
    const size_t n = std::min(kPiece, text.size() - pos);
    const bool last = pos + n == text.size();
    if (XML_Parse(r.parser, text.data() + pos, int(n), last) == XML_STATUS_ERROR) {
      const std::string where = "GPX line " + std::to_string(XML_GetCurrentLineNumber(r.parser)) + ", column " +
                                std::to_string(XML_GetCurrentColumnNumber(r.parser) + 1) + ": ";
      if (!r.failure.empty()) return Status::Invalid(where + r.failure);
      return Status::Invalid(where + "broken XML: " + XML_ErrorString(XML_GetErrorCode(r.parser)));
    }
    pos += n;
    if (last) break;
  }
  if (!r.saw_gpx) return Status::Invalid("not a GPX file: it is empty");
  return std::move(r.out);
}

}  // namespace truce::patrol
