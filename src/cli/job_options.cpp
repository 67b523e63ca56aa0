#include "cli/job_options.hpp"

#include <filesystem>

#include "batch/chain_names.hpp"
#include "filters/registry.hpp"

namespace lote::cli {

namespace fs = std::filesystem;

namespace {

std::string filter_help() {
    std::string ids;
    for (const FilterSpec& filter : Registry::instance().all()) {
        ids += (ids.empty() ? "" : ", ") + filter.id;
    }
    return "a filter, optionally with parameters (\"blur:radio=3\"), or \"all\" for the twelve "
           "seed "
           "filters; repeat for several. Filters: " +
           ids + " (`lote filters` shows their parameters)";
}

Result<Chain> filter_chain(const std::string& text) {
    auto step = parse_step(text);
    if (!step) {
        return fail("-f " + text + ": " + step.message());
    }
    return single_filter_chain(std::move(*step));
}

Status add_seed_filters(std::vector<Chain>& chains) {
    for (const FilterSpec* filter : Registry::instance().seed_filters()) {
        auto chain = filter_chain(filter->id);
        if (!chain) {
            return fail(chain.message());
        }
        chains.push_back(std::move(*chain));
    }
    return {};
}

// The same chain asked twice (-f grises -f all) is done once.
void add_unique(std::vector<Chain>& chains, Chain chain) {
    std::string fingerprint = chain_fingerprint(chain);
    for (const Chain& existing : chains) {
        if (existing.name == chain.name && chain_fingerprint(existing) == fingerprint) {
            return;
        }
    }
    chains.push_back(std::move(chain));
}

Result<std::vector<Chain>> chains_from_args(const JobArgs& args) {
    std::vector<Chain> chains;
    for (const std::string& text : args.filters) {
        if (text == "all") {
            std::vector<Chain> seed;
            if (Status added = add_seed_filters(seed); !added) {
                return fail(added.message());
            }
            for (Chain& chain : seed) {
                add_unique(chains, std::move(chain));
            }
            continue;
        }
        auto chain = filter_chain(text);
        if (!chain) {
            return chain.error();
        }
        add_unique(chains, std::move(*chain));
    }
    if (args.chain_names.size() > args.chains.size()) {
        return fail("more --chain-name than --chain options");
    }
    for (std::size_t i = 0; i < args.chains.size(); ++i) {
        std::string name = i < args.chain_names.size() ? args.chain_names[i] : "";
        auto chain = parse_chain(args.chains[i], name);
        if (!chain) {
            return fail("--chain \"" + args.chains[i] + "\": " + chain.message());
        }
        add_unique(chains, std::move(*chain));
    }
    if (chains.empty()) {
        return fail("no filters given: use -f <filter> (or -f all) or --chain");
    }
    if (Status names = check_chain_names(chains); !names) {
        return fail(names.message());
    }
    return chains;
}

// A folder of images, or one file (a batch of one).
Status check_input(const std::string& input) {
    std::error_code ec;
    auto status = fs::status(input, ec);
    if (ec || !fs::exists(status)) {
        return fail("input not found: " + input);
    }
    if (!fs::is_directory(status) && !fs::is_regular_file(status)) {
        return fail("input is neither a folder nor a file: " + input);
    }
    return {};
}

Result<SaveOptions> save_options_from_args(const JobArgs& args) {
    SaveOptions save;
    if (!args.format.empty()) {
        save.format = parse_format(args.format);
        if (!save.format) {
            return fail("--format " + args.format +
                        ": unknown format (jpeg, png, webp, avif, tiff, gif, heif)");
        }
    }
    save.quality = args.quality;
    save.strip = args.strip;
    return save;
}

}  // namespace

void add_filter_options(CLI::App& cmd, JobArgs& args) {
    cmd.add_option("-f,--filter", args.filters, filter_help())->allow_extra_args(false);
    cmd.add_option("--chain", args.chains,
                   "a chain of steps applied in order, \"ajustar:ancho=1600 | nitidez\"")
        ->allow_extra_args(false);
    cmd.add_option("--chain-name", args.chain_names,
                   "the name (output folder) of the --chain of the same rank")
        ->allow_extra_args(false);
}

void add_image_options(CLI::App& cmd, JobArgs& args) {
    cmd.add_option("--format", args.format,
                   "output format: jpeg, png, webp, avif, tiff, gif (default: the input's)");
    cmd.add_option("--quality", args.quality, "encoder quality, 1..100")->check(CLI::Range(1, 100));
    cmd.add_flag("--strip", args.strip, "drop EXIF/XMP/IPTC metadata (the ICC profile is kept)");
    cmd.add_flag("--no-auto-orient", args.no_auto_orient, "do not rotate by the EXIF orientation");
    cmd.add_option("--max-pixels", args.max_pixels, "refuse inputs with more pixels than this")
        ->check(CLI::PositiveNumber);
    cmd.add_flag("-r,--recursive", args.recursive,
                 "also process sub-folders (mirrored in each output folder)");
}

void add_workers_option(CLI::App& cmd, JobArgs& args) {
    cmd.add_option("--workers", args.workers, "parallel workers (default: one per core)")
        ->check(CLI::Range(1u, 1024u));
}

Result<JobSpec> job_spec_from_args(const JobArgs& args) {
    auto chains = chains_from_args(args);
    if (!chains) {
        return chains.error();
    }
    if (Status input = check_input(args.input); !input) {
        return fail(input.message());
    }
    auto save = save_options_from_args(args);
    if (!save) {
        return save.error();
    }
    JobSpec spec;
    spec.input = args.input;
    spec.output = args.output;
    spec.recursive = args.recursive;
    spec.chains = std::move(*chains);
    spec.save = *save;
    spec.load.auto_orient = !args.no_auto_orient;
    spec.load.max_pixels = args.max_pixels;
    auto executor = executor_kind_from_name(args.mode);
    if (!executor) {
        return executor.error();
    }
    spec.executor = *executor;
    spec.workers = args.workers;
    spec.force = args.force;
    spec.task_timeout_seconds = args.timeout;
    return spec;
}

}  // namespace lote::cli
