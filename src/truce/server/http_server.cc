#include "truce/server/http_server.h"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "truce/center/filter_params.h"
#include "truce/register/base64.h"
#include "truce/report/json_out.h"

#include <atomic>

#include "truce/review/review.h"

namespace truce::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxBodyBytes = 256u << 20;
constexpr size_t kWorkers = 64;

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kInvalidArgument: return 400;
    case Code::kNotFound: return 404;
    case Code::kAlreadyExists: return 409;
    case Code::kFailedPrecondition: return 409;
    case Code::kUnavailable: return 503;
    case Code::kPermissionDenied: return 403;
    default: return 500;
  }
}

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  // Replace, never throw, on a byte that is not UTF-8: a stored report
  // must not make a page of reports unreadable.
  res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json");
}

void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message,
               json details = json::array()) {
  SendJson(res, status, {{"error", {{"code", code}, {"message", message}, {"details", details}}}});
}

void SendStatus(httplib::Response& res, const Status& st) {
  SendError(res, HttpStatusFor(st.code()), CodeName(st.code()), st.message());
}

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

// The parameters of the URL's query alone. cpp-httplib also parses a form
// body into params, and a report posted without a Content-Type (curl -d)
// would then leak its text into them.
httplib::Params UrlParams(const httplib::Request& req) {
  httplib::Params params;
  size_t q = req.target.find('?');
  if (q != std::string::npos) httplib::detail::parse_query_text(req.target.substr(q + 1), params);
  return params;
}

std::optional<std::string> Param(const httplib::Params& params, const std::string& name) {
  auto it = params.find(name);
  if (it == params.end()) return std::nullopt;
  return it->second;
}


}  // namespace

struct HttpServer::Impl {
  Impl(Center& c, Cosigning* cs, LiveFindings* f) : center(c), cosigning(cs), findings(f) {}

  Center& center;
  Cosigning* cosigning;
  LiveFindings* findings;
  httplib::Server http;
  std::atomic<bool> stopping{false};
  std::atomic<int> streams{0};
  static constexpr int kMaxStreams = 32;  // of the kWorkers

  // Every write is signed register entries (docs/REGISTER.md, "Entries").
  void PostEntries(const httplib::Request& req, httplib::Response& res) {
    intake::BatchPolicy policy = intake::BatchPolicy::kRejectAll;
    httplib::Params params = UrlParams(req);
    if (auto v = Param(params, "on_error")) {
      auto p = intake::ParseBatchPolicy(*v);
      if (!p) return SendError(res, 400, "invalid_argument", "on_error must be reject or skip");
      policy = *p;
    }
    auto result = center.Submit(req.body, policy);
    if (!result.ok()) {
      if (result.status().code() == Code::kInvalidArgument) {
        return SendError(res, 400, "invalid_input", result.status().message());
      }
      return SendStatus(res, result.status());
    }
    const IngestSummary& s = *result;
    if (s.rejected || (s.error_count > 0 && s.entries.empty() && s.duplicates == 0)) {
      std::string message = std::to_string(s.error_count) + " of " + std::to_string(s.rows) +
                            " entries are refused; nothing was stored";
      if (s.denied > 0) return SendError(res, 403, "permission_denied", message, RowErrorsJson(s.errors));
      return SendError(res, 422, "invalid_entry", message, RowErrorsJson(s.errors));
    }
    json reports = json::array();
    for (size_t i = 0; i < s.ids.size(); ++i) {
      reports.push_back({{"id", s.ids[i]},
                         {"source_report_id", s.reports[i].source_report_id},
                         {"duplicate", bool(s.duplicate[i])},
                         {"zones", s.reports[i].zones},
                         {"clauses", s.reports[i].clauses}});
    }
    if (cosigning && !s.entries.empty()) cosigning->Poke();
    if (findings && !s.entries.empty()) findings->Poke();
    json entries = json::array();
    for (auto [line, index] : s.entries) entries.push_back({{"line", line}, {"index", index}});
    json body = {{"accepted", s.appended}, {"duplicates", s.duplicates}, {"rejected", RowErrorsJson(s.errors)},
                 {"reports", reports}, {"entries", entries},
                 {"register", {{"size", s.tree_size}, {"checkpoint", s.checkpoint}}}};
    SendJson(res, s.entries.empty() ? 200 : 201, body);
  }

  static std::string B64(const reg::Hash& h) { return reg::Base64({reinterpret_cast<const char*>(h.data()), h.size()}); }

