// PDF and PNG through Debian's headless Chromium (package chromium): the
// HTML report printed to A4 as a browser prints it, and the report's SVG
// drawings rasterised for the Markdown report. Chromium runs as a child
// process with its own empty profile in a temporary folder, which is
// removed after; it is given 120 s.
//
// Chromium stamps a PDF with the time it printed it; the stamp is
// replaced by `as_of_ms` (the register's newest entry the report used), so
// that the same report prints to the same bytes.
#pragma once

#include <cstdint>
#include <string>

#include "truce/core/status.h"

namespace truce::report {

// The browser to run: $TRUCE_CHROMIUM, else `chromium` on the PATH.
std::string ChromiumProgram();

Result<std::string> PrintPdf(const std::string& html, int64_t as_of_ms);
// An SVG document (with width and height attributes) as a PNG of that size.
Result<std::string> RasteriseSvg(const std::string& svg);

// The PDF's /CreationDate and /ModDate set to `utc_ms`, in place (the same
// length, so the cross-reference offsets stay right).
void StampPdfDates(std::string& pdf, int64_t utc_ms);

}  // namespace truce::report
