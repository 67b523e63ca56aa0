#pragma once
// Ctrl-C during a batch: the first SIGINT (or SIGTERM) cancels cleanly (the images in progress
// finish, nothing half-written stays, the manifest keeps what was done); a second one exits at
// once with status 130.

#include "util/cancel.hpp"

namespace lote::cli {

inline constexpr int kExitInterrupted = 130;

class InterruptGuard {
  public:
    explicit InterruptGuard(const CancelToken& token);  // installs the handlers
    ~InterruptGuard();                                  // restores the previous ones
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;
};

}  // namespace lote::cli
