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
#include <string_view>
#include <utility>
#include <vector>

#include "truce/core/status.h"

namespace truce {

// Refuses a value nested deeper than kMaxJsonNesting (json_nesting.h): the
// writer recurses once a level, and no value truce signs comes near it.
Result<std::string> CanonicalJson(const nlohmann::json& value);

// The ECMAScript form of a finite double: 0.002, 1e+30, 333333333.3333333.
std::string EcmaScriptNumber(double v);

// A JSON string in canonical form: quoted, with only the escapes JSON needs.
void AppendCanonicalString(std::string_view s, std::string* out);

// An object's canonical form written straight from values, for the hot
// paths (a million reports an ingest) that would otherwise build a
// nlohmann::json only to canonicalize it and throw it away. The bytes are
// those CanonicalJson gives for the same object. Member names must be
// ASCII, as truce's own are: their UTF-16 order is then their byte order.
class CanonicalObject {
 public:
  CanonicalObject& String(std::string_view name, std::string_view value);
  // REQUIRES: finite (validated values; NaN has no JSON form).
  CanonicalObject& Number(std::string_view name, double value);
  CanonicalObject& Numbers(std::string_view name, std::initializer_list<double> values);
  CanonicalObject& Strings(std::string_view name, const std::vector<std::string>& values);
  CanonicalObject& Object(std::string_view name, CanonicalObject value);
  std::string Finish() &&;

 private:
  std::vector<std::pair<std::string_view, std::string>> members_;  // name, canonical value
};

}  // namespace truce
