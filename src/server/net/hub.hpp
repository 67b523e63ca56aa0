#pragma once
// The broadcast hub (Beast's chat-multi shape): one set of connected clients behind a mutex.
// A broadcast serialises the message once, copies the client pointers under the lock and
// delivers outside it, so a slow client never holds the lock. The hub also remembers the start
// and latest progress of every running job, so a client connecting mid-job is told at once.

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/net/outbox.hpp"

namespace lote::server {

// A connected client as the hub sees it; `deliver` must be thread-safe and must not block.
class Client {
  public:
    virtual ~Client() = default;
    virtual void deliver(std::shared_ptr<const std::string> text, MessageClass kind,
                         const std::string& job) = 0;
    // The server is stopping: send what is queued, then close (WebSocket code 1001, going away)
    // and leave the hub. Thread-safe, must not block. A client without a connection ignores it.
    virtual void close_going_away() {}
};

// What a broadcast means for the job state remembered for late joiners.
enum class JobMoment { None, Start, Progress, End };

class Hub {
  public:
    // Adds the client and hands it the remembered state of running jobs.
    void join(const std::shared_ptr<Client>& client);
    void leave(const Client* client);
    std::size_t size() const;
    // Asks every client to close (Client::close_going_away); they leave as they finish.
    void close_all();

    void broadcast(const nlohmann::json& message, MessageClass kind = MessageClass::Control,
                   const std::string& job = {}, JobMoment moment = JobMoment::None);

    static std::shared_ptr<const std::string> serialise(const nlohmann::json& message);

  private:
    struct JobMemory {
        std::shared_ptr<const std::string> start;
        std::shared_ptr<const std::string> progress;
    };
    void remember(const std::string& job, JobMoment moment,
                  const std::shared_ptr<const std::string>& text);

    mutable std::mutex mutex_;
    std::map<const Client*, std::weak_ptr<Client>> clients_;
    std::map<std::string, JobMemory> running_;
};

}  // namespace lote::server
