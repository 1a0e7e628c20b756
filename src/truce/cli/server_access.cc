#include "truce/cli/server_access.h"

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

}  // namespace truce::cli
