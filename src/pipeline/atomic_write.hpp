#pragma once
<<<<<<< HEAD
// Writing an output so that no truncated file ever sits under its name: the bytes go to a hidden
// temporary file in the same folder (pipeline/temporary_names.hpp), which is renamed over the
// final name once complete (rename is atomic within one file system). Any failure removes the
// temporary file. Parent folders are created. There is no fsync: this protects against the
// process dying or a failed write, not against a power cut (a batch can be re-run).
=======
// Writing an output so that no truncated file ever sits under its name, and so that an output
// reported as written survives a power cut: the bytes go to a hidden temporary file in the same
// folder, which is flushed to the disk (fsync), renamed over the final name (atomic within one
// file system), and then the folder itself is flushed so the rename is on the disk too. Only
// then does the write count as done. Any failure removes the temporary file. Parent folders are
// created.
//
// The temporary name is short whatever the output's name: ".<first bytes of the name>.lote-tmp-
// <pid>-<n>", at most ~70 bytes, so an output name close to the file system's limit (255 bytes)
// is written as well as any other. An output name over that limit is refused with its length.
>>>>>>> harden-engine
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace lote {

Status write_file_atomically(const std::string& path, std::string_view bytes);

// True for names write_file_atomically uses for its temporary files (scanners skip them).
bool is_temporary_output_name(std::string_view file_name);

}  // namespace lote
