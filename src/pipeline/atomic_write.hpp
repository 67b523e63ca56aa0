#pragma once
// Writing an output so that no truncated file ever sits under its name, and so that an output
// reported as written survives a power cut: the bytes go to a hidden temporary file in the same
// folder (pipeline/temporary_names.hpp), which is flushed to the disk (fsync), renamed over the
// final name (atomic within one file system), and then the folder itself is flushed so the rename
// is on the disk too. Only then does the write count as done. Any failure removes the temporary
// file. Parent folders are created.
//
// The temporary name is short whatever the output's name (at most ~130 bytes), so an output name
// close to the file system's limit (255 bytes) is written as well as any other. An output name
// over that limit is refused with its length.
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace lote {

Status write_file_atomically(const std::string& path, std::string_view bytes);

// True for names write_file_atomically uses for its temporary files (scanners skip them).
bool is_temporary_output_name(std::string_view file_name);

}  // namespace lote
