// truce review: a party lead's side of the joint review, against a running
// server — list determinations, cosign them, dispute them with reasons, say
// with reasons that the center cannot establish what happened
// (unverifiable), or follow the proposals as they come (a stand-in lead for
// demonstrations).
#include <chrono>
#include <cstdio>
#include <optional>
#include <set>
#include <thread>

#include "truce/cli/center_client.h"
#include "truce/cli/commands.h"
#include "truce/cli/server_access.h"
#include "truce/cli/stop_signals.h"
#include "truce/register/entry.h"
#include "truce/review/review.h"

namespace truce::cli {
namespace {

// Signs and sends one position (cosign, dispute, unverifiable) on
// determination `entry`.
Status Send(EntrySigner& lead, std::string_view kind, uint64_t entry, const std::string& reasons) {
  TRUCE_ASSIGN_OR_RETURN(nlohmann::json d, lead.client.Get("/v1/determinations/" + std::to_string(entry)));
  std::string incident = d.value("incident", std::string());
  // The entry follows the party's current position on the determination
  // (docs/REGISTER.md, "Review entries"): the server refuses one that
  // follows any other, so a position read before another's change is
  // never taken for the newest.
  std::optional<uint64_t> previous;
  if (d.contains("positions") && d["positions"].is_array()) {
    for (const auto& p : d["positions"]) {
      if (JsonText(p, "party") == lead.party && p.contains("entry") && p["entry"].is_number_unsigned()) {
        previous = p["entry"].get<uint64_t>();
      }
    }
  }
  nlohmann::json body = kind == reg::kind::kCosign    ? reg::CosignBody(entry, incident, previous)
                        : kind == reg::kind::kDispute ? reg::DisputeBody(entry, incident, reasons, previous)
                                                      : reg::UnverifiableBody(entry, incident, reasons, previous);
  const Instant now{SystemClock::Instance().NowMs(), 0};
  TRUCE_ASSIGN_OR_RETURN(reg::Entry e,
                         reg::MakeEntry(kind, lead.party, lead.key.verifier().name, now, std::move(body), &lead.key));
  TRUCE_ASSIGN_OR_RETURN(nlohmann::json answer, lead.client.PostEntries(e.bytes + "\n"));
  std::printf("%s %s determination %llu of %s (register entry %s)\n", lead.party.c_str(),
              kind == reg::kind::kCosign    ? "cosigned"
              : kind == reg::kind::kDispute ? "disputed"
                                            : "found unverifiable",
              static_cast<unsigned long long>(entry), incident.c_str(),
              answer["entries"].empty() ? "?" : answer["entries"][0]["index"].dump().c_str());
  std::fflush(stdout);
  return Status::Ok();
}

int Rank(const std::string& confidence) {
  return confidence == "high" ? 3 : confidence == "medium" ? 2 : confidence == "low" ? 1 : 0;
}

void PrintDeterminations(const nlohmann::json& list) {
  std::printf("%-7s %-10s %-12s %-8s %-8s %-14s %s\n", "entry", "incident", "state", "by", "conf.", "clauses",
              "positions");
  for (const auto& d : list) {
    const nlohmann::json f = d.is_object() && d.contains("finding") ? d["finding"] : nlohmann::json::object();
    std::string clauses, positions;
    if (f.is_object() && f.contains("clauses") && f["clauses"].is_array()) {
      for (const auto& c : f["clauses"]) {
        if (c.is_string()) clauses += (clauses.empty() ? "" : ",") + c.get<std::string>();
      }
    }
    if (d.contains("positions") && d["positions"].is_array()) {
      for (const auto& p : d["positions"]) {
        positions += (positions.empty() ? "" : " ") + JsonText(p, "party") + ":" + JsonText(p, "position");
      }
    }
    std::printf("%-7s %-10s %-12s %-8s %-8s %-14s %s\n", d.contains("entry") ? d["entry"].dump().c_str() : "?",
                JsonText(d, "incident").c_str(), JsonText(d, "state").c_str(), JsonText(f, "responsible", "-").c_str(),
                JsonText(f, "confidence").c_str(), clauses.empty() ? "-" : clauses.c_str(), positions.c_str());
  }
}

}  // namespace

void AddReview(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "review", "The joint review: list, cosign, dispute or find unverifiable determinations on a server");
  cmd->require_subcommand(1);
  struct Options {
    ServerAccess access;
    std::string reason, state, cosign_at = "high", dispute_naming;
    std::vector<uint64_t> entries;
    double poll_s = 1;
  };
  auto o = std::make_shared<Options>();

