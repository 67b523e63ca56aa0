#pragma once
// The share marker: a hidden file `.lote-share` holding a random id, which a coordinator writes
// in the folders it shares with nodes (its input and output folders, or a folder above them
// that already holds one) and registers on the broker. A node checks that the folder its --map
// points at holds the same id before it touches anything there: a node whose map points at the
// wrong folder (another NAS, an empty mount point, a stale copy with its own marker) refuses to
// start instead of writing outputs where nobody will find them.

#include <filesystem>
#include <optional>
#include <string>

#include "util/result.hpp"

namespace lote {

inline constexpr const char* kShareMarkerName = ".lote-share";

struct Share {
    std::filesystem::path root;  // the folder holding the marker
    std::string id;
};

// The id in `folder`'s marker; nothing when there is no readable, well-formed marker.
std::optional<std::string> read_share_marker(const std::filesystem::path& folder);

// The share `folder` belongs to: the nearest folder at or above it on the same file system that
// holds a marker, or else a new marker written in `folder` itself.
Result<Share> find_or_mark_share(const std::filesystem::path& folder);

// 32 random hex digits.
std::string random_hex_id();

}  // namespace lote
