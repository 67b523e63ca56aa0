#pragma once
// The output folder's memory of what it holds: `<out>/.lote-manifest.sqlite` (WAL journal, busy
// timeout, one transaction per image), so a batch interrupted anyhow resumes on the next run.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "db/sqlite.hpp"
#include "util/result.hpp"

namespace lote {

inline constexpr const char* kManifestFileName = ".lote-manifest.sqlite";

// What an input looked like when last hashed; size and mtime spare re-hashing an unchanged file.
struct InputStamp {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string hash;
};

struct OutputRecord {
    std::string output;  // relative to the output root
    std::string input;   // the input's path as scanned
    std::string input_hash;
    std::string settings;  // chain fingerprint + save and load options
    std::uint64_t output_size = 0;
    std::int64_t output_mtime_ns = 0;
};

class Manifest {
  public:
    // Opens or creates the manifest in `output_root` (which must exist).
    static Result<std::unique_ptr<Manifest>> open(const std::filesystem::path& output_root);
    // For looking only (a dry run): the manifest as it is, changing nothing on disk, or an empty
    // one in memory when the output folder has none yet.
    static Result<std::unique_ptr<Manifest>> open_for_reading(
        const std::filesystem::path& output_root);
    Manifest(const Manifest&) = delete;
    Manifest& operator=(const Manifest&) = delete;

    std::optional<OutputRecord> find_output(const std::string& output) const;
    std::optional<InputStamp> find_input(const std::string& input) const;
    // Every output recorded for this input (any chain, any name it was given).
    std::vector<OutputRecord> outputs_of_input(const std::string& input) const;
    // One transaction: the input's stamp, every output written, and forgetting the outputs that
    // failed (so they are redone next time). Safe to call from several threads.
    Status record_image(const std::string& input, const InputStamp& stamp,
                        const std::vector<OutputRecord>& written,
                        const std::vector<std::string>& failed_outputs);

  private:
    explicit Manifest(db::Connection db) : db_(std::move(db)) {}
    Status record_image_locked(const std::string& input, const InputStamp& stamp,
                               const std::vector<OutputRecord>& written,
                               const std::vector<std::string>& failed_outputs);

    db::Connection db_;
    mutable std::mutex mutex_;
};

}  // namespace lote
