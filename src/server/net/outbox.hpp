#pragma once
// One WebSocket client's queue of unsent messages, bounded so a client that stops reading cannot
// make the server hold an ever-growing backlog. A client that keeps up gets every line. Once one
// falls behind, progress is coalesced: a newer `progreso` of a job replaces an older one still
// waiting, so it sees fewer lines but always the latest counts; answers, final messages
// (`finalizado`, `cancelado`) and lines that report a failed image are never merged or dropped.

#include <cstddef>
#include <deque>
#include <memory>
#include <string>

namespace lote::server {

enum class MessageClass {
    Control,    // answers, job start/end: delivered in order or the client is disconnected
    Progress,   // replaced by a newer progress line of the same job while unsent, once behind
    Droppable,  // informative; dropped first when the client falls behind
};

struct OutMessage {
    std::shared_ptr<const std::string> text;
    MessageClass kind = MessageClass::Control;
    std::string job;  // for Progress: the job whose lines coalesce
};

class Outbox {
  public:
    enum class Push { Queued, Coalesced, Dropped, Overflow };

    explicit Outbox(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    // Overflow means the client is too far behind and should be disconnected.
    Push push(OutMessage message);
    bool has_next() const { return queue_.size() > (in_flight_ ? 1u : 0u); }
    bool writing() const { return in_flight_; }
    // The next message to write; it stays queued (and is never coalesced) until finished.
    const OutMessage& begin_write();
    void finish_write();
    std::size_t queued_bytes() const { return bytes_; }
    std::size_t size() const { return queue_.size(); }

  private:
    bool replace_waiting_progress(OutMessage& message);
    bool under_pressure() const { return bytes_ * 2 > max_bytes_; }
    bool falling_behind() const { return bytes_ * 8 > max_bytes_; }

    std::deque<OutMessage> queue_;
    std::size_t bytes_ = 0;
    std::size_t max_bytes_;
    bool in_flight_ = false;
};

}  // namespace lote::server
