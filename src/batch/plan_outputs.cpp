#include "batch/plan_outputs.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace lote {

namespace fs = std::filesystem;

namespace {

std::string lower_ascii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// The folder part of a relative input path, with its trailing '/', or "".
std::string folder_of(const std::string& relative) {
    auto slash = relative.rfind('/');
    return slash == std::string::npos ? "" : relative.substr(0, slash + 1);
}

// Picks a stem for the input that no earlier input has taken (in this folder, with this
// extension); `taken` holds the lower-cased "<folder><stem><ext>" already used.
std::string unique_stem(const InputFile& input, const std::string& ext,
                        std::set<std::string>& taken) {
    fs::path name = fs::path(input.relative).filename();
    std::string folder = folder_of(input.relative);
    std::string stem = name.stem().string();
    auto claim = [&](const std::string& candidate) {
        return taken.insert(lower_ascii(folder + candidate + ext)).second;
    };
    if (claim(stem)) {
        return stem;
    }
    std::string own_ext = name.extension().string();
    std::string base = own_ext.size() > 1 ? stem + "_" + own_ext.substr(1) : stem;
    if (base != stem && claim(base)) {
        return base;
    }
    for (int n = 2;; ++n) {
        std::string candidate = base + "_" + std::to_string(n);
        if (claim(candidate)) {
            return candidate;
        }
    }
}

PlannedOutput output_for(const std::string& folder, const std::string& stem, const std::string& ext,
                         std::size_t chain, const std::string& chain_name, const fs::path& root) {
    std::string relative = chain_name + "/" + folder + stem + "_" + chain_name + ext;
    return {chain, root / fs::path(relative), relative};
}

}  // namespace

std::vector<PlannedImage> plan_outputs(const std::vector<InputFile>& inputs,
                                       const std::vector<std::string>& chain_names,
                                       const fs::path& output_root,
                                       const ExtensionFor& extension_for) {
    std::vector<PlannedImage> plan;
    plan.reserve(inputs.size());
    std::set<std::string> taken;
    for (const InputFile& input : inputs) {
        std::string ext = extension_for(input.path);
        std::string stem = unique_stem(input, ext, taken);
        PlannedImage image{input, {}};
        for (std::size_t c = 0; c < chain_names.size(); ++c) {
            image.outputs.push_back(
                output_for(folder_of(input.relative), stem, ext, c, chain_names[c], output_root));
        }
        plan.push_back(std::move(image));
    }
    return plan;
}

}  // namespace lote
