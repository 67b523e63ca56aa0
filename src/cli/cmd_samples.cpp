// `lote samples <folder> --count 24 --size 1920x1080 [--seed N]`: synthetic JPEG test pictures.
#include <charconv>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.hpp"
#include "pipeline/samples.hpp"

namespace lote::cli {

namespace {

struct SamplesArgs {
    std::string folder;
    int count = 24;
    std::string size = "1920x1080";
    std::uint64_t seed = 1;
};

struct Dimensions {
    int width = 0;
    int height = 0;
};

// "1920x1080" (also "1920X1080"); nothing else.
std::optional<Dimensions> parse_size(const std::string& text) {
    auto x = text.find_first_of("xX");
    if (x == std::string::npos) {
        return std::nullopt;
    }
    Dimensions d;
    const char* end = text.data() + text.size();
    auto [w_end, w_err] = std::from_chars(text.data(), text.data() + x, d.width);
    auto [h_end, h_err] = std::from_chars(text.data() + x + 1, end, d.height);
    if (w_err != std::errc() || h_err != std::errc() || w_end != text.data() + x || h_end != end) {
        return std::nullopt;
    }
    return d;
}

int run_samples(const SamplesArgs& args) {
    auto size = parse_size(args.size);
    if (!size) {
        std::cerr << "lote samples: --size must look like 1920x1080 (got \"" << args.size
                  << "\")\n";
        return kExitUsage;
    }
    if (Status request = check_sample_request(args.count, size->width, size->height); !request) {
        std::cerr << "lote samples: " << request.message() << "\n";
        return kExitUsage;
    }
    if (Status made =
            generate_samples(args.folder, args.count, size->width, size->height, args.seed);
        !made) {
        std::cerr << "lote samples: " << made.message() << "\n";
        return kExitSomeFailed;
    }
    std::cout << "wrote " << args.count << " sample images (" << size->width << "x" << size->height
              << ") to " << args.folder << "\n";
    return kExitOk;
}

}  // namespace

void add_samples_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<SamplesArgs>();
    auto* cmd = app.add_subcommand(
        "samples", "Write synthetic JPEG test pictures (gradients, shapes, patterns)");
    cmd->add_option("folder", args->folder, "Folder to write into (created if missing)")
        ->required();
    cmd->add_option("--count,-n", args->count, "How many pictures (1..10000)")
        ->capture_default_str();
    cmd->add_option("--size,-s", args->size, "Width x height, e.g. 1920x1080 (each side 1..10000)")
        ->capture_default_str();
    cmd->add_option("--seed", args->seed, "Same seed, same pictures")->capture_default_str();
    cmd->callback([args, &exit_code] { exit_code = run_samples(*args); });
}

}  // namespace lote::cli
