#pragma once
// What a job's steps read besides the images (the `logo` step's file): named by path parameters,
// resolved where the caller decides (the server confines them to its input root), and checked
// and loaded once per job before any image is touched, so a bad file refuses the whole job with
// one message instead of failing every image.

#include <functional>
#include <string>
#include <vector>

#include "filters/chain.hpp"

namespace lote {

// The path to use for a file parameter's value, or why it is refused.
using FileResolver = std::function<Result<std::string>(const std::string& given)>;

// Replaces every file parameter of every step with what `resolve` makes of it. The message
// names the chain (when it has a name of its own), the step, the filter and the parameter.
Status resolve_step_files(std::vector<Chain>& chains, const FileResolver& resolve);
// Runs every step's preparation (decoding its logo); the first failure, named the same way.
Status prepare_chain_resources(const std::vector<Chain>& chains);
// Every file the chains read, as their parameters hold them now.
std::vector<std::string> files_read_by(const std::vector<Chain>& chains);

}  // namespace lote
