// `lote node`: one machine's part of distributed batches. It takes images from the broker's task
// stream, runs each in a crash-isolated worker, and reports the results, until stopped.
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <memory>

#include "cli/commands.hpp"
#include "exec/redis/node.hpp"

namespace lote::cli {

namespace {

struct NodeArgs {
    std::string broker;
    unsigned slots = 0;
    std::vector<std::string> maps;
    std::string name;
    double stop_grace = 45;
};

NodeControl* g_control = nullptr;

// The first SIGTERM (systemd's stop) or Ctrl-C lets the images in progress finish; a second one
// hands them back to the broker at once.
void on_stop_signal(int) {
    if (g_control == nullptr) return;
    if (g_control->stop.exchange(true)) g_control->stop_now = true;
}

void install_stop_handlers(NodeControl& control) {
    g_control = &control;
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    signal(SIGPIPE, SIG_IGN);  // a worker that died while we write to it is an error value
}

// Log lines go to stderr (the journal, under systemd), stdout stays free.
void log_to_stderr() {
    auto logger = spdlog::stderr_color_mt("lote node");
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e lote node: %v");
    spdlog::set_default_logger(logger);
}

int node_command(const NodeArgs& args) {
    NodeOptions options;
    options.broker = args.broker;
    options.slots = args.slots;
    options.name = args.name;
    options.stop_grace = std::chrono::milliseconds(static_cast<long long>(args.stop_grace * 1000));
    for (const auto& text : args.maps) {
        auto mapping = parse_path_mapping(text);
        if (!mapping) {
            spdlog::error("{}", mapping.message());
            return kExitUsage;
        }
        options.maps.push_back(*mapping);
    }
    NodeControl control;
    install_stop_handlers(control);
    return run_node(options, control);
}

}  // namespace

void add_node_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "node", "Work for distributed batches: take images from a Redis broker until stopped");
    auto args = std::make_shared<NodeArgs>();
    cmd->add_option("--broker", args->broker, "the broker, redis://[user:password@]host:port")
        ->required();
    cmd->add_option("--slots", args->slots, "images processed at once (default: one per core)")
        ->check(CLI::Range(1u, 1024u));
    cmd->add_option("--map", args->maps,
                    "FROM=TO: the coordinator's folder FROM is TO on this machine (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--name", args->name,
                    "this node's name, unique on the broker (default: the host name)");
    cmd->add_option("--stop-grace", args->stop_grace,
                    "seconds the images in progress may still take after a stop")
        ->check(CLI::Range(0.0, 3600.0))
        ->capture_default_str();
    cmd->callback([args, &exit_code] {
        log_to_stderr();
        exit_code = node_command(*args);
    });
}

}  // namespace lote::cli
