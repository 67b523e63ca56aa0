#pragma once
// Small helpers for the batch tests: a temporary folder that removes itself, and files with
// chosen bytes.

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace lote::testing {

class TempDir {
  public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("lote-batch-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

// Enough of a JPEG header for the scanner's signature check (not decodable).
inline std::string jpeg_magic() {
    return std::string("\xFF\xD8\xFF\xE0", 4) + "0000JFIF";
}
inline std::string png_magic() {
    return std::string("\x89PNG\r\n\x1A\n", 8) + "0000IHDR";
}

}  // namespace lote::testing
