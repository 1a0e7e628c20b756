// The `truce` subcommands. Each Add* registers its options on the app and
// the function that runs it; main.cc only wires them together.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "truce/center/center.h"

namespace truce::cli {

void AddInit(CLI::App& app);
void AddIngest(CLI::App& app);
void AddQuery(CLI::App& app);
void AddServe(CLI::App& app);
void AddMission(CLI::App& app);
void AddKeys(CLI::App& app);
void AddSign(CLI::App& app);
void AddRegister(CLI::App& app);
void AddVerify(CLI::App& app);
void AddWitness(CLI::App& app);
void AddSim(CLI::App& app);
void AddScore(CLI::App& app);
void AddIncidents(CLI::App& app);
void AddReview(CLI::App& app);
void AddPatrol(CLI::App& app);
void AddAirspace(CLI::App& app);
void AddReport(CLI::App& app);  // truce report daily
void AddExport(CLI::App& app);  // truce export
void AddBackup(CLI::App& app);  // truce backup and truce restore
void AddGet(CLI::App& app);

// Opens the database and the mission it was initialised for (or the pack
// given with --mission). With `create`, a missing database is created and
// initialised from the pack, which must then be given.
// The center writes to the register only with its log key: from
// `log_key_path`, else $TRUCE_LOG_KEY, else the pack's demonstration key
// (log_key_file); with none of them it opens read-only.
// Its time comes from `clock` (truce serve --manual-clock), which outlives it.
Result<std::unique_ptr<Center>> OpenCenter(const std::string& db_path, const std::string& mission_dir, bool create,
                                           const std::string& log_key_path = "",
                                           const Clock& clock = SystemClock::Instance());
// Opens the database only to read (Center::OpenToRead): for commands that
// write nothing to it and need no proofs, such as exports and reports.
Result<std::unique_ptr<Center>> OpenCenterToRead(const std::string& db_path, const std::string& mission_dir);

// Prints "truce: <message>" to stderr and returns the exit code for it.
int Fail(const Status& status);

}  // namespace truce::cli
