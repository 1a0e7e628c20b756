#include "truce/server/http_server.h"

#include <nlohmann/json.hpp>

#include <atomic>

#include "truce/center/filter_params.h"
#include "truce/core/json_nesting.h"
#include "truce/register/base64.h"
#include "truce/report/json_out.h"
#include "truce/review/review.h"
#include "truce/server/rate_limit.h"
#include "truce/server/request_auth.h"
#include "truce/server/router.h"

namespace truce::server {
namespace {

using nlohmann::json;

// A page of register entries, incidents or determinations at most.
constexpr uint64_t kMaxPage = 1000;
// Offsets and indexes beyond this are refused: they fit every store's
// integers and JSON's exact numbers alike.
constexpr uint64_t kMaxIndex = (uint64_t(1) << 53) - 1;

json RowErrorsJson(const std::vector<intake::RowError>& errors) {
  json out = json::array();
  for (const auto& e : errors) {
    json j = {{"message", e.message}};
    if (e.line > 0) j["line"] = e.line;
    if (!e.field.empty()) j["field"] = e.field;
    out.push_back(j);
  }
  return out;
}

std::string B64(const reg::Hash& h) { return reg::Base64({reinterpret_cast<const char*>(h.data()), h.size()}); }

json HashesJson(const std::vector<reg::Hash>& hashes) {
  json out = json::array();
  for (const auto& h : hashes) out.push_back(B64(h));
  return out;
}

void SetText(HttpResponse& res, std::string body, std::string type = "text/plain; charset=utf-8") {
  res.status = 200;
  res.content_type = std::move(type);
  res.body = std::move(body);
}

}  // namespace

struct HttpServer::Impl {
  Impl(Center& c, Cosigning* cs, LiveFindings* f, ServeOptions o)
      : center(c), cosigning(cs), findings(f), options(o),
        writes(o.writes_per_second, o.write_burst, *o.clock),
        key_entries(o.key_entries_per_second, o.key_entry_burst, *o.clock),
        listener(o.limits, [this](const HttpRequest& req, HttpResponse& res) { Handle(req, res); }) {}

  Center& center;
  Cosigning* cosigning;
  LiveFindings* findings;
  const ServeOptions options;
  RateLimit writes;       // requests, per client address
  RateLimit key_entries;  // entries appended, per signing key
  Router router;
  HttpListener listener;

  // Who may call a route (docs/API.md, "Who may read").
  enum class Audience {
    kAnyone,    // writes (their entries are signed) and the health check
    kRegister,  // the register: anyone if the pack makes it public
    kOfficers,  // reports and findings: anyone only if the pack makes reads public
  };

  // Whether the request may go on; if not, the 401 is written.
  bool Admit(const HttpRequest& req, Audience who, HttpResponse& res) {
    const AccessSettings& access = center.mission().access;
    if (who == Audience::kAnyone || access.public_reads) return true;
    if (who == Audience::kRegister && access.public_register) return true;
    auto reader = Reader(req);
    if (reader.ok()) return true;
    res.headers.emplace_back("WWW-Authenticate", "Truce");
    SetError(res, 401, "unauthenticated", reader.status().message());
    return false;
  }

  Result<server::Reader> Reader(const HttpRequest& req) {
    return VerifyRequest(req, *center.registrar().keys(), center.mission().CenterParties(),
                         options.clock->NowMs() / 1000);
  }

  void Add(std::string method, std::string pattern, Audience who, Router::Handler handler) {
    router.Add(std::move(method), std::move(pattern),
               [this, who, h = std::move(handler)](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
                 if (Admit(req, who, res)) h(req, m, res);
               });
  }

  void Handle(const HttpRequest& req, HttpResponse& res) {
    try {
      router.Dispatch(req, res);
    } catch (const std::exception& e) {
      res = HttpResponse();
      SetError(res, 500, "internal", std::string("unexpected error: ") + e.what());
    }
  }

