#pragma once
// Test helpers for the server's integration tests: a temporary folder, the real `lote serve`
// started on a free port, and small synchronous HTTP and WebSocket clients (Beast).

#include <signal.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"
#include "util/net.hpp"

namespace lote::testing {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;

using test_support::read_file;
using test_support::TempDir;

// `lote serve` as a child process; the port is read from what it prints.
class ServerProcess {
  public:
    ServerProcess(const fs::path& dir, std::vector<std::string> extra_args = {},
                  std::vector<std::string> extra_env = {})
        : dir_(dir) {
        std::vector<std::string> args = {LOTE_BINARY,
                                         "serve",
                                         "--port",
                                         "0",
                                         "--input",
                                         (dir / "in").string(),
                                         "--output",
                                         (dir / "out").string(),
                                         "--no-samples",
                                         "--web",
                                         std::string(LOTE_SOURCE_DIR) + "/web"};
        args.insert(args.end(), extra_args.begin(), extra_args.end());
        start(args, extra_env);
    }
    ~ServerProcess() { stop(); }

    void start(const std::vector<std::string>& args, const std::vector<std::string>& extra_env) {
        log_ = dir_ / ("server-" + std::to_string(++starts_) + ".log");
        try {
            child_ = std::make_unique<test_support::ChildProcess>(args, extra_env, log_);
        } catch (const std::exception&) {
            throw std::runtime_error("cannot start lote serve");
        }
        args_ = args;
        env_ = extra_env;
        wait_for_port();
    }
    // Starts the same command again (after a kill), on a new port.
    void restart() { start(args_, env_); }

    std::uint16_t port() const { return port_; }
    std::string host() const { return host_; }
    std::string output() const { return read_file(log_); }
    pid_t pid() const { return child_ ? child_->pid() : -1; }
    bool running() { return child_ && child_->running(); }
    // Sends `sig` and waits up to `timeout`; returns the wait status (or -1 on timeout).
    int signal_and_wait(int sig, std::chrono::milliseconds timeout = 10s) {
        if (!child_) return -1;
        if (!child_->running()) return child_->wait_status();
        child_->signal(sig);
        return child_->wait_for(timeout);
    }
    void stop() {
        if (!running()) return;
        if (signal_and_wait(SIGTERM, 10s) == -1) signal_and_wait(SIGKILL, 5s);
    }

  private:
    void wait_for_port() {
        std::regex pattern(R"(listening on http://([^/]+):(\d+)/)");
        auto deadline = std::chrono::steady_clock::now() + 30s;
        while (std::chrono::steady_clock::now() < deadline) {
            std::smatch m;
            std::string text = read_file(log_);
            if (std::regex_search(text, m, pattern)) {
                host_ = m[1];
                if (!host_.empty() && host_.front() == '[')
                    host_ = host_.substr(1, host_.size() - 2);
                port_ = static_cast<std::uint16_t>(std::stoi(m[2]));
                return;
            }
            if (!running()) throw std::runtime_error("lote serve exited: " + text);
            std::this_thread::sleep_for(20ms);
        }
        throw std::runtime_error("lote serve did not print its port: " + read_file(log_));
    }

    fs::path dir_;
    fs::path log_;
    std::vector<std::string> args_;
    std::vector<std::string> env_;
    std::unique_ptr<test_support::ChildProcess> child_;
    int starts_ = 0;
    std::uint16_t port_ = 0;
    std::string host_ = "127.0.0.1";
};

struct HttpResult {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;
    json body_json() const { return json::parse(body, nullptr, false); }
};

inline HttpResult http_request(const std::string& host, std::uint16_t port, http::verb method,
                               const std::string& target,
                               const std::map<std::string, std::string>& headers = {},
                               const std::string& body = {}) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(net::ip::make_address(host), port));
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, host + ":" + std::to_string(port));
    for (const auto& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == http::verb::head) parser.skip(true);
    http::read(stream, buffer, parser);
    HttpResult result;
    result.status = parser.get().result_int();
    result.body = parser.get().body();
    for (const auto& field : parser.get())
        result.headers[std::string(field.name_string())] = std::string(field.value());
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return result;
}

// `body` in HTTP/1.1 chunked transfer coding, `piece` bytes a chunk, with the last (empty) chunk.
inline std::string chunked(const std::string& body, std::size_t piece) {
    std::string out;
    for (std::size_t at = 0; at < body.size(); at += piece) {
        std::string part = body.substr(at, piece);
        std::ostringstream size;
        size << std::hex << part.size();
        out += size.str() + "\r\n" + part + "\r\n";
    }
    return out + "0\r\n\r\n";
}

// Sends `raw` bytes as they are (a write the server cuts short is not an error: it may refuse
// early), then reads one response; status 0 when none could be read.
inline HttpResult send_raw(std::uint16_t port, const std::string& raw) {
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    stream.expires_after(30s);
    beast::error_code ec;
    net::write(stream, net::buffer(raw), ec);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    http::read(stream, buffer, parser, ec);
    HttpResult result;
    if (!parser.is_header_done()) return result;
    result.status = parser.get().result_int();
    result.body = parser.get().body();
    for (const auto& field : parser.get())
        result.headers[std::string(field.name_string())] = std::string(field.value());
    return result;
}

