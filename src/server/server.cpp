#include "server/server.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <csignal>
#include <thread>

#include "server/api/work_pool.hpp"
#include "server/broker_startup.hpp"
#include "server/jobs/job_manager.hpp"
#include "server/jobs/job_store.hpp"
#include "server/net/http_session.hpp"
#include "server/net/router.hpp"
#include "server/net/security.hpp"
#include "server/routes.hpp"
#include "server/server_context.hpp"
#include "server/startup.hpp"
#include "server/watches/watch_manager.hpp"

namespace lote::server {

namespace {

// Threads for the WebSocket commands' blocking work: folder scans are bound by the disk, not the
// cores, and two keep one slow scan from holding up every other client.
constexpr unsigned kRequestThreads = 2;

net::awaitable<void> accept_loop(tcp::acceptor& acceptor, ServerContext& context) {
    for (;;) {
        beast::error_code ec;
        // Each connection gets its own strand: its handlers never run concurrently.
        tcp::socket socket = co_await acceptor.async_accept(
            net::make_strand(acceptor.get_executor()), net::redirect_error(net::use_awaitable, ec));
        if (ec) {
            if (ec == net::error::operation_aborted || !acceptor.is_open()) co_return;
            continue;  // e.g. too many open files: keep serving the connections we have
        }
        auto executor = socket.get_executor();
        net::co_spawn(executor, run_http_session(beast::tcp_stream(std::move(socket)), context),
                      net::detached);
    }
}

Result<tcp::endpoint> resolve_endpoint(net::io_context& ioc, const ServerOptions& options) {
    beast::error_code ec;
    tcp::resolver resolver(ioc);
    auto results =
        resolver.resolve(options.host, std::to_string(options.port), tcp::resolver::passive, ec);
    if (ec || results.empty()) return fail("cannot resolve " + options.host + ": " + ec.message());
    return results.begin()->endpoint();
}

Status open_acceptor(tcp::acceptor& acceptor, const tcp::endpoint& endpoint) {
    beast::error_code ec;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return fail("cannot listen on " + endpoint.address().to_string() + ":" +
                    std::to_string(endpoint.port()) + ": " + ec.message());
    return {};
}

std::string url_of(const tcp::endpoint& endpoint) {
    auto address = endpoint.address();
    std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    return "http://" + host + ":" + std::to_string(endpoint.port()) + "/";
}

// A generated token is printed (nobody else knows it); one given with --token is not, so it does
// not end up in logs and terminal scroll-back.
void print_banner(std::ostream& out, const ServerContext& context, const tcp::endpoint& endpoint,
                  bool token_generated) {
    std::string url = url_of(endpoint);
    out << "lote serve: listening on " << url << "\n";
    out << "  input:  " << context.input_root.string() << "\n";
    out << "  output: " << context.output_root.string() << "\n";
    if (token_generated) {
        out << "  token:  " << context.options.token << "\n";
        out << "Open " << url << "?token=" << context.options.token << " in a browser\n";
    } else if (!context.options.token.empty()) {
        out << "  token:  the one given with --token (not shown)\n";
        out << "Open " << url << "?token=<your token> in a browser\n";
    } else {
        out << "Open " << url << " in a browser\n";
    }
    out << std::flush;
}

// How long WebSocket clients get to answer the close frame on shutdown.
constexpr auto kCloseGrace = std::chrono::seconds(2);

unsigned core_count() {
    return std::max(1u, std::thread::hardware_concurrency());
}

// Stops accepting, stops the jobs (marked to resume), then lets the io threads end.
// The job threads are joined on a thread of its own: they may still post to the io threads.
void stop_everything(net::io_context& ioc, tcp::acceptor& acceptor, ServerContext& context,
                     JobManager& jobs, std::thread& stopper) {
    if (context.stopping.exchange(true)) return;
    spdlog::info("stopping: no new connections, cancelling running jobs");
    beast::error_code ignored;
    acceptor.close(ignored);
    stopper = std::thread([&ioc, &jobs, &context] {
        if (context.watches) context.watches->stop();  // before the jobs their batches run as
        jobs.shutdown();
        // After the jobs' last messages: every WebSocket gets its close frame (1001).
        context.hub.close_all();
        auto deadline = std::chrono::steady_clock::now() + kCloseGrace;
        while (context.hub.size() > 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        ioc.stop();
    });
}

}  // namespace

int run_server(ServerOptions options, std::ostream& out) {
    bool token_generated = token_required(options) && options.token.empty();
    if (token_generated) options.token = generate_token();
    if (options.test_image_delay_ms == 0)
        options.test_image_delay_ms = test_image_delay_from_environment();
    auto roots = prepare_roots(options);
    if (!roots) {
        spdlog::error("{}", roots.message());
        return 1;
    }
    if (options.samples) {
        auto made = fill_with_samples_if_empty(roots->input);
        if (!made)
            spdlog::warn("no sample images: {}", made.message());
        else if (*made > 0)
            out << "lote serve: wrote " << *made << " sample images to " << roots->input.string()
                << "\n";
    }
    auto state_file = options.state.empty() ? roots->output / ".lote-server.sqlite" : options.state;
    auto store = JobStore::open(state_file);
    if (!store) {
        spdlog::error("{}", store.message());
        return 1;
    }

    std::unique_ptr<NodeWatch> nodes;
    if (!options.broker.empty()) {
        auto watch = start_broker_link(options, roots->input, roots->output);
        if (!watch) {
            spdlog::error("{}", watch.message());
            return 2;  // a configuration to fix, like a bad option
        }
        nodes = std::move(*watch);
        out << "lote serve: distributed jobs go to the nodes of "
            << parse_broker_url(options.broker)->display() << "\n";
    }

    // Each part is made once, before the parts that use it; the context refers to all of them.
    Hub hub;
    std::error_code state_ec;
    std::filesystem::path canonical_state = std::filesystem::weakly_canonical(state_file, state_ec);
    Router router;
    add_all_routes(router);
    unsigned cores = core_count();
    JobManager jobs(JobEnvironment{
        **store, hub, Roots{roots->input, roots->output}, cores, options.parallel_jobs,
        std::chrono::milliseconds(options.test_image_delay_ms), options.broker,
        options.claim_timeout_seconds, options.worker_memory_mb});
    WorkPool requests(kRequestThreads, 0);
    ServerContext context{options,    roots->input,    roots->output,
                          roots->web, canonical_state, {options.allowed_origins},
                          hub,        **store,         jobs,
                          router,     requests,        cores};
    context.nodes = nodes.get();
    context.presets_folder = std::filesystem::path(state_file).parent_path() / ".lote-presets";
    WatchManager watches(context);
    context.watches = &watches;

    unsigned threads = std::max(1u, options.io_threads);
    net::io_context ioc(static_cast<int>(threads));
    auto endpoint = resolve_endpoint(ioc, options);
    if (!endpoint) {
        spdlog::error("{}", endpoint.message());
        return 1;
    }
    tcp::acceptor acceptor(ioc);
    if (auto s = open_acceptor(acceptor, *endpoint); !s) {
        spdlog::error("{}", s.message());
        return 1;
    }
    watches.close_unfinished_batches();
    if (auto resumed = jobs.resume_unfinished(); resumed > 0) {
        out << "lote serve: resuming " << resumed << " unfinished job(s)\n";
    }
    jobs.start();
    watches.start();
    print_banner(out, context, acceptor.local_endpoint(), token_generated);

    std::thread stopper;
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code ec, int) {
        if (!ec) stop_everything(ioc, acceptor, context, jobs, stopper);
    });
    net::co_spawn(ioc, accept_loop(acceptor, context), net::detached);

    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
    // Commands still running finish now, while the sessions they hold can still be destroyed
    // with their io_context; what they answer is dropped.
    requests.join();
    if (stopper.joinable()) stopper.join();
    watches.stop();
    jobs.shutdown();
    spdlog::info("stopped");
    return 0;
}

}  // namespace lote::server
