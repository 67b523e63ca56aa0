#pragma once
// One blocking connection to Redis (hiredis 0.14), owned by one thread. Every read is bounded by
// the command timeout, which must be longer than any BLOCK argument sent on the connection
// (hiredis' connect timeout does not bound reads). Once a read or write fails the connection is
// broken for good: the owner opens a new one (BrokerLink does it with a backoff).

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "exec/redis/broker_address.hpp"
#include "exec/redis/redis_reply.hpp"
#include "util/result.hpp"

struct redisContext;

namespace lote {

struct ConnectionSettings {
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds command_timeout{10000};
};

using Command = std::vector<std::string>;

class RedisConnection {
  public:
    // Connects, authenticates and selects the database. Failures say which of the three failed:
    // unreachable (unavailable), credentials refused (refused), anything else (invalid).
    static Result<std::unique_ptr<RedisConnection>> open(const BrokerAddress& address,
                                                         const ConnectionSettings& settings);
    ~RedisConnection();
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;

    // The reply may be an error reply; the Result fails only when the connection broke.
    Result<RedisReply> command(const Command& args);
    // Every command is sent before the first reply is read: one round trip.
    Result<std::vector<RedisReply>> pipeline(const std::vector<Command>& commands);

    // For subscribers: send without waiting, and read the next reply when one is due.
    Status send(const Command& args);
    Result<RedisReply> read_reply();
    // A reply already read from the socket and waiting in hiredis' buffer.
    bool has_buffered_reply();
    int socket() const;
    bool broken() const { return broken_; }

  private:
    explicit RedisConnection(redisContext* context) : context_(context) {}
    Status append(const Command& args);
    Error connection_error(const char* doing);

    redisContext* context_;
    bool broken_ = false;
    RedisReply buffered_;
    bool has_buffered_ = false;
};

}  // namespace lote