  auto* list = cmd->add_subcommand("list", "List determinations and each party's position");
  AddServerAccess(list, &o->access);
  list->add_option("--state", o->state, review::StateList());
  list->callback([o] {
    auto client = ConnectTo(o->access);
    if (!client.ok()) throw CLI::RuntimeError(Fail(client.status()));
    auto d = client->Get("/v1/determinations?limit=1000" + (o->state.empty() ? "" : "&state=" + o->state));
    if (!d.ok()) throw CLI::RuntimeError(Fail(d.status()));
    PrintDeterminations((*d)["determinations"]);
  });

  for (std::string_view kind : {reg::kind::kCosign, reg::kind::kDispute, reg::kind::kUnverifiable}) {
    bool cosign = kind == reg::kind::kCosign, dispute = kind == reg::kind::kDispute;
    auto* sub =
        cmd->add_subcommand(std::string(kind), cosign    ? "Cosign determinations as your party's lead"
                                               : dispute ? "Dispute a determination, saying why"
                                                         : "Say the center cannot establish what happened, and why");
    AddServerAccess(sub, &o->access, false);
    sub->add_option("--key", o->access.key, "Your lead key file")->required();
    if (!cosign) {
      sub->add_option("--reason", o->reason,
                      dispute ? "Why your party disputes it" : "What cannot be established, and why")
          ->required();
    }
    sub->add_option("ENTRY", o->entries, "The determination's register entry number")->required();
    sub->callback([o, kind] {
      auto lead = ConnectToSign(o->access);
      if (!lead.ok()) throw CLI::RuntimeError(Fail(lead.status()));
      for (uint64_t e : o->entries) {
        Status st = Send(*lead, kind, e, o->reason);
        if (!st.ok()) throw CLI::RuntimeError(Fail(st));
      }
    });
  }

  auto* follow = cmd->add_subcommand(
      "follow",
      "Review proposals as they come: cosign those sure enough, dispute those naming a party you contest; "
      "never says unverifiable, and leaves alone what is no longer proposed "
      "(a stand-in for a lead, for demonstrations and exercises)");
  AddServerAccess(follow, &o->access, false);
  follow->add_option("--key", o->access.key, "The lead key file")->required();
  follow->add_option("--cosign-at", o->cosign_at, "Cosign proposals of at least this confidence: high, medium or low")
      ->check(CLI::IsMember({"high", "medium", "low"}));
  follow->add_option("--dispute-naming", o->dispute_naming,
                     "Dispute, instead, any proposal that names this party responsible");
  follow->add_option("--poll", o->poll_s, "Seconds between looks (default 1)");
  follow->callback([o] {
    BlockStopSignals();
    auto lead = ConnectToSign(o->access);
    if (!lead.ok()) throw CLI::RuntimeError(Fail(lead.status()));
    std::set<uint64_t> seen;
    std::atomic<bool> stop{false};
    RunUntilStopSignal(
        [&] {
          while (!stop) {
            // The party's queue: proposed, and no position of its own yet.
            // A determination the parties found unverifiable, disputed or
            // final is not proposed, so it is never acted on here.
            auto d = lead->client.Get("/v1/determinations?awaiting=" + lead->party + "&limit=1000");
            if (d.ok()) {
              for (const auto& rec : (*d)["determinations"]) {
                if (!rec.contains("entry") || !rec["entry"].is_number_unsigned()) continue;
                uint64_t entry = rec["entry"].get<uint64_t>();
                // Checked here too: a server from before `awaiting` lists all.
                if (seen.count(entry) || JsonText(rec, "state") != "proposed") continue;
                bool mine = false;
                if (rec.contains("positions") && rec["positions"].is_array()) {
                  for (const auto& p : rec["positions"]) {
                    mine |= JsonText(p, "party") == lead->party && JsonText(p, "position") != "awaited";
                  }
                }
                if (mine) continue;
                const nlohmann::json f = rec.contains("finding") ? rec["finding"] : nlohmann::json::object();
                std::string responsible = JsonText(f, "responsible");
                Status st;
                if (!o->dispute_naming.empty() && responsible == o->dispute_naming) {
                  seen.insert(entry);
                  st = Send(*lead, reg::kind::kDispute, entry,
                            lead->party + " does not accept that " + responsible +
                                " fired: the firing point is not established to its satisfaction.");
                } else if (Rank(JsonText(f, "confidence")) >= Rank(o->cosign_at)) {
                  seen.insert(entry);
                  st = Send(*lead, reg::kind::kCosign, entry, "");
                }
                if (!st.ok()) std::fprintf(stderr, "truce: %s\n", st.ToString().c_str());
              }
            } else {
              std::fprintf(stderr, "truce: %s\n", d.status().ToString().c_str());
            }
            for (int i = 0; i < int(o->poll_s * 10) && !stop; ++i)
              std::this_thread::sleep_for(std::chrono::milliseconds(100));
          }
        },
        [&] { stop = true; });
  });
}

}  // namespace truce::cli