inline HttpResult http_get(std::uint16_t port, const std::string& target,
                           const std::map<std::string, std::string>& headers = {},
                           const std::string& host = "127.0.0.1") {
    return http_request(host, port, http::verb::get, target, headers);
}

// The status a WebSocket upgrade request gets (101 when accepted); Beast's client handshake does
// not report the refusal's status, so this one is sent by hand.
inline int upgrade_status(std::uint16_t port, const std::string& target,
                          std::map<std::string, std::string> headers = {},
                          const std::string& host = "127.0.0.1") {
    headers.emplace("Connection", "Upgrade");
    headers.emplace("Upgrade", "websocket");
    headers.emplace("Sec-WebSocket-Version", "13");
    headers.emplace("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    net::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(tcp::endpoint(net::ip::make_address(host), port));
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, host + ":" + std::to_string(port));
    for (const auto& [k, v] : headers) req.set(k, v);
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::empty_body> parser;
    parser.skip(true);
    http::read_header(stream, buffer, parser);
    return parser.get().result_int();
}

// A WebSocket client with a background read loop driven only inside its own calls.
class WsClient {
  public:
    // Connects and completes the handshake; check `ok()` and `handshake_status()`.
    WsClient(std::uint16_t port, const std::string& target = "/",
             const std::map<std::string, std::string>& headers = {},
             const std::string& host = "127.0.0.1")
        : ws_(ioc_) {
        beast::get_lowest_layer(ws_).connect(tcp::endpoint(net::ip::make_address(host), port));
        ws_.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
            for (const auto& [k, v] : headers) req.set(k, v);
        }));
        ws_.read_message_max(64 * 1024 * 1024);
        websocket::response_type res;
        beast::error_code ec;
        ws_.handshake(res, host + ":" + std::to_string(port), target, ec);
        status_ = res.result_int();
        ok_ = !ec;
        if (ok_) read_loop();
    }
    ~WsClient() {
        beast::error_code ignored;
        beast::get_lowest_layer(ws_).socket().close(ignored);
    }

    bool ok() const { return ok_; }
    int handshake_status() const { return status_; }
    bool closed() const { return closed_; }
    beast::error_code close_reason() const { return read_error_; }
    // The close frame the server sent (code 0 when it sent none).
    websocket::close_reason close_frame() const { return ws_.reason(); }

    void send(const json& message) { send_text(message.dump()); }
    void send_text(const std::string& text) {
        ws_.text(true);
        beast::error_code ec;
        ws_.write(net::buffer(text), ec);
    }
    void send_binary(const std::string& bytes) {
        ws_.binary(true);
        beast::error_code ec;
        ws_.write(net::buffer(bytes), ec);
        ws_.text(true);
    }

    // The next message, or nullopt after `timeout` (or when the connection closed).
    std::optional<json> next(std::chrono::milliseconds timeout = 10s) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (inbox_.empty() && !closed_) {
            auto left = deadline - std::chrono::steady_clock::now();
            if (left <= 0s) return std::nullopt;
            ioc_.restart();
            ioc_.run_one_for(std::chrono::duration_cast<std::chrono::milliseconds>(left));
        }
        if (inbox_.empty()) return std::nullopt;
        json message = json::parse(inbox_.front(), nullptr, false);
        inbox_.pop_front();
        received_.push_back(message);
        return message;
    }
    // Reads until a message of `tipo` arrives (returned) or the timeout; every message read is
    // kept in `received()`.
    std::optional<json> wait_for(const std::string& tipo, std::chrono::milliseconds timeout = 15s) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left <= 0ms) return std::nullopt;
            auto m = next(left);
            if (!m) return std::nullopt;
            if ((*m)["tipo"] == tipo) return m;
        }
    }
    // Sends `message` and waits for the answer of type `tipo`.
    std::optional<json> ask(const json& message, const std::string& tipo) {
        send(message);
        return wait_for(tipo);
    }
    const std::vector<json>& received() const { return received_; }
    std::vector<json> received_of(const std::string& tipo) const {
        std::vector<json> out;
        for (const auto& m : received_) {
            if (m["tipo"] == tipo) out.push_back(m);
        }
        return out;
    }
    // Waits until the server closes the connection; true if it did within `timeout`.
    bool wait_closed(std::chrono::milliseconds timeout) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!closed_ && std::chrono::steady_clock::now() < deadline) {
            inbox_.clear();
            ioc_.restart();
            ioc_.run_one_for(50ms);
        }
        return closed_;
    }

  private:
    void read_loop() {
        ws_.async_read(buffer_, [this](beast::error_code ec, std::size_t) {
            if (ec) {
                closed_ = true;
                read_error_ = ec;
                return;
            }
            inbox_.push_back(beast::buffers_to_string(buffer_.data()));
            buffer_.consume(buffer_.size());
            read_loop();
        });
    }

    net::io_context ioc_;
    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    std::deque<std::string> inbox_;
    std::vector<json> received_;
    bool ok_ = false;
    bool closed_ = false;
    int status_ = 0;
    beast::error_code read_error_;
};

}  // namespace lote::testing
