#pragma once
// A connection that comes back: each call opens the connection first if it is down (one
// attempt), and a call that breaks it drops it so the next one reconnects. Callers that must get
// through wait with a Backoff between attempts. Lua scripts run by their SHA1 and are loaded again
// when the broker has forgotten them (a restart).

#include <chrono>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "exec/redis/lua_scripts.hpp"
#include "exec/redis/redis_connection.hpp"

namespace lote {

// Waits between reconnection attempts: 100 ms doubling up to 5 s, with some jitter so that nodes
// cut off together do not all come back in the same millisecond.
class Backoff {
  public:
    std::chrono::milliseconds next();
    void reset() { attempt_ = 0; }
    unsigned attempts() const { return attempt_; }

  private:
    unsigned attempt_ = 0;
    std::minstd_rand random_{std::random_device{}()};
};

class BrokerLink {
  public:
    BrokerLink(BrokerAddress address, ConnectionSettings settings)
        : address_(std::move(address)), settings_(settings) {}

    Result<RedisReply> call(const Command& args);
    Result<std::vector<RedisReply>> call_all(const std::vector<Command>& commands);
    Result<RedisReply> run(const LuaScript& script, const std::vector<std::string>& keys,
                           const std::vector<std::string>& args);

    // Opens the connection now if it is down.
    Status connect();
    bool connected() const { return connection_ != nullptr; }
    void disconnect() { connection_.reset(); }
    // How many times a connection was opened: a caller that sees it change knows the broker may
    // have restarted meanwhile and checks what it relies on.
    std::uint64_t connections() const { return connections_; }
    const BrokerAddress& address() const { return address_; }
    RedisConnection* raw() { return connection_.get(); }

  private:
    void drop_if_broken();

    BrokerAddress address_;
    ConnectionSettings settings_;
    std::unique_ptr<RedisConnection> connection_;
    std::uint64_t connections_ = 0;
};

}  // namespace lote
