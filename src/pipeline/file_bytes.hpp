#pragma once
// Reading raw bytes of input files (format sniffing, the BMP reader).
#include <cstddef>
#include <string>

namespace lote {

// Up to `count` bytes from the start of the file; fewer if it is shorter or unreadable.
std::string read_file_prefix(const std::string& path, std::size_t count);
// The whole file; empty if unreadable.
std::string read_whole_file(const std::string& path);

}  // namespace lote
