#pragma once
// Which files of an input folder a batch works on.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace lote {

struct InputFile {
    std::filesystem::path path;  // as found under the root (absolute when the root is)
    std::string relative;        // '/'-separated path below the root; the name used in events
    // Set for a link that leads out of the confining folder or nowhere (batch/input_links.hpp):
    // the image is never opened and fails with this reason.
    std::string refusal = {};
};

struct InputScan {
    std::vector<InputFile> images;  // sorted by relative path (byte order)
    std::uint64_t not_images = 0;   // files with neither an image extension nor signature
    std::uint64_t hidden = 0;       // dot-files (our temp files and the manifest included)
    // When set, only these images (relative names) are worked on; the others are planned with
    // them so that every output keeps the name a batch of the whole folder would give it (a
    // watched folder's batch of new arrivals).
    std::optional<std::set<std::string>> selected;
};

struct ScanOptions {
    bool recursive = false;
    // Folders never entered (the output tree when it lies inside the input), compared after
    // resolving symlinks.
    std::vector<std::filesystem::path> skip_dirs;
    // Files never taken as inputs (a logo kept among the photos), compared the same way.
    std::vector<std::filesystem::path> skip_files;
    // Links to files must lead inside this folder (the server's input root for a job on one of
    // its sub-folders); empty: the scanned folder itself.
    std::filesystem::path confine_to = {};
};

// `root` may be a folder or one file. Regular files only; symlinks to files are followed when they
// stay inside `confine_to`, and listed refused (InputFile::refusal) when they lead out of it or
// nowhere; symlinks to folders only when they stay inside the root (and each folder is entered
// once, so a link loop ends). Fails when the root is missing or neither a file nor a folder.
Result<InputScan> scan_inputs(const std::filesystem::path& root, const ScanOptions& options);

}  // namespace lote
