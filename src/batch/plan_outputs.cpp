#include "batch/plan_outputs.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "batch/name_collisions.hpp"
#include "batch/slug.hpp"
#include "util/error_codes.hpp"

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
                        std::set<std::string>& taken, bool slug = false) {
    fs::path name = fs::path(input.relative).filename();
    std::string folder = folder_of(input.relative);
    std::string stem = name.stem().string();
    auto fold = [slug](const std::string& text) {
        std::string folded = slug ? slugify(text) : text;
        return folded.empty() ? std::string("image") : folded;
    };
    std::string claimed;
    auto claim = [&](const std::string& candidate) {
        claimed = fold(candidate);
        return taken.insert(lower_ascii(folder + claimed + ext)).second;
    };
    if (claim(stem)) {
        return claimed;
    }
    std::string own_ext = name.extension().string();
    std::string base = own_ext.size() > 1 ? stem + "_" + own_ext.substr(1) : stem;
    if (base != stem && claim(base)) {
        return claimed;
    }
    for (int n = 2;; ++n) {
        std::string candidate = base + "_" + std::to_string(n);
        if (claim(candidate)) {
            return claimed;
        }
    }
}

constexpr std::size_t kMaxFileName = 255;

std::string extension_text(const InputFile& input) {
    std::string ext = fs::path(input.relative).extension().string();
    return ext.empty() ? ext : ext.substr(1);
}

PlannedOutput named_output(const PlannedImage& image, std::size_t chain, const NamePattern& name,
                           const std::string& folder_name, const fs::path& root) {
    PlannedOutput out;
    out.chain = chain;
    out.folder = folder_name + "/" + folder_of(image.input.relative);
    out.name = name;
    if (!name.dynamic()) {
        out.relative = out.folder + render_name(name, {});
        out.path = root / fs::path(out.relative);
    }
    return out;
}

Status check_name_length(const PlannedOutput& output) {
    std::string shown = describe_name(output.name);
    if (shown.size() > kMaxFileName) {
        return fail("the output name \"" + shown + "\" is " + std::to_string(shown.size()) +
                    " bytes, more than the 255 a file name can have; shorten the photo's name, "
                    "the filter's folder name or the --name template")
            .coded(codes::output_name_too_long,
                   {{"name", shown}, {"bytes", std::to_string(shown.size())}});
    }
    return {};
}

Status check_collisions(const std::vector<PlannedImage>& plan, std::size_t chains,
                        const NamingOptions& naming) {
    for (std::size_t c = 0; c < chains; ++c) {
        std::vector<NamedOutput> named;
        named.reserve(plan.size());
        for (const PlannedImage& image : plan) {
            const PlannedOutput& output = image.outputs[c];
            named.push_back({image.input.relative, output.folder, output.name});
        }
        if (auto clash = find_possible_collision(named)) {
            return fail("--name \"" + naming.name_template + "\": \"" + clash->first + "\" and \"" +
                        clash->second +
                        "\" could get the same output name; add {name} or {n} to the template")
                .coded(codes::output_names_clash, {{"template", naming.name_template},
                                                   {"first", clash->first},
                                                   {"second", clash->second}});
        }
    }
    return {};
}

}  // namespace

Result<std::vector<PlannedImage>> plan_named_outputs(const std::vector<InputFile>& inputs,
                                                     const std::vector<std::string>& chain_names,
                                                     const fs::path& output_root,
                                                     const ExtensionFor& extension_for,
                                                     const NamingOptions& naming) {
    auto name_template = parse_name_template(naming.name_template);
    if (!name_template) {
        return fail("--name \"" + naming.name_template + "\": " + name_template.message())
            .coded(codes::invalid_name_template, {{"template", naming.name_template}});
    }
    std::vector<std::string> folders;
    for (const std::string& chain : chain_names) {
        folders.push_back(chain_folder_name(chain, naming.slug));
    }
    std::vector<PlannedImage> plan;
    plan.reserve(inputs.size());
    std::set<std::string> taken;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const InputFile& input = inputs[i];
        std::string ext = extension_for(input.path);
        std::string stem =
            unique_stem(input, naming.slug ? lower_ascii(ext) : ext, taken, naming.slug);
        PlannedImage image{input, {}};
        for (std::size_t c = 0; c < chain_names.size(); ++c) {
            NameContext context{stem, chain_names[c], i + 1, extension_text(input), ext};
            NamePattern name = bind_name(*name_template, context, naming.slug);
            image.outputs.push_back(named_output(image, c, name, folders[c], output_root));
            if (Status fits = check_name_length(image.outputs.back()); !fits) {
                return fits.error();
            }
        }
        plan.push_back(std::move(image));
    }
    if (Status unique = check_collisions(plan, chain_names.size(), naming); !unique) {
        return unique.error();
    }
    return plan;
}

std::vector<PlannedImage> plan_outputs(const std::vector<InputFile>& inputs,
                                       const std::vector<std::string>& chain_names,
                                       const fs::path& output_root,
                                       const ExtensionFor& extension_for) {
    auto plan = plan_named_outputs(inputs, chain_names, output_root, extension_for, {});
    return plan ? std::move(*plan) : std::vector<PlannedImage>{};  // the default never collides
}

}  // namespace lote
