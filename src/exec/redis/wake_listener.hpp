#pragma once
// Listens on the broker's lote:wake channel (its own connection, as pub/sub needs) and wakes the
// lease keeper when a coordinator announces a cancel, so that a node stops a cancelled image at
// once rather than at its next renewal. Missing a message only delays that: the renewal still
// finds the run's state.

#include <atomic>
#include <functional>
#include <thread>

#include "exec/redis/broker_link.hpp"

namespace lote {

class WakeListener {
  public:
    WakeListener(BrokerAddress address, std::function<void()> on_wake)
        : link_(std::move(address), ConnectionSettings{}), on_wake_(std::move(on_wake)) {}
    ~WakeListener() { stop(); }

    void start();
    void stop();

  private:
    void loop();
    bool subscribe();
    void listen();

    BrokerLink link_;
    std::function<void()> on_wake_;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
};

}  // namespace lote
