#pragma once
// `lote node --map FROM=TO`: a folder the coordinator calls FROM is TO on this machine (a NAS
// mounted at another path). A task's paths are rewritten by the longest matching FROM and must
// then lie inside one of the roots the node checked (share_check.hpp): a path outside them, or
// one that leaves them through "..", is refused, whatever a message on the broker says.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace lote {

struct PathMapping {
    std::filesystem::path from;  // as the coordinator sees it
    std::filesystem::path to;    // on this machine
};

// FROM=TO, both absolute; trailing slashes and "." are normalised away, ".." is refused.
Result<PathMapping> parse_path_mapping(std::string_view text);

// True when `path` is `root` or inside it (both lexically normal and absolute).
bool path_is_within(const std::filesystem::path& path, const std::filesystem::path& root);

// `path` with the prefix `from` replaced by `to`; `path` must be within `from`.
std::filesystem::path replace_prefix(const std::filesystem::path& path,
                                     const std::filesystem::path& from,
                                     const std::filesystem::path& to);

// The roots a node may touch for one run: each a coordinator folder and where it is here.
class PathMap {
  public:
    explicit PathMap(std::vector<PathMapping> roots) : roots_(std::move(roots)) {}

    // A coordinator path as this machine must open it; refused outside every root, and when it
    // leaves its root through a symbolic link.
    Result<std::string> to_local(const std::string& path) const;
    // A local path back as the coordinator knows it (for results); unchanged outside the roots.
    std::string to_coordinator(const std::string& path) const;
    const std::vector<PathMapping>& roots() const { return roots_; }

  private:
    std::vector<PathMapping> roots_;
};

}  // namespace lote
