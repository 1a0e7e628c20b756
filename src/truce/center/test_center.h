// A center on its own SQLite file with the mini mission and its log key,
// for tests. Only tests include this.
#pragma once

#include <filesystem>
#include <memory>

#include "truce/center/center.h"
#include "truce/mission/test_mission.h"
#include "truce/store/sqlite/sqlite_store.h"

namespace truce::testing {

inline Result<std::unique_ptr<Center>> OpenMiniCenter(const std::filesystem::path& db,
                                                      const Clock& clock = SystemClock::Instance()) {
  TRUCE_ASSIGN_OR_RETURN(auto store, OpenSqliteStore(db.string()));
  return Center::Open(MiniMission(), std::move(store), reg::NoteSigner::Parse(MiniSignerKey("mini-log")).value(),
                      clock);
}

}  // namespace truce::testing
