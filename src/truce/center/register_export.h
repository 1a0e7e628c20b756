// Writing the register's export (docs/REGISTER.md, "Export"): a folder
// anyone can check offline with `truce verify` (register/export.h reads it)
// or with their own tools.
#pragma once

#include <functional>
#include <string>

#include "truce/center/center.h"

namespace truce {

// Writes the export into `dir` (which must not exist) via a temporary
// folder renamed at the end, so a failed export leaves nothing half-made.
// `progress(done, total)` after each page of entries.
Status WriteRegisterExport(Center& center, const std::string& dir,
                           const std::function<void(uint64_t, uint64_t)>& progress);

}  // namespace truce