  static json HashesJson(const std::vector<reg::Hash>& hashes) {
    json out = json::array();
    for (const auto& h : hashes) out.push_back(B64(h));
    return out;
  }

  // A whole number that fits 64 bits, in decimal digits only.
  static std::optional<uint64_t> ParseU64(const std::string& v) {
    if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    return std::stoull(v);
  }

  static std::optional<uint64_t> U64Param(const httplib::Params& params, const std::string& name) {
    auto v = Param(params, name);
    return v ? ParseU64(*v) : std::nullopt;
  }

  // The stored report with the center's id `id`, if there is one.
  Result<std::optional<StoredReport>> ReportById(int64_t id) {
    ReportFilter f;
    f.after_id = id - 1;
    f.limit = 1;
    TRUCE_ASSIGN_OR_RETURN(auto reports, center.store().Query(f));
    if (reports.empty() || reports.front().id != id) return std::optional<StoredReport>();
    return std::optional<StoredReport>(std::move(reports.front()));
  }

  void RegisterRoutes() {
    Registrar* reg_ptr = &center.registrar();
    http.Get("/v1/register/checkpoint", [reg_ptr](const auto&, auto& res) {
      Registrar& r = *reg_ptr;
      auto note = r.Checkpoint();
      if (!note.ok()) return SendStatus(res, note.status());
      res.status = 200;
      res.set_header("Cache-Control", "no-cache");
      res.set_content(*note, "text/plain; charset=utf-8");
    });
    http.Get("/v1/register/vkey", [reg_ptr](const auto&, auto& res) {
      Registrar& r = *reg_ptr;
      res.status = 200;
      res.set_content(r.log_verifier().ToString() + "\n", "text/plain; charset=utf-8");
    });
    http.Get(R"(/v1/register/(tile/.+))", [reg_ptr](const httplib::Request& req, auto& res) {
      Registrar& r = *reg_ptr;
      auto path = reg::ParseTilePath(std::string(req.matches[1]).substr(5));
      if (!path.ok()) return SendError(res, 404, "not_found", path.status().message());
      auto tile = r.Tile(*path);
      if (!tile.ok()) return SendStatus(res, tile.status());
      res.status = 200;
      // A tile never changes once it exists; a partial one is replaced by a
      // wider one under another name.
      res.set_header("Cache-Control", "public, max-age=31536000, immutable");
      res.set_content(*tile, "application/octet-stream");
    });
    http.Get("/v1/register/entries", [reg_ptr](const httplib::Request& req, auto& res) {
      Registrar& r = *reg_ptr;
      httplib::Params params = UrlParams(req);
      uint64_t size = r.size();
      auto start = U64Param(params, "start").value_or(0);
      auto end = std::min(U64Param(params, "end").value_or(size), size);
      if (Param(params, "start") && !U64Param(params, "start")) return SendError(res, 400, "invalid_argument", "start must be a leaf index");
      if (Param(params, "end") && !U64Param(params, "end")) return SendError(res, 400, "invalid_argument", "end must be a leaf index");
      end = std::max(start, std::min(end, start + 1000));  // a page at most
      auto entries = r.store().Entries(start, end);
      if (!entries.ok()) return SendStatus(res, entries.status());
      json list = json::array();
      for (const auto& e : *entries) {
        list.push_back({{"index", e.index}, {"leaf_hash", B64(reg::LeafHash(e.bytes))},
                        {"entry", json::parse(e.bytes, nullptr, false)}});
      }
      SendJson(res, 200, {{"entries", list}, {"size", size}, {"next", end < size ? json(end) : json(nullptr)}});
    });
    http.Get("/v1/register/proof/inclusion", [reg_ptr](const httplib::Request& req, auto& res) {
      Registrar& r = *reg_ptr;
      httplib::Params params = UrlParams(req);
      auto index = U64Param(params, "index");
      auto size = U64Param(params, "size");
      if (!index || !size) return SendError(res, 400, "invalid_argument", "give index and size as whole numbers");
      if (*size > r.size()) return SendError(res, 404, "not_found", "the register has only " + std::to_string(r.size()) + " entries");
      auto proof = r.InclusionProof(*index, *size);
      if (!proof.ok()) return SendError(res, 400, "invalid_argument", proof.status().message());
      auto entries = r.store().Entries(*index, *index + 1);
      if (!entries.ok() || entries->empty()) return SendStatus(res, entries.ok() ? Status::NotFound("no entry") : entries.status());
      SendJson(res, 200, {{"index", *index}, {"size", *size}, {"leaf_hash", B64(reg::LeafHash(entries->front().bytes))},
                          {"root", B64(r.Root(*size))}, {"proof", HashesJson(*proof)}});
    });
    http.Get("/v1/register/proof/consistency", [reg_ptr](const httplib::Request& req, auto& res) {
      Registrar& r = *reg_ptr;
      httplib::Params params = UrlParams(req);
      auto old_size = U64Param(params, "old");
      auto new_size = U64Param(params, "new");
      if (!old_size || !new_size) return SendError(res, 400, "invalid_argument", "give old and new as whole numbers");
      if (*new_size > r.size()) return SendError(res, 404, "not_found", "the register has only " + std::to_string(r.size()) + " entries");
      auto proof = r.ConsistencyProof(*old_size, *new_size);
      if (!proof.ok()) return SendError(res, 400, "invalid_argument", proof.status().message());
      SendJson(res, 200, {{"old", *old_size}, {"new", *new_size}, {"old_root", B64(r.Root(*old_size))},
                          {"new_root", B64(r.Root(*new_size))}, {"proof", HashesJson(*proof)}});
    });
    http.Get("/v1/register/cosigners", [this, reg_ptr](const auto&, auto& res) {
      Registrar& r = *reg_ptr;
      // Every party with a pinned witness key, and how far it has vouched.
      auto cosigs = r.store().LatestCosignatures();
      if (!cosigs.ok()) return SendStatus(res, cosigs.status());
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
      SendJson(res, 200, {{"size", size}, {"cosigners", list}});
    });
    http.Get("/v1/register/keys", [reg_ptr](const auto&, auto& res) {
      Registrar& r = *reg_ptr;
      json keys = json::array();
      const auto ring = r.keys();  // held: the loop reads into it
      for (const auto& [name, k] : ring->keys()) {
        keys.push_back({{"name", name}, {"party", k.party}, {"roles", reg::RoleNames(k.roles)},
                        {"key", k.key.ToString()}, {"revoked", k.revoked}});
      }
      SendJson(res, 200, {{"keys", keys}});
    });
  }

