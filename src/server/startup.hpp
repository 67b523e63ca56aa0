#pragma once
// What happens before the server listens: folders made, sample images for a first run, the
// token decided.

#include <filesystem>

#include "server/options.hpp"
#include "util/result.hpp"

namespace lote::server {

struct PreparedRoots {
    std::filesystem::path input;
    std::filesystem::path output;
    std::filesystem::path web;
};

// Creates the input and output folders if missing and resolves the three roots.
Result<PreparedRoots> prepare_roots(const ServerOptions& options);

// Fills an empty input folder with generated images; returns how many were written.
Result<unsigned> fill_with_samples_if_empty(const std::filesystem::path& input);

// A token is required whenever the server is not bound to 127.0.0.1/::1/localhost.
bool token_required(const ServerOptions& options);

// TEST-ONLY: LOTE_TEST_DELAY_MS (milliseconds, 0 when unset or not a number), the slow-down the
// integration tests ask for; read here, once, so nothing else looks at the environment.
unsigned test_image_delay_from_environment();

}  // namespace lote::server
