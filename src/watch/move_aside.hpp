#pragma once
// Putting a processed input away (the drop box's "processed" and "errors" folders): moved, never
// replacing a file already there (`a.jpg` becomes `a-1.jpg`, `a-2.jpg`, ...), and never seen
// half-moved. On one file system that is a rename that refuses to replace; across file systems
// the copy is written under a hidden name, flushed, linked into place (which also refuses to
// replace) and only then is the original removed.

#include <filesystem>
#include <string>

#include "util/result.hpp"

namespace lote::watch {

// Moves `file` to `folder`/`relative` (sub-folders made as needed); returns where it went.
Result<std::filesystem::path> move_aside(const std::filesystem::path& file,
                                         const std::filesystem::path& folder,
                                         const std::string& relative);

}  // namespace lote::watch
