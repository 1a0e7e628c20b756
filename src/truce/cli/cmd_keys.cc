// truce keys: make an officer's, a party's or the center's key pair.
#include <sys/stat.h>

#include <cstdio>
#include <fstream>

#include "truce/cli/commands.h"
#include "truce/register/cosignature.h"
#include "truce/register/keyring.h"
#include "truce/server/http_client.h"

namespace truce::cli {

void AddKeys(CLI::App& app) {
  auto* keys = app.add_subcommand("keys", "Make and inspect signing keys");
  keys->require_subcommand(1);
  auto* cmd = keys->add_subcommand("new", "Make an Ed25519 key pair for an officer, a party or the center's log");
  struct Options {
    std::string party, name, out = ".";
    std::vector<std::string> roles;
    bool log = false, witness = false;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--name", o->name, "The key's name, unique in the mission (e.g. ru-obs-7)")->required();
  cmd->add_option("--party", o->party, "The center party the key acts for (e.g. RU)");
  cmd->add_option("--role", o->roles, "observer, analyst, lead, admin or party (repeatable)");
  cmd->add_flag("--log", o->log, "The center's log key, which signs checkpoints (no party or role)");
  cmd->add_flag("--witness", o->witness, "A party's witness key, which cosigns checkpoints (needs --party)");
  cmd->add_option("--out", o->out, "Folder for NAME.key (default: here)");
  cmd->callback([o] {
    if (o->witness) o->roles = {"witness"};
    if (!o->log && (o->party.empty() || o->roles.empty())) {
      throw CLI::RuntimeError(
          Fail(Status::Invalid("give --party and at least one --role (or --log for the center's log key)")));
    }
    if (!o->log) {
      auto roles = reg::ParseRoles(o->roles);
      if (!roles.ok()) throw CLI::RuntimeError(Fail(roles.status()));
    }
    for (char c : o->name) {
      if ((unsigned char)c <= ' ' || c == '+' || c == '/') {
        throw CLI::RuntimeError(Fail(Status::Invalid("a key name has no spaces, '+' or '/'")));
      }
    }
    reg::NoteSigner key = reg::NoteSigner::Generate(o->name);
    std::string path = o->out + "/" + o->name + ".key";
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) {
      throw CLI::RuntimeError(Fail(Status::Exists(path + " exists; a key is never overwritten")));
    }
    // Private from the first byte: the file is made 0600 before it is written.
    mode_t old = ::umask(077);
    std::ofstream out(path, std::ios::out | std::ios::trunc);
    ::umask(old);
    out << key.ToString() << "\n";
    out.close();
    if (!out) throw CLI::RuntimeError(Fail(Status::Io(path + ": cannot write the key file")));
    std::fprintf(stderr, "wrote %s (keep it secret: it signs as %s)\n", path.c_str(),
                 o->log ? "the center's log" : o->name.c_str());
    std::printf("# add to the mission pack's mission.toml:\n");
    if (o->log) {
      std::printf("[register]\nlog_key = \"%s\"\n", key.verifier().ToString().c_str());
    } else {
      std::string roles;
      for (const auto& r : o->roles) roles += (roles.empty() ? "\"" : ", \"") + r + "\"";
      std::string vkey = key.verifier().ToString();
      if (o->witness) vkey = reg::Cosigner::Parse(key.ToString()).value().verifier().ToString();
      std::printf("[[keys]]\nparty = \"%s\"\nroles = [%s]\nkey = \"%s\"\n", o->party.c_str(), roles.c_str(),
                  vkey.c_str());
    }
  });

  auto* pin = keys->add_subcommand("pin", "Print the pin of a TLS certificate, for clients' --pin");
  auto cert = std::make_shared<std::string>();
  pin->add_option("--cert", *cert, "The server's certificate (PEM), as given to --tls-cert")->required();
  pin->callback([cert] {
    auto p = server::PinOfCertificate(*cert);
    if (!p.ok()) throw CLI::RuntimeError(Fail(p.status()));
    std::printf("%s\n", p->c_str());
  });
}

}  // namespace truce::cli
