// How deep a JSON text nests, measured before it is parsed: a scan of its
// bytes that needs no memory, so a hostile text nested 50,000 deep is
// refused before any parser or writer recurses into it.
#pragma once

#include <cstddef>
#include <string_view>

#include "truce/core/status.h"

namespace truce {

// Deeper than any value truce reads or writes (an entry's body nests about
// six levels), and shallow enough for any recursive reader or writer.
constexpr size_t kMaxJsonNesting = 64;

// Refuses a text whose arrays and objects nest deeper than `max_depth`;
// `what` names the text in the message. Brackets inside strings do not
// count. Says nothing of whether the text is otherwise valid JSON.
Status CheckJsonNesting(std::string_view text, const std::string& what, size_t max_depth = kMaxJsonNesting);

}  // namespace truce
