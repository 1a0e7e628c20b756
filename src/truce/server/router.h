// Routes: which handler answers a method and path, and the one table the
// 404 and 405 answers are read from. Paths are matched segment by segment
// ("/v1/reports/{}" takes one segment, a trailing "*" the rest), never by
// regular expressions, whose backtracking a hostile path could make costly.
//
// Also the readers of a request's parameters: the query parsed once, and
// every number in it range-checked before use, with a message that names
// the parameter and the range.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "truce/core/status.h"
#include "truce/server/http_message.h"

namespace truce::server {

// The query's parameters, percent-decoded. A name given twice keeps its
// first value.
class Params {
 public:
  // Refuses a query that is not well-formed (a bad %-escape), naming it.
  static Result<Params> Parse(std::string_view query);
  std::optional<std::string> Get(const std::string& name) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  // A whole number in [min, max] in plain decimal digits, or nullopt when
  // the parameter is absent.
  Result<std::optional<uint64_t>> Number(const std::string& name, uint64_t min, uint64_t max) const;

 private:
  std::map<std::string, std::string> values_;
};

// A whole number in [min, max], from decimal digits only (no sign, no
// spaces): `what` names it in the message.
Result<uint64_t> ParseNumber(std::string_view text, const std::string& what, uint64_t min, uint64_t max);

// A small JSON object sent as a request's body (a sign-in, a heartbeat):
// refused, naming `what`, if over `max_bytes`, nested, or not an object.
Result<nlohmann::json> ParseJsonObject(std::string_view body, size_t max_bytes, const std::string& what,
                                       int max_depth = 2);
// The object's string member `name`, of 1 to `max_size` bytes; refused,
// naming it, if absent, of another type or size.
Result<std::string> StringMember(const nlohmann::json& object, const std::string& name, size_t max_size);

// A JSON answer; an error's body is wire::ErrorJson's.
void SetJson(HttpResponse& res, int status, const nlohmann::json& body);
void SetError(HttpResponse& res, int status, const std::string& code, const std::string& message,
              nlohmann::json details = nlohmann::json::array());
// The HTTP status and code name of a Status that is not OK.
void SetStatus(HttpResponse& res, const Status& st);
// A 204 answer: no body, and so no type.
void SetNoContent(HttpResponse& res);
// A 200 answer of plain text (or another type).
void SetText(HttpResponse& res, std::string body, std::string type = "text/plain; charset=utf-8");

struct RouteMatch {
  std::vector<std::string> segments;  // what each {} and * took, in order
  const Params* params = nullptr;
};

class Router {
 public:
  using Handler = std::function<void(const HttpRequest&, const RouteMatch&, HttpResponse&)>;

  void Add(std::string method, std::string pattern, Handler handler);
  // Answers the request: its route's handler, 400 for a bad query, 404 for
  // a path no route has, 405 (with Allow) for a method the path does not
  // take.
  void Dispatch(const HttpRequest& req, HttpResponse& res) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> pattern;  // segments: text, "{}" or a last "*"
    Handler handler;
  };
  static bool Match(const Route& r, const std::vector<std::string_view>& path, RouteMatch* m);
  std::vector<Route> routes_;
};

}  // namespace truce::server
