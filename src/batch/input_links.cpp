#include "batch/input_links.hpp"

#include <algorithm>
#include <system_error>

#include "batch/image_sniff.hpp"

namespace lote {

namespace fs = std::filesystem;

namespace {

bool is_inside(const fs::path& candidate, const fs::path& root) {
    auto [root_end, unused] =
        std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
    return root_end == root.end() || (root_end->empty() && std::next(root_end) == root.end());
}

}  // namespace

std::optional<std::string> link_refusal(const fs::path& entry, const fs::path& root) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(entry, ec))) return std::nullopt;
    fs::path target = fs::canonical(entry, ec);
    if (ec == std::errc::too_many_symbolic_link_levels)
        return std::string("the link leads round in a loop; nothing was read");
    if (ec) return std::string("the link leads nowhere (its target is missing); nothing was read");
    std::error_code root_ec;
    fs::path real_root = fs::weakly_canonical(root, root_ec);
    if (!is_inside(target, root_ec ? root : real_root))
        return std::string("the link leads out of the input folder; it was not read");
    return std::nullopt;
}

bool refused_link_counts_as_image(const fs::path& entry) {
    std::string name = entry.filename().string();
    return has_image_extension(name) || entry.extension().empty();
}

}  // namespace lote
