// Writes: every one is signed register entries (docs/REGISTER.md,
// "Entries"), posted to /v1/register/entries or, for reports alone, to
// /v1/reports. Both go to Center::Submit behind two rate limits.
#include <nlohmann/json.hpp>

#include <memory>

#include "truce/core/json_nesting.h"
#include "truce/server/api.h"
#include "truce/server/rate_limit.h"
#include "truce/wire/submissions.h"

namespace truce::server {
namespace {

using nlohmann::json;

// The signer the body's first entry names, or "": read from that line
// alone, after the same size and nesting checks as any entry.
std::string FirstSigner(std::string_view body) {
  size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return "";
  std::string_view line = body.substr(start, body.find('\n', start) - start);
  if (line.size() > 2 * reg::kMaxEntryBytes || !CheckJsonNesting(line, "the entry").ok()) return "";
  json first = json::parse(line, nullptr, false);
  if (!first.is_object()) return "";
  auto it = first.find("signer");
  return it != first.end() && it->is_string() ? it->get<std::string>() : "";
}

class Writes {
 public:
  explicit Writes(Api& api)
      : api_(api), per_key_(api.options.key_entries_per_second, api.options.key_entry_burst, *api.options.clock) {}

  void Post(const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
    // The cheap checks first: who is asking how often, then the query.
    // A write costs 1, and 1 more per 64 KiB of body: what the server must
    // verify grows with the body, so a large body spends the allowance.
    if (!api_.TakeWrite(req, 1.0 + double(req.body.size() >> 16), res)) return;
    int64_t retry = 0;
    // A key still paying off what it wrote before is told to wait. The key
    // is the one the first entry names: a forger who names another's key
    // only delays himself, since only verified entries are charged.
    if (std::string signer = FirstSigner(req.body); !signer.empty() && per_key_.InDebt(signer, &retry)) {
      res.headers.emplace_back("Retry-After", std::to_string(retry));
      return SetError(res, 429, "too_many_requests",
                      "key '" + signer.substr(0, 64) + "' has written more than its share; try again in " +
                          std::to_string(retry) + " s");
    }
    intake::BatchPolicy policy = intake::BatchPolicy::kRejectAll;
    if (auto v = m.params->Get("on_error")) {
      auto p = intake::ParseBatchPolicy(*v);
      if (!p) return SetError(res, 400, "invalid_argument", "on_error must be reject or skip");
      policy = *p;
    }
    auto result = api_.center.Submit(req.body, policy);
    if (!result.ok()) {
      if (result.status().code() == Code::kInvalidArgument) {
        return SetError(res, 400, "invalid_input", result.status().message());
      }
      return SetStatus(res, result.status());
    }
    const IngestSummary& s = *result;
    if (s.rejected || (s.error_count > 0 && s.entries.empty() && s.duplicates == 0)) {
      std::string message =
          std::to_string(s.error_count) + " of " + std::to_string(s.rows) + " entries are refused; nothing was stored";
      if (s.denied > 0) return SetError(res, 403, "permission_denied", message, wire::RowErrorsJson(s.errors));
      return SetError(res, 422, "invalid_entry", message, wire::RowErrorsJson(s.errors));
    }
    for (const auto& [signer, n] : s.appended_by_signer) per_key_.Charge(signer, double(n));
    SetJson(res, s.entries.empty() ? 200 : 201, wire::SubmitAnswer(s));
  }

 private:
  Api& api_;
  RateLimit per_key_;  // entries appended, per signing key
};

}  // namespace

void AddWriteRoutes(Api& api) {
  auto writes = std::make_shared<Writes>(api);
  for (const char* path : {"/v1/reports", "/v1/register/entries"}) {
    api.Add("POST", path, Audience::kAnyone,
            [writes](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) { writes->Post(req, m, res); });
  }
}

}  // namespace truce::server
