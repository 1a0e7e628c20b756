// truce get: one signed request to a running center, its answer on
// stdout — what curl would do, with the officer's signature that reading
// reports and findings needs. An event stream (/v1/events) is printed as
// it comes, until Ctrl-C.
#include <httplib.h>

#include <cstdio>

#include "truce/cli/commands.h"
#include "truce/cli/server_access.h"
#include "truce/core/time.h"
#include "truce/server/request_auth.h"

namespace truce::cli {

void AddGet(CLI::App& app) {
  auto* cmd = app.add_subcommand("get", "GET a path from a running center, signed with your officer key");
  struct Options {
    ServerAccess access;
    std::string path;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("PATH", o->path, "The path and query, e.g. /v1/incidents?limit=10 or /v1/events")->required();
  AddServerAccess(cmd, &o->access);
  cmd->callback([o] {
    if (o->path.empty() || o->path[0] != '/') throw CLI::RuntimeError(Fail(Status::Invalid("PATH starts with /")));
    auto client = server::HttpClient::Open(o->access.url, o->access.trust());
    if (!client.ok()) throw CLI::RuntimeError(Fail(client.status()));
    httplib::Headers headers;
    if (!o->access.key.empty()) {
      auto key = reg::ReadSignerKeyFile(o->access.key);
      if (!key.ok()) throw CLI::RuntimeError(Fail(key.status()));
      headers.emplace("Authorization",
                      server::SignRequest(*key, "GET", o->path, SystemClock::Instance().NowMs() / 1000));
    }
    httplib::ClientImpl& http = client->http();
    http.set_read_timeout(3600);
    int status = 0;
    auto res = http.Get(
        o->path, headers,
        [&](const httplib::Response& r) {
          status = r.status;
          return true;
        },
        [&](const char* data, size_t n) {
          std::fwrite(data, 1, n, status == 200 ? stdout : stderr);
          std::fflush(status == 200 ? stdout : stderr);
          return true;
        });
    if (!res) {
      throw CLI::RuntimeError(Fail(
          Status(Code::kUnavailable, client->base() + o->path + ": " + server::DescribeError(res.error(), *client))));
    }
    if (status != 200) {
      std::fprintf(stderr, "\n");
      throw CLI::RuntimeError(
          Fail(Status(status == 401 || status == 403 ? Code::kPermissionDenied : Code::kInvalidArgument,
                      client->base() + o->path + ": HTTP " + std::to_string(status) +
                          (status == 401 ? " (give --key FILE: an officer's key)" : ""))));
    }
  });
}

}  // namespace truce::cli
