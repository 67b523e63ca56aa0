#include "pipeline/exiv2_messages.hpp"

#include <exiv2/exiv2.hpp>
#include <mutex>

namespace lote {

namespace {

thread_local Exiv2Messages* current = nullptr;

std::mutex xmp_toolkit_mutex;

void lock_xmp_toolkit(void*, bool lock) {
    if (lock) {
        xmp_toolkit_mutex.lock();
    } else {
        xmp_toolkit_mutex.unlock();
    }
}

// Exiv2 logs a damaged block as errors (and harmless oddities as warnings): errors mark the block
// as unreadable, warnings are dropped.
void keep_message(int level, const char* text) {
    if (current == nullptr || level < Exiv2::LogMsg::error) {
        return;
    }
    std::string message = text == nullptr ? "" : text;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    current->add_error(std::move(message));
}

}  // namespace

void init_exiv2() {
    static std::once_flag once;
    std::call_once(once, [] {
        Exiv2::LogMsg::setLevel(Exiv2::LogMsg::warn);
        Exiv2::LogMsg::setHandler(keep_message);
        Exiv2::XmpParser::initialize(lock_xmp_toolkit, nullptr);
    });
}

Exiv2Messages::Exiv2Messages() : previous_(current) {
    init_exiv2();
    current = this;
}

Exiv2Messages::~Exiv2Messages() {
    current = previous_;
}

}  // namespace lote
