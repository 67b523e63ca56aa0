#include "server/startup.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "batch/scan_inputs.hpp"
#include "pipeline/samples.hpp"

namespace lote::server {

namespace fs = std::filesystem;

namespace {

constexpr int kSampleCount = 8;
constexpr int kSampleWidth = 640;
constexpr int kSampleHeight = 480;
constexpr std::uint64_t kSampleSeed = 1;

Result<fs::path> make_folder(const fs::path& folder, const char* what) {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec || !fs::is_directory(folder)) {
        return fail(std::string("cannot create the ") + what + " folder " + folder.string() +
                    (ec ? ": " + ec.message() : ""));
    }
    return fs::canonical(folder, ec);
}

}  // namespace

Result<PreparedRoots> prepare_roots(const ServerOptions& options) {
    auto input = make_folder(options.input, "input");
    if (!input) return input.error();
    auto output = make_folder(options.output, "output");
    if (!output) return output.error();
    std::error_code ec;
    fs::path web = options.web.empty() ? fs::path{} : fs::weakly_canonical(options.web, ec);
    return PreparedRoots{*input, *output, web};
}

Result<unsigned> fill_with_samples_if_empty(const fs::path& input) {
    std::error_code ec;
    if (fs::directory_iterator(input, ec) != fs::directory_iterator{}) return 0u;
    auto made =
        generate_samples(input.string(), kSampleCount, kSampleWidth, kSampleHeight, kSampleSeed);
    if (!made) return fail(made.message());
    return static_cast<unsigned>(kSampleCount);
}

bool token_required(const ServerOptions& options) {
    return !is_default_loopback(options.host);
}

unsigned test_image_delay_from_environment() {
    const char* text = std::getenv("LOTE_TEST_DELAY_MS");
    if (text == nullptr) return 0;
    char* end = nullptr;
    long value = std::strtol(text, &end, 10);
    if (end == text || value <= 0) return 0;
    return static_cast<unsigned>(std::min(value, 60'000L));
}

}  // namespace lote::server
