// Compressed answers: gzip (RFC 1952, zlib) for a client that takes it.
//
// The listener calls MaybeCompress on the worker that ran the handler, so
// the CPU is spent where handlers already spend theirs, never on an I/O
// thread. Only what gains from it is compressed: a body of at least 1 KiB,
// of a text-like type, not a stream, not already encoded (the static files
// keep their precompressed .gz and say so in Content-Encoding). Bodies are
// bounded by the handlers, and level 6 costs a few ms per MiB.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "truce/core/status.h"
#include "truce/server/http_message.h"

namespace truce::server {

inline constexpr size_t kMinCompressedBody = 1024;

// Whether the Accept-Encoding header's value takes gzip (RFC 9110 §12.5.3:
// "gzip", "x-gzip" or "*", without q=0).
bool AcceptsGzip(std::string_view accept_encoding);

// Whether a type is worth compressing: JSON, GeoJSON, JavaScript, CSS,
// HTML, SVG, and any text/*.
bool CompressibleType(std::string_view content_type);

// The bytes as a gzip member, at zlib's level 6.
Result<std::string> Gzip(std::string_view bytes);

// Compresses `res` for `req` when all of the above allow it, setting
// Content-Encoding; adds Vary: Accept-Encoding to every answer whose
// encoding depends on the request, so a cache keeps the two apart.
void MaybeCompress(const HttpRequest& req, HttpResponse& res);

}  // namespace truce::server
