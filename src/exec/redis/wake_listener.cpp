#include "exec/redis/wake_listener.hpp"

#include <poll.h>

#include <chrono>
#include <optional>

#include "exec/redis/broker_keys.hpp"

namespace lote {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kPollMs = 250;
// A subscribed connection is silent; a PING now and then tells a dead broker from a quiet one.
constexpr auto kPingEvery = std::chrono::seconds(5);

}  // namespace

void WakeListener::start() {
    thread_ = std::thread([this] { loop(); });
}

void WakeListener::stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
}

bool WakeListener::subscribe() {
    if (!link_.connect()) return false;
    if (!link_.raw()->send({"SUBSCRIBE", broker_keys::kWake})) return false;
    auto confirmed = link_.raw()->read_reply();
    return confirmed.ok() && !confirmed->is_error();
}

// Reads messages as they come, until the connection breaks or the node stops.
void WakeListener::listen() {
    auto next_ping = Clock::now() + kPingEvery;
    std::optional<Clock::time_point> answer_due;
    RedisConnection* connection = link_.raw();
    while (!stopping_ && connection && !connection->broken()) {
        if (!connection->has_buffered_reply()) {
            pollfd watched{connection->socket(), POLLIN, 0};
            int ready = ::poll(&watched, 1, kPollMs);
            if (ready == 0) {
                auto now = Clock::now();
                if (answer_due && now > *answer_due) break;  // the broker stopped answering
                if (now >= next_ping) {
                    next_ping = now + kPingEvery;
                    if (!connection->send({"PING"})) break;
                    if (!answer_due) answer_due = now + kPingEvery * 2;
                }
                continue;
            }
            if (ready < 0) continue;
        }
        auto message = connection->read_reply();
        if (!message) break;
        answer_due.reset();
        if (message->is_array() && !message->items.empty() &&
            message->items[0].as_text() == "message") {
            on_wake_();
        }
    }
    link_.disconnect();
}

void WakeListener::loop() {
    Backoff backoff;
    while (!stopping_) {
        if (subscribe()) {
            backoff.reset();
            listen();
            continue;
        }
        link_.disconnect();
        auto until = Clock::now() + backoff.next();
        while (!stopping_ && Clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

}  // namespace lote
