#pragma once
// The files a job's steps read (a logo), as a client names them: a path relative to the input
// root that must stay inside it, exactly like an input folder (an uploaded logo is one more file
// there, sent with POST /api/uploads). Each is resolved, then loaded once, before the job is
// accepted, so a bad logo is an `error` reply and never a failure per image.

#include <filesystem>
#include <vector>

#include "filters/chain.hpp"
#include "util/result.hpp"

namespace lote::server {

// Confines every file parameter of `chains` to `input_root` (replacing it with the absolute
// path) and prepares the steps. The message names the step and the parameter.
Status confine_step_files(std::vector<Chain>& chains, const std::filesystem::path& input_root);

}  // namespace lote::server
