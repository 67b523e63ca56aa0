#pragma once
// Small helpers for the batch tests: a temporary folder that removes itself (tests/support), and
// files with chosen bytes.

#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"

namespace lote::testing {

using test_support::TempDir;
using test_support::write_file;

// Enough of a JPEG header for the scanner's signature check (not decodable).
inline std::string jpeg_magic() {
    return std::string("\xFF\xD8\xFF\xE0", 4) + "0000JFIF";
}
inline std::string png_magic() {
    return std::string("\x89PNG\r\n\x1A\n", 8) + "0000IHDR";
}

}  // namespace lote::testing