  void GetReports(const httplib::Request& req, httplib::Response& res) {
    auto filter = ParseReportFilter(
        [&](const std::string& name) -> std::optional<std::string> {
          if (!req.has_param(name)) return std::nullopt;
          return req.get_param_value(name);
        },
        center.mission());
    if (!filter.ok()) return SendError(res, 400, "invalid_argument", filter.status().message());
    std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
    if (format != "json" && format != "geojson") {
      return SendError(res, 400, "invalid_argument", "format must be json or geojson");
    }
    auto reports = center.store().Query(*filter);
    if (!reports.ok()) return SendStatus(res, reports.status());
    json next = nullptr;
    if (reports->size() == filter->limit) next = reports->back().id;
    if (format == "geojson") {
      json body = report::ReportCollection(*reports);
      body["next_after"] = next;
      res.status = 200;
      res.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/geo+json");
      return;
    }
    json list = json::array();
    for (const auto& r : *reports) list.push_back(report::ReportJson(r));
    SendJson(res, 200, {{"reports", list}, {"count", reports->size()}, {"next_after", next}});
  }

  void GetReport(const httplib::Request& req, httplib::Response& res) {
    int64_t id = 0;
    try {
      id = std::stoll(req.matches[1]);
    } catch (...) {
      return SendError(res, 400, "invalid_argument", "the report id must be a number");
    }
    auto report = ReportById(id);
    if (!report.ok()) return SendStatus(res, report.status());
    if (!*report) return SendError(res, 404, "not_found", "no report has id " + std::to_string(id));
    SendJson(res, 200, report::ReportJson(**report));
  }

