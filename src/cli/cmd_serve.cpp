// `lote serve`: the page, the WebSocket and the HTTP API on one port.
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/config_file.hpp"
#include "cli/install_layout.hpp"
#include "cli/job_options.hpp"
#include "server/server.hpp"

namespace lote::cli {

namespace fs = std::filesystem;

void add_serve_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "serve", "Serve the web page, the WebSocket and the HTTP API on one port");
    auto options = std::make_shared<server::ServerOptions>();
    auto web = std::make_shared<std::string>();
    auto no_samples = std::make_shared<bool>(false);
    cmd->add_option("--host", options->host,
                    "Address to bind; anything but 127.0.0.1/::1/localhost requires a token")
        ->capture_default_str();
    cmd->add_option("--port", options->port, "Port; 0 picks a free one (printed)")
        ->capture_default_str();
    cmd->add_option("--input", options->input, "Input images folder (created if missing)")
        ->capture_default_str();
    cmd->add_option("--output", options->output, "Output folder (created if missing)")
        ->capture_default_str();
    cmd->add_option("--web", *web,
                    "Folder of the page's static files (default: the installed page, or web/ "
                    "beside the build folder)")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
    cmd->add_option("--state", options->state,
                    "SQLite job store (default <output>/.lote-server.sqlite)");
    cmd->add_option("--token", options->token,
                    "Access token (generated and printed when binding beyond loopback)");
    cmd->add_option("--allow-origin", options->allowed_origins,
                    "Extra allowed WebSocket Origin (repeatable; 'null' for file:// pages)");
    cmd->add_option("--parallel-jobs", options->parallel_jobs, "Jobs run at the same time")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    cmd->add_flag("--no-samples", *no_samples, "Do not fill an empty input folder with samples");
    cmd->add_option("--request-timeout", options->request_timeout_seconds,
                    "Seconds an HTTP request or WebSocket handshake may take to arrive")
        ->check(CLI::Range(0.1, 3600.0))
        ->capture_default_str();
    cmd->add_option("--ws-idle-timeout", options->ws_idle_timeout_seconds,
                    "Seconds of WebSocket silence (pings unanswered) before disconnecting")
        ->check(CLI::Range(1.0, 86400.0))
        ->capture_default_str();
    cmd->add_option("--max-upload-mb", options->max_upload_mb, "Largest uploaded file, in MB")
        ->check(CLI::Range(0.001, 1e6))
        ->capture_default_str();
    cmd->add_option("--max-request-mb", options->max_upload_request_mb,
                    "Largest upload request (all its files), in MB")
        ->check(CLI::Range(0.001, 1e7))
        ->capture_default_str();
    cmd->add_option("--broker", options->broker,
                    "Redis broker for distributed jobs, redis://[user:password@]host:port "
                    "(jobs then go to `lote node` machines by default)");
    cmd->add_option("--claim-timeout", options->claim_timeout_seconds,
                    "Seconds a node may go silent before its image is given to another node")
        ->check(CLI::Range(0.5, 86400.0))
        ->capture_default_str();
    auto worker_memory = std::make_shared<std::string>("auto");
    cmd->add_option("--worker-memory", *worker_memory,
                    "Memory ceiling of each worker process in MB, 0 for none (default: auto, "
                    "three quarters of the machine's memory shared by the workers)");
    add_config_option(*cmd);
    cmd->callback([cmd, options, web, no_samples, worker_memory, &exit_code] {
        if (auto file = apply_config_file(*cmd)) {
            std::cout << "lote serve: settings from " << *file << "\n";
        }
        auto ceiling = worker_memory_from_text(*worker_memory);
        if (!ceiling) {
            std::cerr << "lote serve: " << ceiling.message() << '\n';
            exit_code = kExitUsage;
            return;
        }
        options->worker_memory_mb = *ceiling;
        options->web = web->empty() ? default_web_dir() : fs::path(*web);
        std::cout << "lote serve: page from " << options->web.string() << "\n";
        std::error_code ec;
        if (!fs::is_regular_file(options->web / "index.html", ec)) {
            std::cerr << "lote serve: warning: no index.html in " << options->web.string()
                      << "; the API works, the page will not (give --web FOLDER)\n";
        }
        options->samples = !*no_samples;
        exit_code = server::run_server(*options, std::cout);
    });
}

}  // namespace lote::cli
