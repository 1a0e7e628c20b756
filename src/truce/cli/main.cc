// truce: the joint ceasefire monitoring center's command.
#include <CLI/CLI.hpp>

#include "truce/cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"truce — the software of a joint ceasefire monitoring center", "truce"};
  app.set_version_flag("--version", "truce 0.1.0");
  app.require_subcommand(1);
  truce::cli::AddInit(app);
  truce::cli::AddIngest(app);
  truce::cli::AddQuery(app);
  truce::cli::AddServe(app);
  truce::cli::AddMission(app);
  truce::cli::AddKeys(app);
  truce::cli::AddSign(app);
  truce::cli::AddRegister(app);
  truce::cli::AddVerify(app);
  truce::cli::AddWitness(app);
  truce::cli::AddSim(app);
  truce::cli::AddScore(app);
  truce::cli::AddIncidents(app);
  truce::cli::AddReview(app);
  truce::cli::AddPatrol(app);
  truce::cli::AddAirspace(app);
  truce::cli::AddReport(app);
  truce::cli::AddExport(app);
  truce::cli::AddBackup(app);
  truce::cli::AddGet(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}
