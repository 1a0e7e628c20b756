#include "truce/server/compression.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace truce::server {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Whether a header names this one already (names are compared without case).
bool HasHeader(const HttpResponse& res, std::string_view lower_name) {
  return std::any_of(res.headers.begin(), res.headers.end(),
                     [&](const auto& h) { return Lower(h.first) == lower_name; });
}

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  // Bounded like every header; a longer one is not worth reading.
  if (accept_encoding.size() > 1024) return false;
  const std::string value = Lower(accept_encoding);
  std::string_view rest = value;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    size_t semi = item.find(';');
    std::string_view coding = Trim(item.substr(0, semi));
    if (coding != "gzip" && coding != "x-gzip" && coding != "*") continue;
    if (semi == std::string_view::npos) return true;
    // q=0 (or 0.0, 0.00, 0.000) refuses it; any other weight takes it.
    std::string_view q = Trim(item.substr(semi + 1));
    if (q.substr(0, 2) != "q=") return true;
    q.remove_prefix(2);
    if (q.find_first_not_of("0.") != std::string_view::npos || q.empty() || q[0] != '0') return true;
  }
  return false;
}

bool CompressibleType(std::string_view content_type) {
  const std::string type = Lower(Trim(content_type.substr(0, content_type.find(';'))));
  if (type.rfind("text/", 0) == 0) return true;
  for (std::string_view t : {"application/json", "application/geo+json", "application/javascript",
                             "application/x-ndjson", "image/svg+xml"}) {
    if (type == t) return true;
  }
  return false;
}

Result<std::string> Gzip(std::string_view bytes) {
  z_stream z{};
  // 15 + 16: the largest window, with a gzip header and trailer.
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal("zlib could not start a gzip stream");
  }
  std::string out(deflateBound(&z, uLong(bytes.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = uInt(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = uInt(out.size());
  // deflateBound leaves room for the whole answer: one call finishes it.
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return Status::Internal("zlib could not compress the answer");
  return out;
}

void MaybeCompress(const HttpRequest& req, HttpResponse& res) {
  if (res.stream || !CompressibleType(res.content_type) || HasHeader(res, "content-encoding")) return;
  // Small bodies were never compressed for anyone: their answer does not vary.
  if (res.body.size() < kMinCompressedBody) return;
  res.headers.emplace_back("Vary", "Accept-Encoding");
  // zlib takes lengths as 32-bit counts; bodies are far below that.
  if (!AcceptsGzip(req.Header("accept-encoding")) || res.body.size() > (size_t(1) << 31)) return;
  auto gz = Gzip(res.body);
  if (!gz.ok() || gz->size() >= res.body.size()) return;  // the plain body it is, then
  res.body = std::move(*gz);
  res.headers.emplace_back("Content-Encoding", "gzip");
}

}  // namespace truce::server
