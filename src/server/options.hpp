#pragma once
// Everything `lote serve` can be told; filled by the CLI, read by every part of the server.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/version.hpp"

namespace lote::server {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8765;  // 0: the system picks a free port (printed at start)
    std::filesystem::path input = "input_images";
    std::filesystem::path output = "output_images";
    std::filesystem::path web;    // static files of the page
    std::filesystem::path state;  // SQLite job store; empty: <output>/.lote-server.sqlite
    std::string token;            // empty: none (only allowed on loopback)
    std::vector<std::string> allowed_origins;
    unsigned parallel_jobs = 1;
    unsigned io_threads = 2;
    bool samples = true;  // fill an empty input folder with generated images
    // Limits against careless or hostile clients.
    std::size_t ws_message_limit = 64 * 1024;
    std::size_t http_header_limit = 16 * 1024;
    std::size_t http_body_limit = 1024 * 1024;
    double request_timeout_seconds = 15;   // an HTTP request (or WS handshake) must arrive in it
    double ws_idle_timeout_seconds = 120;  // silent WebSocket peers are pinged, then dropped
    double ws_write_timeout_seconds = 15;  // a client that stops reading is dropped after it
    std::size_t client_queue_bytes = 4 * 1024 * 1024;  // queued-but-unsent bytes per client
    double max_upload_mb = 100;                        // per uploaded file (POST /api/uploads)
    double max_upload_request_mb = 1000;               // per upload request, all files together
    // TEST-ONLY: every image of a job waits this long before it starts (LOTE_TEST_DELAY_MS, read
    // once at start-up), so tests can act in the middle of a job. 0 in production.
    unsigned test_image_delay_ms = 0;
    // Distributed jobs (`modo: "distribuido"`): the broker the nodes take images from, and how
    // long a node may go silent before its image is given to another.
    std::string broker;
    double claim_timeout_seconds = 30;
    // Each worker process's memory ceiling in MB (0: none); unset: a share of the machine's.
    std::optional<std::uint64_t> worker_memory_mb;
};

// 127.0.0.1, ::1 and localhost: the only hosts that may run without a token.
bool is_default_loopback(const std::string& host);

inline constexpr const char* kServerVersion = kVersion;

}  // namespace lote::server
