#include "truce/server/http_server.h"

#include "truce/server/api.h"

namespace truce::server {

// The routes, by resource (api.h), behind the hardened listener.
struct HttpServer::Impl {
  Impl(Center& center, Cosigning* cosigning, LiveFindings* findings, ServeOptions o)
      : options(std::move(o)),
        dashboard(options.web_dir.empty() ? Result<DashboardFiles>(Status::NotFound(
                                                "this server was started without the dashboard (--web DIR)"))
                                          : DashboardFiles::Load(options.web_dir)),
        api(center, cosigning, findings, options),
        listener(options.limits, [this](const HttpRequest& req, HttpResponse& res) { api.Handle(req, res); }) {
    AddWriteRoutes(api);
    AddReportRoutes(api);
    AddRegisterRoutes(api);
    AddFindingRoutes(api);
    AddPatrolRoutes(api);
    AddDailyRoutes(api);
    AddExportRoutes(api);
    AddSessionRoutes(api);
    AddPresenceRoutes(api);
    AddDashboardRoutes(api, &dashboard);
  }

  const ServeOptions options;
  const Result<DashboardFiles> dashboard;
  Api api;
  HttpListener listener;
};

HttpServer::HttpServer(Center& center, Cosigning* cosigning, LiveFindings* findings, ServeOptions options)
    : impl_(std::make_unique<Impl>(center, cosigning, findings, std::move(options))) {}
HttpServer::~HttpServer() = default;

Result<int> HttpServer::Bind(const std::string& host, int port) {
  const ServeOptions& o = impl_->options;
  if (!o.tls_cert.empty() || !o.tls_key.empty()) {
    if (o.tls_cert.empty() || o.tls_key.empty()) return Status::Invalid("HTTPS needs both --tls-cert and --tls-key");
    TRUCE_RETURN_IF_ERROR(impl_->listener.UseTls(o.tls_cert, o.tls_key));
  }
  return impl_->listener.Bind(host, port);
}

bool HttpServer::tls() const { return impl_->listener.tls(); }
Status HttpServer::dashboard() const { return impl_->dashboard.status(); }
void HttpServer::Run() { impl_->listener.Run(); }
void HttpServer::Stop() { impl_->listener.Stop(); }
void HttpServer::Handle(const HttpRequest& req, HttpResponse& res) { impl_->api.Handle(req, res); }

}  // namespace truce::server