  // Every write is signed register entries (docs/REGISTER.md, "Entries").
  void PostEntries(const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
    // The cheap checks first: who is asking how often, then the query.
    int64_t retry = 0;
    // A write costs 1, and 1 more per 64 KiB of body: what the server must
    // verify grows with the body, so a large body spends the allowance.
    if (!writes.Take(req.peer, 1.0 + double(req.body.size() >> 16), &retry)) {
      res.headers.emplace_back("Retry-After", std::to_string(retry));
      return SetError(res, 429, "too_many_requests",
                      "too many writes from this address; try again in " + std::to_string(retry) + " s");
    }
    // A key still paying off what it wrote before is told to wait. The key
    // is the one the first entry names: a forger who names another's key
    // only delays himself, since only verified entries are charged.
    if (std::string signer = FirstSigner(req.body); !signer.empty() && key_entries.InDebt(signer, &retry)) {
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
    auto result = center.Submit(req.body, policy);
    if (!result.ok()) {
      if (result.status().code() == Code::kInvalidArgument) {
        return SetError(res, 400, "invalid_input", result.status().message());
      }
      return SetStatus(res, result.status());
    }
    const IngestSummary& s = *result;
    if (s.rejected || (s.error_count > 0 && s.entries.empty() && s.duplicates == 0)) {
      std::string message = std::to_string(s.error_count) + " of " + std::to_string(s.rows) +
                            " entries are refused; nothing was stored";
      if (s.denied > 0) return SetError(res, 403, "permission_denied", message, RowErrorsJson(s.errors));
      return SetError(res, 422, "invalid_entry", message, RowErrorsJson(s.errors));
    }
    json reports = json::array();
    for (size_t i = 0; i < s.ids.size(); ++i) {
      reports.push_back({{"id", s.ids[i]},
                         {"source_report_id", s.reports[i].source_report_id},
                         {"duplicate", bool(s.duplicate[i])},
                         {"zones", s.reports[i].zones},
                         {"clauses", s.reports[i].clauses}});
    }
    for (const auto& [signer, n] : s.appended_by_signer) key_entries.Charge(signer, double(n));
    if (cosigning && !s.entries.empty()) cosigning->Poke();
    if (findings && !s.entries.empty()) findings->Poke();
    json entries = json::array();
    for (auto [line, index] : s.entries) entries.push_back({{"line", line}, {"index", index}});
    json body = {{"accepted", s.appended}, {"duplicates", s.duplicates}, {"rejected", RowErrorsJson(s.errors)},
                 {"reports", reports}, {"entries", entries},
                 {"register", {{"size", s.tree_size}, {"checkpoint", s.checkpoint}}}};
    SetJson(res, s.entries.empty() ? 200 : 201, body);
  }

  // The signer the body's first entry names, or "": read from that line
  // alone, after the same size and nesting checks as any entry.
  static std::string FirstSigner(std::string_view body) {
    size_t start = body.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return "";
    std::string_view line = body.substr(start, body.find('\n', start) - start);
    if (line.size() > 2 * reg::kMaxEntryBytes || !CheckJsonNesting(line, "the entry").ok()) return "";
    json first = json::parse(line, nullptr, false);
    if (!first.is_object()) return "";
    auto it = first.find("signer");
    return it != first.end() && it->is_string() ? it->get<std::string>() : "";
  }

  void RegisterRoutes() {
    Registrar& r = center.registrar();
    Add("GET", "/v1/register/checkpoint", Audience::kRegister, [&r](const auto&, const auto&, HttpResponse& res) {
      auto note = r.Checkpoint();
      if (!note.ok()) return SetStatus(res, note.status());
      SetText(res, *note);
      res.headers.emplace_back("Cache-Control", "no-cache");
    });
    Add("GET", "/v1/register/vkey", Audience::kRegister, [&r](const auto&, const auto&, HttpResponse& res) {
      SetText(res, r.log_verifier().ToString() + "\n");
    });
    Add("GET", "/v1/register/tile/*", Audience::kRegister, [&r](const auto&, const RouteMatch& m, HttpResponse& res) {
      auto path = reg::ParseTilePath(m.segments[0]);
      if (!path.ok()) return SetError(res, 404, "not_found", path.status().message());
      auto tile = r.Tile(*path);
      if (!tile.ok()) return SetStatus(res, tile.status());
      SetText(res, std::move(tile).value(), "application/octet-stream");
      // A tile never changes once it exists; a partial one is replaced by a
      // wider one under another name.
      res.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
    });
    Add("GET", "/v1/register/entries", Audience::kRegister, [&r](const auto&, const RouteMatch& m, HttpResponse& res) {
      const uint64_t size = r.size();
      auto start = m.params->Number("start", 0, kMaxIndex);
      if (!start.ok()) return SetStatus(res, start.status());
      auto end = m.params->Number("end", 0, kMaxIndex);
      if (!end.ok()) return SetStatus(res, end.status());
      const uint64_t from = std::min(start->value_or(0), size);
      const uint64_t to = std::max(from, std::min({end->value_or(size), size, from + kMaxPage}));
      auto entries = r.store().Entries(from, to);
      if (!entries.ok()) return SetStatus(res, entries.status());
      json list = json::array();
      for (const auto& e : *entries) {
        list.push_back({{"index", e.index}, {"leaf_hash", B64(reg::LeafHash(e.bytes))},
                        {"entry", json::parse(e.bytes, nullptr, false)}});
      }
      SetJson(res, 200, {{"entries", list}, {"size", size}, {"next", to < size ? json(to) : json(nullptr)}});
    });
    Add("GET", "/v1/register/proof/inclusion", Audience::kRegister, [&r](const auto&, const RouteMatch& m, HttpResponse& res) {
      auto index = m.params->Number("index", 0, kMaxIndex);
      auto size = m.params->Number("size", 1, kMaxIndex);
      if (!index.ok()) return SetStatus(res, index.status());
      if (!size.ok()) return SetStatus(res, size.status());
      if (!*index || !*size) return SetError(res, 400, "invalid_argument", "give index and size as whole numbers");
      if (**size > r.size()) return SetError(res, 404, "not_found", "the register has only " + std::to_string(r.size()) + " entries");
      auto proof = r.InclusionProof(**index, **size);
      if (!proof.ok()) return SetError(res, 400, "invalid_argument", proof.status().message());
      auto entries = r.store().Entries(**index, **index + 1);
      if (!entries.ok() || entries->empty()) return SetStatus(res, entries.ok() ? Status::NotFound("no entry") : entries.status());
      SetJson(res, 200, {{"index", **index}, {"size", **size}, {"leaf_hash", B64(reg::LeafHash(entries->front().bytes))},
                         {"root", B64(r.Root(**size))}, {"proof", HashesJson(*proof)}});
    });
    Add("GET", "/v1/register/proof/consistency", Audience::kRegister, [&r](const auto&, const RouteMatch& m, HttpResponse& res) {
      auto old_size = m.params->Number("old", 0, kMaxIndex);
      auto new_size = m.params->Number("new", 0, kMaxIndex);
      if (!old_size.ok()) return SetStatus(res, old_size.status());
      if (!new_size.ok()) return SetStatus(res, new_size.status());
      if (!*old_size || !*new_size) return SetError(res, 400, "invalid_argument", "give old and new as whole numbers");
      if (**new_size > r.size()) return SetError(res, 404, "not_found", "the register has only " + std::to_string(r.size()) + " entries");
      auto proof = r.ConsistencyProof(**old_size, **new_size);
      if (!proof.ok()) return SetError(res, 400, "invalid_argument", proof.status().message());
      SetJson(res, 200, {{"old", **old_size}, {"new", **new_size}, {"old_root", B64(r.Root(**old_size))},
                         {"new_root", B64(r.Root(**new_size))}, {"proof", HashesJson(*proof)}});
    });
    Add("GET", "/v1/register/cosigners", Audience::kRegister, [this, &r](const auto&, const auto&, HttpResponse& res) {
      // Every party with a pinned witness key, and how far it has vouched.
      auto cosigs = r.store().LatestCosignatures();
      if (!cosigs.ok()) return SetStatus(res, cosigs.status());
      const uint64_t size = r.size();
      json list = json::array();
      for (const PinnedKey& k : center.mission().keys) {
        if (k.roles != std::vector<std::string>{"witness"}) continue;
        std::string name = k.key.substr(0, k.key.find('+'));
        uint64_t at = 0;
        for (const auto& [w, s, line] : *cosigs) {
          if (w == name) at = s;
        }
        json j = {{"party", k.party}, {"witness", name}, {"cosigned_size", at}, {"size", size},
                  {"cosigned_latest", at == size && size > 0}};
        if (cosigning) {
          for (const auto& st : cosigning->States()) {
            if (st.key_name == name) {
              j["url"] = st.url;
              if (!st.last_error.empty()) j["last_error"] = st.last_error;
            }
          }
        }
        list.push_back(j);
      }
      SetJson(res, 200, {{"size", size}, {"cosigners", list}});
    });
    Add("GET", "/v1/register/keys", Audience::kRegister, [&r](const auto&, const auto&, HttpResponse& res) {
      json keys = json::array();
      const auto ring = r.keys();  // held: the loop reads into it
      for (const auto& [name, k] : ring->keys()) {
        keys.push_back({{"name", name}, {"party", k.party}, {"roles", reg::RoleNames(k.roles)},
                        {"key", k.key.ToString()}, {"revoked", k.revoked}});
      }
      SetJson(res, 200, {{"keys", keys}});
    });
  }

  void GetReports(const RouteMatch& m, HttpResponse& res) {
    auto filter = ParseReportFilter([&](const std::string& name) { return m.params->Get(name); }, center.mission());
    if (!filter.ok()) return SetError(res, 400, "invalid_argument", filter.status().message());
    std::string format = m.params->Get("format").value_or("json");
    if (format != "json" && format != "geojson") {
      return SetError(res, 400, "invalid_argument", "format must be json or geojson");
    }
    auto reports = center.store().Query(*filter);
    if (!reports.ok()) return SetStatus(res, reports.status());
    json next = nullptr;
    if (reports->size() == filter->limit) next = reports->back().id;
    if (format == "geojson") {
      json body = report::ReportCollection(*reports);
      body["next_after"] = next;
      SetJson(res, 200, body);
      res.content_type = "application/geo+json";
      return;
    }
    json list = json::array();
    for (const auto& r : *reports) list.push_back(report::ReportJson(r));
    SetJson(res, 200, {{"reports", list}, {"count", reports->size()}, {"next_after", next}});
  }

  void GetReport(const RouteMatch& m, HttpResponse& res) {
    auto id = ParseNumber(m.segments[0], "the report id", 1, uint64_t(INT64_MAX));
    if (!id.ok()) return SetStatus(res, id.status());
    auto report = center.store().Report(int64_t(*id));
    if (!report.ok()) return SetStatus(res, report.status());
    if (!*report) return SetError(res, 404, "not_found", "no report has id " + std::to_string(*id));
    SetJson(res, 200, report::ReportJson(**report));
  }

  // Incidents, determinations and their events (docs/API.md, "Findings").
  void FindingRoutes() {
    auto need = [this](HttpResponse& res) {
      if (findings) return true;
      SetError(res, 503, "unavailable", "findings are not being kept by this server");
      return false;
    };
    Add("GET", "/v1/incidents", Audience::kOfficers, [this, need](const auto&, const RouteMatch& m, HttpResponse& res) {
      if (!need(res)) return;
      IncidentFilter f;
      const Params& params = *m.params;
      f.category = params.Get("category").value_or("");
      f.responsible = params.Get("responsible").value_or("");
      f.clause = params.Get("clause").value_or("");
      f.state = params.Get("state").value_or("");
      if (!f.state.empty() && f.state != "none" && !review::ParseState(f.state)) {
        return SetError(res, 400, "invalid_argument",
                        "state must be none, proposed, final, disputed or superseded, not '" + f.state.substr(0, 40) + "'");
      }
      if (!f.category.empty() && !ParseCategory(f.category)) {
        return SetError(res, 400, "invalid_argument", "category '" + f.category.substr(0, 40) + "' is not one of " + CategoryList());
      }
      for (const char* name : {"from", "to"}) {
        if (auto v = params.Get(name)) {
          auto t = ParseRfc3339(*v);
          if (!t.ok()) return SetError(res, 400, "invalid_argument", std::string(name) + ": " + t.status().message());
          (std::string(name) == "from" ? f.from_ms : f.to_ms) = t->utc_ms;
        }
      }
      f.contested_only = params.Get("contested").value_or("") == "true";
      auto limit = params.Number("limit", 1, kMaxPage);
      if (!limit.ok()) return SetStatus(res, limit.status());
      auto offset = params.Number("offset", 0, kMaxIndex);
      if (!offset.ok()) return SetStatus(res, offset.status());
      if (*limit) f.limit = **limit;
      if (*offset) f.offset = **offset;
      SetJson(res, 200, findings->Incidents(f));
    });
    Add("GET", "/v1/incidents/{}", Audience::kOfficers, [this, need](const auto&, const RouteMatch& m, HttpResponse& res) {
      if (!need(res)) return;
      const std::string& name = m.segments[0];
      if (name.size() > 64 || name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) {
        return SetError(res, 404, "not_found", "no incident is named '" + name.substr(0, 64) + "'");
      }
      auto inc = findings->Incident(name);
      if (!inc.ok()) return SetStatus(res, inc.status());
      json details = json::array();
      for (const auto& rid : (*inc)["report_ids"]) {
        auto report = center.store().Report(rid.get<int64_t>());
        if (report.ok() && *report) details.push_back(report::ReportJson(**report));
      }
      (*inc)["report_details"] = details;
      SetJson(res, 200, *inc);
    });
    // Determinations: for officers; the final ones for anyone too if the
    // pack says so (an auditor sees what both parties signed, nothing else).
    auto final_only = [this](const HttpRequest& req, HttpResponse& res) -> std::optional<bool> {
      if (center.mission().access.public_final_determinations && !center.mission().access.public_reads &&
          !Reader(req).ok()) {
        return true;
      }
      if (!Admit(req, Audience::kOfficers, res)) return std::nullopt;
      return false;
    };
    router.Add("GET", "/v1/determinations", [this, need, final_only](const HttpRequest& req, const RouteMatch& m,
                                                                     HttpResponse& res) {
      auto only_final = final_only(req, res);
      if (!only_final || !need(res)) return;
      std::string state = m.params->Get("state").value_or(*only_final ? "final" : "");
      if (!state.empty() && !review::ParseState(state)) {
        return SetError(res, 400, "invalid_argument", "state must be proposed, final, disputed or superseded");
      }
      if (*only_final && state != "final") {
        return SetError(res, 401, "unauthenticated", "without an officer's signed request, only final determinations are shown");
      }
      auto limit = m.params->Number("limit", 1, kMaxPage);
      if (!limit.ok()) return SetStatus(res, limit.status());
      SetJson(res, 200, {{"determinations", findings->Determinations(state, limit->value_or(100))}});
    });
    router.Add("GET", "/v1/determinations/{}", [this, need, final_only](const HttpRequest& req, const RouteMatch& m,
                                                                        HttpResponse& res) {
      auto only_final = final_only(req, res);
      if (!only_final || !need(res)) return;
      auto entry = ParseNumber(m.segments[0], "the determination's entry", 0, kMaxIndex);
      if (!entry.ok()) return SetStatus(res, entry.status());
      auto d = findings->Determination(*entry);
      if (!d.ok()) return SetStatus(res, d.status());
      if (*only_final && d->value("state", "") != "final") {
        return SetError(res, 401, "unauthenticated", "determination " + std::to_string(*entry) +
                        " is not final: without an officer's signed request, only final determinations are shown");
      }
      SetJson(res, 200, *d);
    });
    // Server-sent events: each new or changed incident and determination.
    // A client that reconnects with Last-Event-ID (or ?after=) gets what it
    // missed, as far as the last 10,000 events go.
    Add("GET", "/v1/events", Audience::kOfficers, [this, need](const HttpRequest& req, const RouteMatch& m, HttpResponse& res) {
      if (!need(res)) return;
      uint64_t after = findings->last_seq();
      std::string last(req.Header("last-event-id"));
      if (auto a = m.params->Get("after")) last = *a;
      if (!last.empty()) {
        auto n = ParseNumber(last, "after / Last-Event-ID", 0, UINT64_MAX);
        if (!n.ok()) return SetStatus(res, n.status());
        after = *n;
        // An id from before a restart of the server (numbers start again at
        // 1): everything kept is sent, rather than nothing until it passes.
        if (after > findings->last_seq()) after = 0;
      }
      res.status = 200;
      res.content_type = "text/event-stream";
      res.headers.emplace_back("Cache-Control", "no-cache");
      res.stream = [this, cursor = after](std::string* out) mutable {
        for (const auto& e : findings->EventsAfter(cursor, 1000)) {
          *out += "id: " + std::to_string(e.seq) + "\nevent: " + e.type + "\ndata: " + e.data + "\n\n";
          cursor = e.seq;
        }
        return true;
      };
    });
  }

  void Routes() {
    Add("POST", "/v1/reports", Audience::kAnyone, [this](const auto& req, const auto& m, auto& res) { PostEntries(req, m, res); });
    Add("POST", "/v1/register/entries", Audience::kAnyone, [this](const auto& req, const auto& m, auto& res) { PostEntries(req, m, res); });
    Add("GET", "/v1/reports", Audience::kOfficers, [this](const auto&, const auto& m, auto& res) { GetReports(m, res); });
    Add("GET", "/v1/reports/{}", Audience::kOfficers, [this](const auto&, const auto& m, auto& res) { GetReport(m, res); });
    RegisterRoutes();
    FindingRoutes();
    Add("GET", "/v1/zones", Audience::kOfficers, [this](const auto&, const auto&, HttpResponse& res) {
      auto zones = center.store().Zones();
      if (!zones.ok()) return SetStatus(res, zones.status());
      SetJson(res, 200, report::ZonesGeoJson(*zones));
      res.content_type = "application/geo+json";
    });
    Add("GET", "/v1/mission", Audience::kOfficers, [this](const auto&, const auto&, HttpResponse& res) {
      SetJson(res, 200, report::MissionJson(center.mission()));
    });
    Add("GET", "/healthz", Audience::kAnyone, [this](const HttpRequest& req, const auto&, HttpResponse& res) {
      auto count = center.store().CountReports();
      if (!count.ok()) return SetError(res, 503, "unavailable", count.status().message());
      json body = {{"status", "ok"}, {"mission", center.mission().id}};
      // How much the center holds is for its officers.
      if (center.mission().access.public_reads || Reader(req).ok()) body["reports"] = *count;
      SetJson(res, 200, body);
    });
  }
};

HttpServer::HttpServer(Center& center, Cosigning* cosigning, LiveFindings* findings, ServeOptions options)
    : impl_(std::make_unique<Impl>(center, cosigning, findings, std::move(options))) {
  impl_->Routes();
}
HttpServer::~HttpServer() = default;

Result<int> HttpServer::Bind(const std::string& host, int port) {
  if (!impl_->options.tls_cert.empty() || !impl_->options.tls_key.empty()) {
    if (impl_->options.tls_cert.empty() || impl_->options.tls_key.empty()) {
      return Status::Invalid("HTTPS needs both --tls-cert and --tls-key");
    }
    TRUCE_RETURN_IF_ERROR(impl_->listener.UseTls(impl_->options.tls_cert, impl_->options.tls_key));
  }
  return impl_->listener.Bind(host, port);
}

bool HttpServer::tls() const { return impl_->listener.tls(); }
void HttpServer::Run() { impl_->listener.Run(); }
void HttpServer::Stop() { impl_->listener.Stop(); }
void HttpServer::Handle(const HttpRequest& req, HttpResponse& res) { impl_->Handle(req, res); }

}  // namespace truce::server
