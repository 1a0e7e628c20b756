// RFC 8785 JSON Canonicalization Scheme (JCS): the one byte string of a
// JSON value that every party computes alike, so a signature over it
// means the same thing to all. The register's entries are signed in it.
//
// Numbers are written as ECMAScript's Number.prototype.toString writes
// doubles (RFC 8785 §3.2.2.3); strings with only the escapes JSON needs
// (§3.2.2.2); object members sorted by the UTF-16 code units of their
// names (§3.2.3). NaN and infinities cannot be canonicalized.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "truce/core/status.h"

namespace truce {

// Refuses a value nested deeper than kMaxJsonNesting (json_nesting.h): the
// writer recurses once a level, and no value truce signs comes near it.
Result<std::string> CanonicalJson(const nlohmann::json& value);

// The ECMAScript form of a finite double: 0.002, 1e+30, 333333333.3333333.
std::string EcmaScriptNumber(double v);

}  // namespace truce
