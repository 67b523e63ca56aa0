#include "cli/job_options.hpp"

#include <charconv>
#include <filesystem>

#include "batch/chain_names.hpp"
#include "filters/registry.hpp"
#include "pipeline/memory_ceiling.hpp"

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

}  // namespace

Result<std::vector<Chain>> parse_filter_args(const JobArgs& args) {
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
    return chains;
}

namespace {

Result<std::vector<Chain>> chains_from_args(const JobArgs& args) {
    auto given = parse_filter_args(args);
    if (!given) {
        return given.error();
    }
    std::vector<Chain> chains = std::move(*given);
    if (chains.empty()) {
        chains = args.preset_chains;
    }
    if (chains.empty() && args.filters_optional) {
        return chains;
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
    if (!args.metadata.empty()) {
        auto policy = parse_metadata_policy(args.metadata);
        if (!policy) {
            return fail("--metadata " + args.metadata + ": unknown policy (all, copyright, none)");
        }
        save.metadata.policy = *policy;
    }
    if (save.strip) {
        save.metadata.policy = MetadataPolicy::None;
    }
    save.metadata.no_location = args.no_location;
    save.metadata.artist = args.artist;
    save.metadata.copyright = args.copyright;
    return save;
}

Result<NamingOptions> naming_from_args(const JobArgs& args) {
    NamingOptions naming;
    if (auto parsed = parse_name_template(args.name_template); !parsed) {
        return fail("--name \"" + args.name_template + "\": " + parsed.message());
    }
    naming.name_template = args.name_template;
    naming.slug = args.slug;
    auto policy = parse_conflict_policy(args.on_conflict);
    if (!policy) {
        return fail("--on-conflict " + args.on_conflict +
                    ": unknown choice (overwrite, skip, rename)");
    }
    naming.on_conflict = *policy;
    return naming;
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
    cmd.add_flag("--strip", args.strip, "the same as --metadata none");
    cmd.add_flag("--no-auto-orient", args.no_auto_orient, "do not rotate by the EXIF orientation");
    cmd.add_option("--max-pixels", args.max_pixels, "refuse inputs with more pixels than this")
        ->check(CLI::PositiveNumber);
    cmd.add_flag("-r,--recursive", args.recursive,
                 "also process sub-folders (mirrored in each output folder)");
    cmd.add_flag("--accept-damaged", args.accept_damaged,
                 "keep what decodes of a truncated or corrupt image, with a warning (default: "
                 "such an image fails)");
}

void add_metadata_options(CLI::App& cmd, JobArgs& args) {
    cmd.add_option("--metadata", args.metadata,
                   "what EXIF/XMP/IPTC outputs keep: all (default), copyright (credit fields "
                   "only), none; the ICC profile is always kept")
        ->check(CLI::IsMember({"all", "copyright", "none"}));
    cmd.add_flag("--no-location", args.no_location,
                 "remove GPS and the XMP/IPTC location fields (any --metadata)");
    cmd.add_option("--artist", args.artist, "the artist, written to EXIF, XMP and IPTC");
    cmd.add_option("--copyright", args.copyright,
                   "the copyright notice, written to EXIF, XMP and IPTC");
    cmd.add_flag("--to-srgb", args.to_srgb,
                 "convert from the embedded profile to sRGB before the filters, and tag sRGB "
                 "(inputs without a profile are taken as sRGB)");
}

void add_naming_options(CLI::App& cmd, JobArgs& args) {
    cmd.add_option("--name", args.name_template,
                   "output file name: {name} {filter} {n} {n:000} {date} {w} {h} {ext} "
                   "(default \"{name}_{filter}\"; the extension is added)");
    cmd.add_flag("--slug", args.slug, "fold file and folder names to lower-case ASCII with '-'");
    cmd.add_option("--on-conflict", args.on_conflict,
                   "an output path holding a file lote did not make: overwrite (default), skip, "
                   "rename (name-1, name-2, ...)")
        ->check(CLI::IsMember({"overwrite", "skip", "rename"}));
}

void add_workers_option(CLI::App& cmd, JobArgs& args) {
    cmd.add_option("--workers", args.workers, "parallel workers (default: one per core)")
        ->check(CLI::Range(1u, 1024u));
}

void add_broker_options(CLI::App& cmd, JobArgs& args) {
    cmd.add_option("--broker", args.broker,
                   "send the images to `lote node` machines through Redis, "
                   "redis://[user:password@]host:port (this machine runs none itself)");
    cmd.add_option("--claim-timeout", args.claim_timeout,
                   "seconds a node may go silent before its image is given to another node")
        ->check(CLI::Range(0.5, 86400.0));
    cmd.add_option("--max-deliveries", args.max_deliveries,
                   "times an image may be lost with a dying node before it is set aside")
        ->check(CLI::Range(1u, 100u));
}

// --broker means the distributed executor; a local --mode beside it is a contradiction.
Result<ExecutorKind> executor_from_args(const JobArgs& args) {
    auto kind = executor_kind_from_name(args.mode);
    if (!kind) {
        return kind.error();
    }
    if (args.broker.empty()) {
        return *kind;
    }
    if (args.mode_given && *kind != ExecutorKind::distributed) {
        return fail("--broker sends the images to nodes; it cannot go with --mode " + args.mode);
    }
    return ExecutorKind::distributed;
}

void add_worker_memory_option(CLI::App& cmd, JobArgs& args) {
    cmd.add_option("--worker-memory", args.worker_memory,
                   "memory ceiling of each worker process in MB, 0 for none (default: auto, "
                   "three quarters of the machine's memory shared by the workers)");
}

Result<std::optional<std::uint64_t>> worker_memory_from_text(const std::string& text) {
    if (text == "auto") {
        return std::optional<std::uint64_t>();
    }
    std::uint64_t megabytes = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), megabytes);
    if (error != std::errc() || end != text.data() + text.size()) {
        return fail("--worker-memory " + text + ": a number of MB, 0 for none, or auto");
    }
    if (megabytes != 0 && megabytes < kMinWorkerMemoryMb / 4) {
        return fail("--worker-memory " + text + ": at least " +
                    std::to_string(kMinWorkerMemoryMb / 4) + " MB (a worker needs that to start)");
    }
    return std::optional<std::uint64_t>(megabytes);
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
    auto naming = naming_from_args(args);
    if (!naming) {
        return naming.error();
    }
    auto worker_memory = worker_memory_from_text(args.worker_memory);
    if (!worker_memory) {
        return worker_memory.error();
    }
    JobSpec spec;
    spec.input = args.input;
    spec.output = args.output;
    spec.recursive = args.recursive;
    spec.chains = std::move(*chains);
    spec.save = *save;
    spec.load.auto_orient = !args.no_auto_orient;
    spec.load.max_pixels = args.max_pixels;
    spec.load.to_srgb = args.to_srgb;
    spec.naming = *naming;
    auto executor = executor_from_args(args);
    if (!executor) {
        return executor.error();
    }
    spec.executor = *executor;
    spec.load.accept_damaged = args.accept_damaged;
    spec.worker_memory_mb = *worker_memory;
    spec.broker = args.broker;
    spec.claim_timeout_seconds = args.claim_timeout;
    spec.max_deliveries = args.max_deliveries;
    spec.workers = args.workers;
    spec.force = args.force;
    spec.task_timeout_seconds = args.timeout;
    return spec;
}

}  // namespace lote::cli
