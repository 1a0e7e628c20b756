#include "truce/core/canonical_json.h"

#include "truce/core/json_nesting.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace truce {
namespace {

// UTF-8 to UTF-16 code units, for ordering member names (§3.2.3).
std::u16string Utf16(const std::string& s) {
  std::u16string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    char32_t cp;
    int n;
    if (c < 0x80)
      cp = c, n = 1;
    else if ((c >> 5) == 6)
      cp = c & 0x1f, n = 2;
    else if ((c >> 4) == 14)
      cp = c & 0x0f, n = 3;
    else
      cp = c & 0x07, n = 4;
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3f);
    i += n;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += char16_t(0xD800 + (cp >> 10));
      out += char16_t(0xDC00 + (cp & 0x3ff));
    } else {
      out += char16_t(cp);
    }
  }
  return out;
}

void WriteString(std::string_view s, std::string* out) {
  *out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          *out += char(c);
        }
    }
  }
  *out += '"';
}

Status Write(const nlohmann::json& v, std::string* out, size_t depth) {
  if (depth > kMaxJsonNesting) {
    return Status::Invalid("the value nests arrays and objects more than " + std::to_string(kMaxJsonNesting) + " deep");
  }
  switch (v.type()) {
    case nlohmann::json::value_t::null:
      *out += "null";
      return Status::Ok();
    case nlohmann::json::value_t::boolean:
      *out += v.get<bool>() ? "true" : "false";
      return Status::Ok();
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: {
      double d = v.get<double>();
      if (!std::isfinite(d)) return Status::Invalid("NaN and infinities have no JSON form");
      *out += EcmaScriptNumber(d);
      return Status::Ok();
    }
    case nlohmann::json::value_t::string:
      WriteString(v.get_ref<const std::string&>(), out);
      return Status::Ok();
    case nlohmann::json::value_t::array: {
      *out += '[';
      bool first = true;
      for (const auto& e : v) {
        if (!first) *out += ',';
        first = false;
        TRUCE_RETURN_IF_ERROR(Write(e, out, depth + 1));
      }
      *out += ']';
      return Status::Ok();
    }
    case nlohmann::json::value_t::object: {
      std::vector<std::pair<std::u16string, nlohmann::json::const_iterator>> members;
      for (auto it = v.begin(); it != v.end(); ++it) members.emplace_back(Utf16(it.key()), it);
      std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      *out += '{';
      bool first = true;
      for (const auto& [key, it] : members) {
        if (!first) *out += ',';
        first = false;
        WriteString(it.key(), out);
        *out += ':';
        TRUCE_RETURN_IF_ERROR(Write(it.value(), out, depth + 1));
      }
      *out += '}';
      return Status::Ok();
    }
    default:
      return Status::Invalid("binary and discarded values have no JSON form");
  }
}

}  // namespace

std::string EcmaScriptNumber(double v) {
  if (v == 0) return "0";  // also -0
  std::string sign = v < 0 ? "-" : "";
  // The shortest digits that read back as v (what ECMAScript requires),
  // from the scientific form "d.ddde±XX".
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::scientific);
  std::string sci(buf, end);
  size_t e = sci.find('e');
  std::string digits = sci.substr(0, 1) + (e > 2 ? sci.substr(2, e - 2) : "");
  int exponent = std::atoi(sci.c_str() + e + 1);
  int k = int(digits.size());
  int n = exponent + 1;  // the decimal point's position after the first n digits
  if (k <= n && n <= 21) return sign + digits + std::string(size_t(n - k), '0');
  if (0 < n && n <= 21) return sign + digits.substr(0, size_t(n)) + "." + digits.substr(size_t(n));
  if (-6 < n && n <= 0) return sign + "0." + std::string(size_t(-n), '0') + digits;
  std::string exp = (n - 1 < 0 ? "-" : "+") + std::to_string(std::abs(n - 1));
  if (k == 1) return sign + digits + "e" + exp;
  return sign + digits.substr(0, 1) + "." + digits.substr(1) + "e" + exp;
}

Result<std::string> CanonicalJson(const nlohmann::json& value) {
  std::string out;
  TRUCE_RETURN_IF_ERROR(Write(value, &out, 1));
  return out;
}

void AppendCanonicalString(std::string_view s, std::string* out) { WriteString(s, out); }

CanonicalObject& CanonicalObject::String(std::string_view name, std::string_view value) {
  std::string v;
  v.reserve(value.size() + 2);
  WriteString(value, &v);
  members_.emplace_back(name, std::move(v));
  return *this;
}

CanonicalObject& CanonicalObject::Number(std::string_view name, double value) {
  members_.emplace_back(name, EcmaScriptNumber(value));
  return *this;
}

CanonicalObject& CanonicalObject::Numbers(std::string_view name, std::initializer_list<double> values) {
  std::string v = "[";
  for (double d : values) {
    if (v.size() > 1) v += ',';
    v += EcmaScriptNumber(d);
  }
  v += ']';
  members_.emplace_back(name, std::move(v));
  return *this;
}

CanonicalObject& CanonicalObject::Strings(std::string_view name, const std::vector<std::string>& values) {
  std::string v = "[";
  for (const std::string& s : values) {
    if (v.size() > 1) v += ',';
    WriteString(s, &v);
  }
  v += ']';
  members_.emplace_back(name, std::move(v));
  return *this;
}

CanonicalObject& CanonicalObject::Object(std::string_view name, CanonicalObject value) {
  members_.emplace_back(name, std::move(value).Finish());
  return *this;
}

std::string CanonicalObject::Finish() && {
  std::sort(members_.begin(), members_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  size_t size = 2;
  for (const auto& [name, value] : members_) size += name.size() + value.size() + 4;
  std::string out;
  out.reserve(size);
  out += '{';
  for (const auto& [name, value] : members_) {
    if (out.size() > 1) out += ',';
    WriteString(name, &out);
    out += ':';
    out += value;
  }
  out += '}';
  return out;
}

}  // namespace truce
