#include "truce/cli/server_access.h"

#include <cstdio>

#include "truce/core/time.h"
#include "truce/register/entry.h"

namespace truce::cli {

void AddServerAccess(CLI::App* cmd, ServerAccess* a, bool with_key) {
  cmd->add_option("--server", a->url, "The center's URL (default http://127.0.0.1:8080)");
  cmd->add_option("--ca", a->ca, "With https://: the CA certificates (PEM) the server's certificate must chain to");
  cmd->add_option("--pin", a->pin,
                  "With https://: the server's public key, sha256/BASE64 (truce keys pin --cert FILE)");
  if (with_key) {
    cmd->add_option("--key", a->key,
                    "Your officer key file: signs each request, as reading reports and findings needs");
  }
}

Result<CenterClient> ConnectTo(const ServerAccess& a) {
  std::optional<reg::NoteSigner> reader;
  if (!a.key.empty()) {
    TRUCE_ASSIGN_OR_RETURN(reg::NoteSigner k, reg::ReadSignerKeyFile(a.key));
    reader = std::move(k);
  }
  return CenterClient::Connect(a.url, a.trust(), std::move(reader));
}

Result<EntrySigner> ConnectToSign(const ServerAccess& access) {
  TRUCE_ASSIGN_OR_RETURN(reg::NoteSigner key, reg::ReadSignerKeyFile(access.key));
  TRUCE_ASSIGN_OR_RETURN(CenterClient client, ConnectTo(access));
  TRUCE_ASSIGN_OR_RETURN(std::string party, client.PartyOfKey(key.verifier().name));
  return EntrySigner{std::move(client), std::move(key), std::move(party)};
}

Status SendEntry(EntrySigner& s, std::string_view kind, nlohmann::json body, const std::string& done) {
  const Instant now{SystemClock::Instance().NowMs(), 0};
  TRUCE_ASSIGN_OR_RETURN(reg::Entry e,
                         reg::MakeEntry(kind, s.party, s.key.verifier().name, now, std::move(body), &s.key));
  TRUCE_ASSIGN_OR_RETURN(nlohmann::json answer, s.client.PostEntries(e.bytes + "\n"));
  const std::string index = answer["entries"].empty() ? "(a copy: already in)" : answer["entries"][0]["index"].dump();
  std::printf("%s %s (register entry %s)\n", s.party.c_str(), done.c_str(), index.c_str());
  return Status::Ok();
}

std::string PeriodQuery(const std::string& from, const std::string& to) {
  std::string q;
  if (!from.empty()) q += "from=" + from;
  if (!to.empty()) q += std::string(q.empty() ? "" : "&") + "to=" + to;
  return q.empty() ? "" : "?" + q;
}

}  // namespace truce::cli
