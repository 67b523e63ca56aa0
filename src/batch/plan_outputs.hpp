#pragma once
// Where each output of each input goes.
//
// Naming (the seed's): `<out>/<chain>/<sub-folders>/<stem>_<chain><ext>`. Two inputs never share
// an output path: when two inputs would (a.jpg and a.png written as WebP, or A.jpg and a.jpg,
// which are one file on a case-insensitive file system), the first in sorted order keeps the name
// and each later one gets its own extension appended to its stem (`a.png` -> `a_png_<chain>.webp`);
// should that still collide, `_2`, `_3`, ... is appended. Names are compared ignoring ASCII case,
// so the result is the same on every file system.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "batch/output_naming.hpp"
#include "batch/scan_inputs.hpp"
#include "util/result.hpp"

namespace lote {

struct PlannedOutput {
    std::size_t chain = 0;       // index into the job's chains
    std::filesystem::path path;  // absolute (or relative to the cwd, like the root)
    std::string relative;        // '/'-separated, below the output root
    // The name before the worker fills in {date}/{w}/{h}; when it has none of them `path` and
    // `relative` are final, otherwise they are empty and `folder` says where it will go.
    std::string folder;  // '/'-separated below the output root, with a trailing '/'
    NamePattern name;
};

struct PlannedImage {
    InputFile input;
    std::vector<PlannedOutput> outputs;  // one per chain, in chain order
};

// The output extension (with its dot) for one input; lote::choose_output_extension in a batch.
using ExtensionFor = std::function<std::string(const std::filesystem::path& input)>;

std::vector<PlannedImage> plan_outputs(const std::vector<InputFile>& inputs,
                                       const std::vector<std::string>& chain_names,
                                       const std::filesystem::path& output_root,
                                       const ExtensionFor& extension_for);

// The same with a name template (output_naming.hpp): `{n}` is the position in `inputs`
// (sorted). Refused, naming the inputs, when two of them could get the same name.
Result<std::vector<PlannedImage>> plan_named_outputs(const std::vector<InputFile>& inputs,
                                                     const std::vector<std::string>& chain_names,
                                                     const std::filesystem::path& output_root,
                                                     const ExtensionFor& extension_for,
                                                     const NamingOptions& naming);

}  // namespace lote
