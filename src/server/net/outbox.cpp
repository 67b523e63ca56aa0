#include "server/net/outbox.hpp"

#include <cassert>

namespace lote::server {

bool Outbox::replace_waiting_progress(OutMessage& message) {
    std::size_t first_waiting = in_flight_ ? 1 : 0;
    for (std::size_t i = queue_.size(); i-- > first_waiting;) {
        auto& waiting = queue_[i];
        if (waiting.kind == MessageClass::Progress && waiting.job == message.job) {
            bytes_ = bytes_ - waiting.text->size() + message.text->size();
            waiting.text = std::move(message.text);
            return true;
        }
    }
    return false;
}

Outbox::Push Outbox::push(OutMessage message) {
    if (message.kind == MessageClass::Progress && falling_behind() &&
        replace_waiting_progress(message)) {
        return Push::Coalesced;
    }
    if (message.kind == MessageClass::Droppable && under_pressure()) return Push::Dropped;
    if (bytes_ + message.text->size() > max_bytes_) {
        if (message.kind != MessageClass::Control) return Push::Dropped;
        return Push::Overflow;
    }
    bytes_ += message.text->size();
    queue_.push_back(std::move(message));
    return Push::Queued;
}

const OutMessage& Outbox::begin_write() {
    assert(has_next() && !in_flight_);
    in_flight_ = true;
    return queue_.front();
}

void Outbox::finish_write() {
    assert(in_flight_);
    bytes_ -= queue_.front().text->size();
    queue_.pop_front();
    in_flight_ = false;
}

}  // namespace lote::server
