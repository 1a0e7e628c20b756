#include "truce/server/router.h"

#include <algorithm>

#include "truce/core/json_nesting.h"
#include "truce/wire/errors.h"

namespace truce::server {
namespace {

using nlohmann::json;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding: %XX and '+' for a space.
Result<std::string> Decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size() || HexValue(s[i + 1]) < 0 || HexValue(s[i + 2]) < 0) {
        return Status::Invalid("the query has a broken %-escape near '" + std::string(s.substr(i, 3)) + "'");
      }
      out += char(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 1;  // past the leading '/'
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kInvalidArgument:
      return 400;
    case Code::kNotFound:
      return 404;
    case Code::kAlreadyExists:
      return 409;
    case Code::kFailedPrecondition:
      return 409;
    case Code::kUnavailable:
      return 503;
    case Code::kPermissionDenied:
      return 403;
    default:
      return 500;
  }
}

}  // namespace

Result<uint64_t> ParseNumber(std::string_view text, const std::string& what, uint64_t min, uint64_t max) {
  auto refuse = [&] {
    return Status::Invalid(what + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                           ", not '" + std::string(text.substr(0, 40)) + "'");
  };
  if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return refuse();
  }
  uint64_t v = 0;
  for (char c : text) {
    uint64_t digit = uint64_t(c - '0');
    if (v > (UINT64_MAX - digit) / 10) return refuse();  // it does not fit 64 bits
    v = v * 10 + digit;
  }
  if (v < min || v > max) return refuse();
  return v;
}

Result<Params> Params::Parse(std::string_view query) {
  Params p;
  size_t start = 0;
  while (start < query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    TRUCE_ASSIGN_OR_RETURN(std::string name, Decode(pair.substr(0, eq)));
    TRUCE_ASSIGN_OR_RETURN(std::string value,
                           Decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1)));
    p.values_.emplace(std::move(name), std::move(value));
  }
  return p;
}

std::optional<std::string> Params::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

Result<std::optional<uint64_t>> Params::Number(const std::string& name, uint64_t min, uint64_t max) const {
  auto v = Get(name);
  if (!v) return std::optional<uint64_t>();
  TRUCE_ASSIGN_OR_RETURN(uint64_t n, ParseNumber(*v, name, min, max));
  return std::optional<uint64_t>(n);
}

Result<json> ParseJsonObject(std::string_view body, size_t max_bytes, const std::string& what, int max_depth) {
  if (body.size() > max_bytes) {
    return Status::Invalid(what + " is over " + std::to_string(max_bytes) + " bytes");
  }
  // Such a body is one flat object (two levels are more than it needs), or
  // as deep as its caller says, checked before it is parsed.
  TRUCE_RETURN_IF_ERROR(CheckJsonNesting(body, what, max_depth));
  json object = json::parse(body, nullptr, false);
  if (!object.is_object()) return Status::Invalid(what + " is not a JSON object");
  return object;
}

Result<std::string> StringMember(const json& object, const std::string& name, size_t max_size) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return Status::Invalid("\"" + name + "\" must be a string");
  const std::string& s = it->get_ref<const std::string&>();
  if (s.empty() || s.size() > max_size) {
    return Status::Invalid("\"" + name + "\" must be 1 to " + std::to_string(max_size) + " bytes");
  }
  return s;
}

void SetJson(HttpResponse& res, int status, const json& body) {
  res.status = status;
  res.content_type = "application/json";
  // Replace, never throw, on a byte that is not UTF-8: a stored report
  // must not make a page of reports unreadable.
  res.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
}

void SetError(HttpResponse& res, int status, const std::string& code, const std::string& message, json details) {
  SetJson(res, status, wire::ErrorJson(code, message, std::move(details)));
}

void SetNoContent(HttpResponse& res) {
  res.status = 204;
  res.content_type.clear();
  res.body.clear();
}

void SetText(HttpResponse& res, std::string body, std::string type) {
  res.status = 200;
  res.content_type = std::move(type);
  res.body = std::move(body);
}

void SetStatus(HttpResponse& res, const Status& st) {
  SetError(res, HttpStatusFor(st.code()), CodeName(st.code()), st.message());
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
  Route r{std::move(method), {}, std::move(handler)};
  for (std::string_view s : Split(pattern)) r.pattern.emplace_back(s);
  routes_.push_back(std::move(r));
}

bool Router::Match(const Route& r, const std::vector<std::string_view>& path, RouteMatch* m) {
  m->segments.clear();
  const bool rest = !r.pattern.empty() && r.pattern.back() == "*";
  const size_t fixed = rest ? r.pattern.size() - 1 : r.pattern.size();
  if (rest ? path.size() <= fixed : path.size() != fixed) return false;
  for (size_t i = 0; i < fixed; ++i) {
    if (r.pattern[i] == "{}") {
      if (path[i].empty()) return false;
      m->segments.emplace_back(path[i]);
    } else if (r.pattern[i] != path[i]) {
      return false;
    }
  }
  if (rest) {
    std::string tail;
    for (size_t i = fixed; i < path.size(); ++i) tail += (i > fixed ? "/" : "") + std::string(path[i]);
    m->segments.push_back(std::move(tail));
  }
  return true;
}

void Router::Dispatch(const HttpRequest& req, HttpResponse& res) const {
  if (req.path.empty() || req.path[0] != '/')
    return SetError(res, 400, "invalid_argument", "the path must start with /");
  const auto path = Split(req.path);
  RouteMatch m;
  std::vector<std::string> allowed;
  for (const Route& r : routes_) {
    if (!Match(r, path, &m)) continue;
    if (r.method != req.method) {
      if (std::find(allowed.begin(), allowed.end(), r.method) == allowed.end()) allowed.push_back(r.method);
      continue;
    }
    auto params = Params::Parse(req.query);
    if (!params.ok()) return SetError(res, 400, "invalid_argument", params.status().message());
    m.params = &*params;
    return r.handler(req, m, res);
  }
  if (allowed.empty()) {
    return SetError(res, 404, "not_found",
                    "no such endpoint: " + req.method.substr(0, 16) + " " + req.path.substr(0, 200));
  }
  std::sort(allowed.begin(), allowed.end());
  std::string list;
  for (size_t i = 0; i < allowed.size(); ++i) list += (i ? ", " : "") + allowed[i];
  res.headers.emplace_back("Allow", list);
  SetError(res, 405, "method_not_allowed",
           req.path.substr(0, 200) + " takes " + list + ", not " + req.method.substr(0, 16));
}

}  // namespace truce::server
