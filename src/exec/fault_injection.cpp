#include "exec/fault_injection.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdlib>

#include "exec/frame.hpp"

namespace lote {

namespace {

std::optional<FaultKind> fault_kind(std::string_view name) {
    if (name == "crash") return FaultKind::Crash;
    if (name == "hang") return FaultKind::Hang;
    if (name == "garbage") return FaultKind::Garbage;
    if (name == "exit") return FaultKind::Exit;
    return std::nullopt;
}

// A header announcing more than the limit: the reader must refuse it without reading on.
void write_malformed_frame(int out_fd) {
    std::string header = encode_frame_header(0xFFFFFFFFu);
    [[maybe_unused]] auto written = ::write(out_fd, header.data(), header.size());
}

}  // namespace

std::optional<Fault> parse_fault(std::string_view spec) {
    auto colon = spec.find(':');
    if (colon == std::string_view::npos || colon + 1 == spec.size()) return std::nullopt;
    auto kind = fault_kind(spec.substr(0, colon));
    if (!kind) return std::nullopt;
    return Fault{*kind, std::string(spec.substr(colon + 1))};
}

std::optional<Fault> fault_from_environment() {
    const char* spec = std::getenv("LOTE_TEST_FAULT");
    return spec ? parse_fault(spec) : std::nullopt;
}

void delay_task_for_tests() {
    static const long delay_ms = [] {
        const char* text = std::getenv("LOTE_TEST_TASK_DELAY_MS");
        return text ? std::strtol(text, nullptr, 10) : 0L;
    }();
    if (delay_ms > 0) ::usleep(static_cast<useconds_t>(delay_ms) * 1000);
}

std::optional<Fault> node_fault_from_environment() {
    const char* spec = std::getenv("LOTE_TEST_NODE_FAULT");
    return spec ? parse_fault(spec) : std::nullopt;
}

void inject_fault_if_matching(const std::optional<Fault>& fault, const std::string& input,
                              int out_fd) {
    if (!fault || input.find(fault->input_substring) == std::string::npos) return;
    switch (fault->kind) {
        case FaultKind::Crash:
            ::raise(SIGKILL);
            break;
        case FaultKind::Hang:
            for (;;) ::pause();
        case FaultKind::Garbage:
            // Then stay silent: the pool must act on the bad frame, not on what follows.
            write_malformed_frame(out_fd);
            for (;;) ::pause();
        case FaultKind::Exit:
            ::_exit(3);
    }
}

}  // namespace lote
