#pragma once
// Where a node finds a coordinator's shared folder, and whether it is the same folder: the one
// its --map leads to (the same path without maps) must hold the marker the coordinator
// registered. Checked for every registered share when the node starts, and for each run's own
// shares before the node touches one of its files.

#include <filesystem>
#include <string>
#include <vector>

#include "exec/redis/path_map.hpp"
#include "util/result.hpp"

namespace lote {

struct ShareView {
    std::filesystem::path coordinator;  // the shared folder as the coordinator sees it
    std::string id;                     // the id of the marker it wrote there
};

enum class ShareSight {
    Seen,         // the folder is here and holds the coordinator's marker
    Missing,      // the folder it maps to does not exist here
    NoMarker,     // it exists but holds no marker: not the coordinator's folder
    OtherMarker,  // it holds another share's marker
    Unmapped,     // no --map leads to it
};

struct CheckedShare {
    ShareView share;
    ShareSight sight = ShareSight::Unmapped;
    PathMapping root;                     // what the node may serve of it (when Seen)
    std::filesystem::path marker_folder;  // where the marker was looked for
    std::string found_id;                 // the marker found there, if any
};

CheckedShare check_share(const ShareView& share, const std::vector<PathMapping>& maps);

// What a node may do when it starts, given its maps and every share registered on the broker.
struct StartVerdict {
    enum class Kind { Serve, Wait, Refuse } kind = Kind::Wait;
    std::string message;  // why it waits or refuses
};

StartVerdict check_maps_at_start(const std::vector<PathMapping>& maps,
                                 const std::vector<ShareView>& shares);

// One line per share for a refusal: what was expected where, and what was found.
std::string describe_sight(const CheckedShare& checked);

}  // namespace lote