  // Incidents, determinations and their events (docs/API.md, "Findings").
  void FindingRoutes() {
    auto need = [this](httplib::Response& res) {
      if (findings) return true;
      SendError(res, 503, "unavailable", "findings are not being kept by this server");
      return false;
    };
    http.Get("/v1/incidents", [this, need](const httplib::Request& req, httplib::Response& res) {
      if (!need(res)) return;
      IncidentFilter f;
      httplib::Params params = UrlParams(req);
      f.category = Param(params, "category").value_or("");
      f.responsible = Param(params, "responsible").value_or("");
      f.clause = Param(params, "clause").value_or("");
      f.state = Param(params, "state").value_or("");
      if (!f.state.empty() && f.state != "none" && !review::ParseState(f.state)) {
        return SendError(res, 400, "invalid_argument",
                         "state must be none, proposed, final, disputed or superseded, not '" + f.state + "'");
      }
      if (!f.category.empty() && !ParseCategory(f.category)) {
        return SendError(res, 400, "invalid_argument", "category '" + f.category + "' is not one of " + CategoryList());
      }
      for (const char* name : {"from", "to"}) {
        if (auto v = Param(params, name)) {
          auto t = ParseRfc3339(*v);
          if (!t.ok()) return SendError(res, 400, "invalid_argument", std::string(name) + ": " + t.status().message());
          (std::string(name) == "from" ? f.from_ms : f.to_ms) = t->utc_ms;
        }
      }
      f.contested_only = Param(params, "contested").value_or("") == "true";
      auto limit = U64Param(params, "limit"), offset = U64Param(params, "offset");
      if (limit) f.limit = std::min<uint64_t>(*limit, 1000);
      if (offset) f.offset = *offset;
      SendJson(res, 200, findings->Incidents(f));
    });
    http.Get(R"(/v1/incidents/([A-Za-z0-9-]+))", [this, need](const httplib::Request& req, httplib::Response& res) {
      if (!need(res)) return;
      auto inc = findings->Incident(req.matches[1]);
      if (!inc.ok()) return SendStatus(res, inc.status());
      json details = json::array();
      for (const auto& rid : (*inc)["report_ids"]) {
        auto report = ReportById(rid.get<int64_t>());
        if (report.ok() && *report) details.push_back(report::ReportJson(**report));
      }
      (*inc)["report_details"] = details;
      SendJson(res, 200, *inc);
    });
    http.Get("/v1/determinations", [this, need](const httplib::Request& req, httplib::Response& res) {
      if (!need(res)) return;
      httplib::Params params = UrlParams(req);
      std::string state = Param(params, "state").value_or("");
      if (!state.empty() && !review::ParseState(state)) {
        return SendError(res, 400, "invalid_argument", "state must be proposed, final, disputed or superseded");
      }
      size_t limit = std::min<uint64_t>(U64Param(params, "limit").value_or(100), 1000);
      SendJson(res, 200, {{"determinations", findings->Determinations(state, limit)}});
    });
    http.Get(R"(/v1/determinations/(\d+))", [this, need](const httplib::Request& req, httplib::Response& res) {
      if (!need(res)) return;
      auto entry = ParseU64(req.matches[1]);
      if (!entry) {
        return SendError(res, 404, "not_found", "entry " + std::string(req.matches[1]) + " is not a determination");
      }
      auto d = findings->Determination(*entry);
      if (!d.ok()) return SendStatus(res, d.status());
      SendJson(res, 200, *d);
    });
    // Server-sent events: each new or changed incident and determination.
    // A client that reconnects with Last-Event-ID (or ?after=) gets what it
    // missed, as far as the last 10,000 events go.
    http.Get("/v1/events", [this, need](const httplib::Request& req, httplib::Response& res) {
      if (!need(res)) return;
      uint64_t after = findings->last_seq();
      std::string last = req.get_header_value("Last-Event-ID");
      if (req.has_param("after")) last = req.get_param_value("after");
      if (!last.empty()) {
        auto n = ParseU64(last);
        if (!n) return SendError(res, 400, "invalid_argument", "after / Last-Event-ID must be an event number");
        after = *n;
        // An id from before a restart of the server (numbers start again at
        // 1): everything kept is sent, rather than nothing until it passes.
        if (after > findings->last_seq()) after = 0;
      }
      // Each stream holds a worker for as long as it is open: a few are
      // kept back for writes and reads.
      if (streams.fetch_add(1) >= kMaxStreams) {
        --streams;
        return SendError(res, 503, "unavailable",
                         "too many event streams are open (" + std::to_string(kMaxStreams) + "); try again later");
      }
      auto cursor = std::make_shared<uint64_t>(after);
      // Counted down when the response (and its provider) is done with.
      auto held = std::shared_ptr<void>(nullptr, [this](void*) { --streams; });
      res.set_header("Cache-Control", "no-cache");
      res.set_chunked_content_provider("text/event-stream", [this, cursor, held](size_t, httplib::DataSink& sink) {
        if (stopping) return false;
        auto events = findings->EventsAfter(*cursor, 1000);
        std::string out;
        for (const auto& e : events) {
          out += "id: " + std::to_string(e.seq) + "\nevent: " + e.type + "\ndata: " + e.data + "\n\n";
          *cursor = e.seq;
        }
        if (out.empty()) out = ": keep-alive\n\n";
        return sink.write(out.data(), out.size());
      });
    });
  }

