#include "exec/redis/share_check.hpp"

#include "exec/redis/share_marker.hpp"

namespace lote {

namespace fs = std::filesystem;

namespace {

const PathMapping* deepest_map_above(const fs::path& folder, const std::vector<PathMapping>& maps) {
    const PathMapping* best = nullptr;
    for (const auto& map : maps) {
        if (!path_is_within(folder, map.from)) continue;
        if (!best || map.from.string().size() > best->from.string().size()) best = &map;
    }
    return best;
}

// A map of a folder inside the share: the marker sits as many levels above TO as FROM is below
// the shared folder.
const PathMapping* map_below(const fs::path& folder, const std::vector<PathMapping>& maps) {
    for (const auto& map : maps) {
        if (path_is_within(map.from, folder)) return &map;
    }
    return nullptr;
}

fs::path ancestor(fs::path path, std::size_t levels) {
    for (std::size_t i = 0; i < levels; ++i) path = path.parent_path();
    return path;
}

std::size_t depth_below(const fs::path& inner, const fs::path& outer) {
    std::size_t depth = 0;
    for (const auto& part : inner.lexically_relative(outer)) {
        if (part != ".") ++depth;
    }
    return depth;
}

void look_at_marker(CheckedShare& checked) {
    std::error_code ec;
    if (!fs::is_directory(checked.marker_folder, ec)) {
        checked.sight = ShareSight::Missing;
        return;
    }
    auto found = read_share_marker(checked.marker_folder);
    if (!found) {
        checked.sight = ShareSight::NoMarker;
    } else if (*found != checked.share.id) {
        checked.found_id = *found;
        checked.sight = ShareSight::OtherMarker;
    } else {
        checked.sight = ShareSight::Seen;
    }
}

std::string shared_list(const std::vector<ShareView>& shares) {
    std::string text;
    for (const auto& share : shares)
        text += (text.empty() ? "" : ", ") + share.coordinator.string();
    return text;
}

bool related(const ShareView& share, const PathMapping& map) {
    return path_is_within(share.coordinator, map.from) ||
           path_is_within(map.from, share.coordinator);
}

// The refusal for one map, or empty when it leads to at least one share and every one of them
// it leads to holds the right marker.
std::string problem_with_map(const PathMapping& map, const std::vector<ShareView>& shares,
                             bool& serves) {
    std::error_code ec;
    if (!fs::is_directory(map.to, ec)) {
        return "--map " + map.from.string() + "=" + map.to.string() + ": " + map.to.string() +
               " is not a folder on this machine";
    }
    std::vector<CheckedShare> checked;
    for (const auto& share : shares) {
        if (related(share, map)) checked.push_back(check_share(share, {map}));
    }
    if (checked.empty()) {
        return "wrong map --map " + map.from.string() + "=" + map.to.string() + ": " +
               map.from.string() +
               " is neither inside nor above a folder the coordinators share (" +
               shared_list(shares) + ")";
    }
    std::string missing;
    for (const auto& c : checked) {
        if (c.sight == ShareSight::NoMarker || c.sight == ShareSight::OtherMarker) {
            return describe_sight(c);
        }
        if (c.sight == ShareSight::Seen) serves = true;
        if (c.sight == ShareSight::Missing)
            missing += (missing.empty() ? "" : ", ") + c.marker_folder.string();
    }
    if (!serves) {
        return "wrong map --map " + map.from.string() + "=" + map.to.string() +
               ": none of the shared folders is where the map leads (no " + missing + ")";
    }
    return {};
}

}  // namespace

CheckedShare check_share(const ShareView& share, const std::vector<PathMapping>& maps) {
    CheckedShare checked;
    checked.share = share;
    if (maps.empty()) {
        checked.root = {share.coordinator, share.coordinator};
        checked.marker_folder = share.coordinator;
    } else if (const PathMapping* above = deepest_map_above(share.coordinator, maps)) {
        fs::path local = replace_prefix(share.coordinator, above->from, above->to);
        checked.root = {share.coordinator, local};
        checked.marker_folder = local;
    } else if (const PathMapping* below = map_below(share.coordinator, maps)) {
        checked.root = *below;
        checked.marker_folder = ancestor(below->to, depth_below(below->from, share.coordinator));
    } else {
        return checked;  // Unmapped
    }
    look_at_marker(checked);
    return checked;
}

std::string describe_sight(const CheckedShare& c) {
    const std::string where = c.marker_folder.string();
    const std::string what = c.share.coordinator.string();
    switch (c.sight) {
        case ShareSight::Seen:
            return where + " is the coordinator's " + what;
        case ShareSight::Missing:
            return "wrong map: the coordinator's " + what + " should be at " + where +
                   ", which does not exist here";
        case ShareSight::NoMarker:
            return "wrong map: " + where + " holds no share marker (" + kShareMarkerName +
                   "), so it is not the coordinator's " + what + " (is the share mounted there?)";
        case ShareSight::OtherMarker:
            return "share marker mismatch: " + where + " holds marker " + c.found_id +
                   " but the coordinator's " + what + " holds " + c.share.id +
                   ": this machine sees another folder there";
        case ShareSight::Unmapped:
            return "no --map leads to the coordinator's " + what;
    }
    return {};
}

StartVerdict check_maps_at_start(const std::vector<PathMapping>& maps,
                                 const std::vector<ShareView>& shares) {
    using Kind = StartVerdict::Kind;
    for (const auto& map : maps) {
        std::error_code ec;
        if (!fs::is_directory(map.to, ec)) {
            return {Kind::Refuse, "--map " + map.from.string() + "=" + map.to.string() + ": " +
                                      map.to.string() + " is not a folder on this machine"};
        }
    }
    if (shares.empty()) {
        return {Kind::Wait, "no coordinator has shared a folder on this broker yet"};
    }
    if (maps.empty()) {
        bool any = false;
        for (const auto& share : shares) {
            CheckedShare c = check_share(share, {});
            if (c.sight == ShareSight::NoMarker || c.sight == ShareSight::OtherMarker) {
                return {Kind::Refuse, describe_sight(c) +
                                          "; give --map FROM=TO if this machine "
                                          "mounts it elsewhere"};
            }
            any = any || c.sight == ShareSight::Seen;
        }
        if (!any) {
            return {Kind::Refuse, "none of the folders the coordinators share (" +
                                      shared_list(shares) +
                                      ") is on this machine: give --map FROM=TO for each mount"};
        }
        return {Kind::Serve, {}};
    }
    for (const auto& map : maps) {
        bool serves = false;
        if (std::string problem = problem_with_map(map, shares, serves); !problem.empty()) {
            return {Kind::Refuse, problem};
        }
    }
    return {Kind::Serve, {}};
}

}  // namespace lote
