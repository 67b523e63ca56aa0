#include "server/net/ws_session.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "server/api/work_pool.hpp"
#include "server/protocol/commands.hpp"
#include "server/protocol/messages.hpp"
#include "server/server_context.hpp"

namespace lote::server {

namespace {

std::chrono::milliseconds to_ms(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

}  // namespace

WsSession::WsSession(beast::tcp_stream&& stream, ServerContext& context)
    : ws_(std::move(stream)),
      outbox_(context.options.client_queue_bytes),
      write_deadline_(ws_.get_executor()),
      context_(context) {}

WsSession::~WsSession() {
    leave_hub();
}

void WsSession::leave_hub() {
    if (!joined_) return;
    context_.hub.leave(this);
    joined_ = false;
}

void WsSession::start(http::request<http::string_body> request) {
    // The websocket stream keeps its own timers; the TCP-level one would fire mid-conversation.
    beast::get_lowest_layer(ws_).expires_never();
    websocket::stream_base::timeout timeouts{};
    timeouts.handshake_timeout = to_ms(context_.options.request_timeout_seconds);
    timeouts.idle_timeout = to_ms(context_.options.ws_idle_timeout_seconds);
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.read_message_max(context_.options.ws_message_limit);
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, "lote"); }));
    ws_.async_accept(request, beast::bind_front_handler(&WsSession::on_accept, shared_from_this()));
}

void WsSession::on_accept(beast::error_code ec) {
    if (ec) return;
    reply(conexion_message());
    joined_ = true;
    context_.hub.join(shared_from_this());
    read_next();
}

void WsSession::read_next() {
    ws_.async_read(buffer_, beast::bind_front_handler(&WsSession::on_read, shared_from_this()));
}

void WsSession::on_read(beast::error_code ec, std::size_t) {
    if (ec) {
        if (ec == websocket::error::message_too_big) {
            spdlog::info("WebSocket client sent a message over the limit; closed");
        }
        closed_ = true;
        write_deadline_.cancel();
        leave_hub();
        return;
    }
    std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (!ws_.got_text()) {
        reply(error_message(invalid_message()));
        return read_next();
    }
    // A command may scan a folder or touch the store: it runs on the request pool, never on an
    // io thread. The next message is read once it is done, so a client's commands are answered
    // in order and a client cannot pile up work.
    auto strand = ws_.get_executor();
    context_.requests.post([self = shared_from_this(), strand, text = std::move(text)] {
        handle_client_message(self->context_, text,
                              [self](const nlohmann::json& m) { self->reply(m); });
        net::post(strand, [self] { self->read_next(); });
    });
}

void WsSession::reply(const nlohmann::json& message) {
    deliver(Hub::serialise(message), MessageClass::Control, {});
}

void WsSession::deliver(std::shared_ptr<const std::string> text, MessageClass kind,
                        const std::string& job) {
    net::post(ws_.get_executor(),
              [self = shared_from_this(), m = OutMessage{std::move(text), kind, job}]() mutable {
                  self->enqueue(std::move(m));
              });
}

void WsSession::enqueue(OutMessage message) {
    if (closed_) return;
    if (outbox_.push(std::move(message)) == Outbox::Push::Overflow) {
        disconnect("too far behind");
        return;
    }
    if (!outbox_.writing()) write_next();
}

void WsSession::write_next() {
    if (closed_) return;
    if (!outbox_.has_next()) {
        if (closing_) send_close();
        return;
    }
    const OutMessage& next = outbox_.begin_write();
    ws_.text(true);
    arm_write_deadline();
    ws_.async_write(net::buffer(*next.text),
                    beast::bind_front_handler(&WsSession::on_write, shared_from_this()));
}

void WsSession::arm_write_deadline() {
    std::uint64_t this_write = ++writes_started_;
    write_deadline_.expires_after(to_ms(context_.options.ws_write_timeout_seconds));
    write_deadline_.async_wait([weak = weak_from_this(), this_write](beast::error_code ec) {
        auto self = weak.lock();
        if (ec || !self || !self->outbox_.writing() || self->writes_started_ != this_write) return;
        self->disconnect("stopped reading");
    });
}

void WsSession::on_write(beast::error_code ec, std::size_t) {
    write_deadline_.cancel();
    outbox_.finish_write();
    if (ec) {
        closed_ = true;
        return;
    }
    write_next();
}

void WsSession::close_going_away() {
    net::post(ws_.get_executor(), [self = shared_from_this()] { self->begin_closing(); });
}

void WsSession::begin_closing() {
    if (closed_ || closing_) return;
    closing_ = true;
    if (!outbox_.writing()) send_close();
}

void WsSession::send_close() {
    closed_ = true;  // nothing is written after the close frame
    ws_.async_close(websocket::close_reason(websocket::close_code::going_away, "server stopping"),
                    [self = shared_from_this()](beast::error_code) { self->leave_hub(); });
}

void WsSession::disconnect(const char* reason) {
    if (closed_) return;
    closed_ = true;
    spdlog::info("disconnecting a WebSocket client: {}", reason);
    leave_hub();
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).socket().close(ignored);
}

}  // namespace lote::server
