#pragma once
// Symbolic links among the inputs. A link is followed only when it leads to something inside the
// folder the inputs are confined to; a link that leads out (to /etc, to another user's photos) or
// nowhere (its target was moved or deleted) is refused with a reason and never opened. The batch,
// the server's listings and its jobs all ask this one question.

#include <filesystem>
#include <optional>
#include <string>

namespace lote {

// The reason `entry` is refused, or nullopt when it is no link or one that stays inside `root`.
// `root` should be canonical (symlinks resolved); costs one lstat for a plain file.
std::optional<std::string> link_refusal(const std::filesystem::path& entry,
                                        const std::filesystem::path& root);

// Whether a refused link's own name says it would have been an image: an image extension, or none
// at all (a batch takes extension-less images too, and a refused link cannot be opened to check).
bool refused_link_counts_as_image(const std::filesystem::path& entry);

}  // namespace lote
