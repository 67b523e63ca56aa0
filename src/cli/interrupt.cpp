#include "cli/interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace lote::cli {

namespace {

// Handlers may only touch lock-free atomics; the token's flag is one, reached through a pointer
// set before the handler is installed.
const CancelToken* g_token = nullptr;
std::atomic<int> g_interrupts{0};
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

void write_stderr(const char* text, std::size_t size) {
    (void)!::write(STDERR_FILENO, text, size);
}

void on_interrupt(int) {
    if (g_interrupts.fetch_add(1) > 0) {
        static const char kBye[] = "\nlote: interrupted again, quitting now\n";
        write_stderr(kBye, sizeof kBye - 1);
        ::_exit(kExitInterrupted);
    }
    static const char kStopping[] =
        "\nlote: stopping after the images in progress (Ctrl-C again to quit now)\n";
    write_stderr(kStopping, sizeof kStopping - 1);
    if (g_token != nullptr) {
        g_token->cancel();
    }
}

}  // namespace

InterruptGuard::InterruptGuard(const CancelToken& token) {
    g_token = &token;
    g_interrupts = 0;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, &g_previous_int);
    sigaction(SIGTERM, &action, &g_previous_term);
}

InterruptGuard::~InterruptGuard() {
    sigaction(SIGINT, &g_previous_int, nullptr);
    sigaction(SIGTERM, &g_previous_term, nullptr);
    g_token = nullptr;
}

}  // namespace lote::cli
