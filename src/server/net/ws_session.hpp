#pragma once
// One WebSocket client: reads commands, answers them, and receives broadcasts through a bounded
// outbox with one write in flight (Beast's chat-multi session plus a bound and coalescing).
// Everything but `deliver` runs on the connection's strand.

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>

#include "server/net/hub.hpp"
#include "server/net/outbox.hpp"
#include "util/net.hpp"

namespace lote::server {

struct ServerContext;

class WsSession : public Client, public std::enable_shared_from_this<WsSession> {
  public:
    WsSession(beast::tcp_stream&& stream, ServerContext& context);
    ~WsSession() override;

    // Completes the upgrade `request` asked for, then greets the client and joins the hub.
    void start(http::request<http::string_body> request);
    // Thread-safe: queues `text` for this client (posted to its strand).
    void deliver(std::shared_ptr<const std::string> text, MessageClass kind,
                 const std::string& job) override;
    void close_going_away() override;
    // An answer to this client alone.
    void reply(const nlohmann::json& message);

  private:
    void on_accept(beast::error_code ec);
    void read_next();
    void on_read(beast::error_code ec, std::size_t bytes);
    void enqueue(OutMessage message);
    void write_next();
    void on_write(beast::error_code ec, std::size_t bytes);
    void arm_write_deadline();
    void disconnect(const char* reason);
    void begin_closing();
    void send_close();
    void leave_hub();

    websocket::stream<beast::tcp_stream> ws_;
    beast::flat_buffer buffer_;
    Outbox outbox_;
    net::steady_timer write_deadline_;
    std::uint64_t writes_started_ = 0;
    ServerContext& context_;
    bool joined_ = false;
    bool closed_ = false;
    bool closing_ = false;  // a close frame goes out once the outbox is empty
};

}  // namespace lote::server
