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

// Opens the database and the mission it was initialised for (or the pack
// given with --mission). With `create`, a missing database is created and
// initialised from the pack, which must then be given.
Result<std::unique_ptr<Center>> OpenCenter(const std::string& db_path, const std::string& mission_dir,
                                           bool create);

// Prints "truce: <message>" to stderr and returns the exit code for it.
int Fail(const Status& status);

}  // namespace truce::cli