  void Routes() {
    http.set_payload_max_length(kMaxBodyBytes);
    // Answers go out in pieces (head, body); with Nagle's algorithm and a
    // client's delayed ACK, each kept-alive request would wait 40 ms.
    http.set_tcp_nodelay(true);
    // A worker holds a kept-alive connection for its whole life, and a
    // signed write waits for the group's fsync: enough workers that many
    // officers' writes share one commit instead of queueing for a worker.
    http.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
    http.set_keep_alive_max_count(1000);
    http.Post("/v1/reports", [this](const auto& req, auto& res) { PostEntries(req, res); });
    http.Post("/v1/register/entries", [this](const auto& req, auto& res) { PostEntries(req, res); });
    RegisterRoutes();
    FindingRoutes();
    http.Get("/v1/reports", [this](const auto& req, auto& res) { GetReports(req, res); });
    http.Get(R"(/v1/reports/(\d+))", [this](const auto& req, auto& res) { GetReport(req, res); });
    http.Get("/v1/zones", [this](const auto&, auto& res) {
      auto zones = center.store().Zones();
      if (!zones.ok()) return SendStatus(res, zones.status());
      res.status = 200;
      res.set_content(report::ZonesGeoJson(*zones).dump(), "application/geo+json");
    });
    http.Get("/v1/mission", [this](const auto&, auto& res) {
      SendJson(res, 200, report::MissionJson(center.mission()));
    });
    http.Get("/healthz", [this](const auto&, auto& res) {
      auto count = center.store().CountReports();
      if (!count.ok()) return SendError(res, 503, "unavailable", count.status().message());
      SendJson(res, 200, {{"status", "ok"}, {"mission", center.mission().id}, {"reports", *count}});
    });
    http.set_exception_handler([](const auto&, auto& res, std::exception_ptr ep) {
      std::string what = "unexpected error";
      try {
        std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      SendError(res, 500, "internal", what);
    });
    http.set_error_handler([](const auto& req, auto& res) {
      if (!res.body.empty()) return;  // a handler already wrote its error
      if (res.status == 404) {
        // A known path with the wrong method is 405, and says which it takes.
        const bool reports = req.path == "/v1/reports" || req.path == "/v1/register/entries";
        const bool read_only = req.path == "/v1/zones" || req.path == "/v1/mission" || req.path == "/healthz" ||
                               req.path.rfind("/v1/reports/", 0) == 0 || req.path.rfind("/v1/incidents", 0) == 0 ||
                               req.path.rfind("/v1/determinations", 0) == 0 || req.path == "/v1/events" ||
                               (req.path.rfind("/v1/register/", 0) == 0 && req.path != "/v1/register/entries");
        if (reports || read_only) {
          res.set_header("Allow", reports ? "GET, POST" : "GET");
          return SendError(res, 405, "method_not_allowed",
                           req.path + " takes " + (reports ? "GET or POST" : "GET") + ", not " + req.method);
        }
        SendError(res, 404, "not_found", "no such endpoint: " + req.method + " " + req.path);
      } else if (res.status == 413) {
        // cpp-httplib caps form bodies at 8 KiB: curl -d without a type sends one.
        if (req.get_header_value("Content-Type").find("x-www-form-urlencoded") != std::string::npos) {
          return SendError(res, 413, "too_large",
                           "a body sent as a form is limited to 8 KiB; send it as JSON Lines "
                           "(Content-Type: application/x-ndjson, curl -H 'Content-Type: application/x-ndjson')");
        }
        SendError(res, 413, "too_large", "the request body exceeds 256 MiB; split the batch");
      } else {
        SendError(res, res.status, "http_error", "HTTP " + std::to_string(res.status));
      }
    });
  }
};

HttpServer::HttpServer(Center& center, Cosigning* cosigning, LiveFindings* findings)
    : impl_(std::make_unique<Impl>(center, cosigning, findings)) {
  impl_->Routes();
}
HttpServer::~HttpServer() = default;

Result<int> HttpServer::Bind(const std::string& host, int port) {
  if (port == 0) {
    int bound = impl_->http.bind_to_any_port(host);
    if (bound <= 0) return Status::Io("cannot bind " + host + " on any port");
    return bound;
  }
  if (!impl_->http.bind_to_port(host, port)) {
    return Status::Io("cannot bind " + host + ":" + std::to_string(port) +
                      " (in use by another program? try --port 0 for a free one)");
  }
  return port;
}

void HttpServer::Run() { impl_->http.listen_after_bind(); }
void HttpServer::Stop() {
  impl_->stopping = true;
  impl_->http.stop();
}

}  // namespace truce::server
