#pragma once
// Writing an output so that no truncated file ever sits under its name: the bytes go to a hidden
// temporary file in the same folder (pipeline/temporary_names.hpp), which is renamed over the
// final name once complete (rename is atomic within one file system). Any failure removes the
// temporary file. Parent folders are created. There is no fsync: this protects against the
// process dying or a failed write, not against a power cut (a batch can be re-run).
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace lote {

Status write_file_atomically(const std::string& path, std::string_view bytes);

// True for names write_file_atomically uses for its temporary files (scanners skip them).
bool is_temporary_output_name(std::string_view file_name);

}  // namespace lote
