// How a command reaches a running center: its URL, how the server's
// certificate is trusted (--ca, --pin) and the officer's key that signs each
// request (--key), as the commands that talk to a server all take them.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "truce/cli/center_client.h"

namespace truce::cli {

struct ServerAccess {
  std::string url = "http://127.0.0.1:8080";
  std::string ca, pin;  // server::ServerTrust
  std::string key;      // an officer's key file: signs requests
  server::ServerTrust trust() const { return {ca, pin}; }
};

// --server, --ca and --pin; --key too unless the command has a key of its own.
void AddServerAccess(CLI::App* cmd, ServerAccess* access, bool with_key = true);

// A client of the server, signing its requests with the key if one is given.
Result<CenterClient> ConnectTo(const ServerAccess& access);

// An officer who signs register entries (a lead's positions, a patrol's
// plan): the client, the key, and the party the server says it acts for.
struct EntrySigner {
  CenterClient client;
  reg::NoteSigner key;
  std::string party;
};
Result<EntrySigner> ConnectToSign(const ServerAccess& access);

// Signs `body` as a `kind` entry, now, sends it, and says so:
// "<party> <done> (register entry N)".
Status SendEntry(EntrySigner& s, std::string_view kind, nlohmann::json body, const std::string& done);

// "?from=…&to=…" for the period a command was given, or "".
std::string PeriodQuery(const std::string& from, const std::string& to);

}  // namespace truce::cli
