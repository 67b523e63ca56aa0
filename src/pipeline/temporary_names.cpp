#include "pipeline/temporary_names.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <climits>
#include <mutex>

namespace lote {

namespace {

constexpr std::string_view kMarker = ".lote-tmp-";
constexpr std::size_t kLongestWriter = 64;
// Enough of the name for a person to tell whose temporary file it is.
constexpr std::size_t kPrefixBytes = 40;

std::mutex& writer_mutex() {
    static std::mutex mutex;
    return mutex;
}

std::string& writer_storage() {
    static std::string name = this_host_name();
    return name;
}

// Digits from `at`; moves `at` past them. Nothing when there are none.
std::optional<long> digits_at(std::string_view text, std::size_t& at) {
    long value = 0;
    auto [end, error] = std::from_chars(text.data() + at, text.data() + text.size(), value);
    if (error != std::errc() || end == text.data() + at) return std::nullopt;
    at = static_cast<std::size_t>(end - text.data());
    return value;
}

}  // namespace

std::string sanitized_writer_name(std::string_view raw) {
    std::string name;
    for (char c : raw.substr(0, kLongestWriter)) {
        bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                     c == '.' || c == '_' || c == '-';
        name += plain ? c : '_';
    }
    return name.empty() ? "host" : name;
}

std::string this_host_name() {
    char host[HOST_NAME_MAX + 1] = {};
    if (::gethostname(host, sizeof host - 1) != 0) return "host";
    return sanitized_writer_name(host);
}

void set_temporary_writer_name(std::string_view name) {
    std::lock_guard lock(writer_mutex());
    writer_storage() = sanitized_writer_name(name);
}

std::string temporary_writer_name() {
    std::lock_guard lock(writer_mutex());
    return writer_storage();
}

std::string temporary_name_prefix(std::string_view file_name) {
    std::size_t length = std::min(file_name.size(), kPrefixBytes);
    while (length > 0 && length < file_name.size() &&
           (static_cast<unsigned char>(file_name[length]) & 0xC0) == 0x80) {
        --length;
    }
    return std::string(file_name.substr(0, length));
}

std::string temporary_name_for(std::string_view file_name) {
    static std::atomic<unsigned long> counter{0};
    return "." + temporary_name_prefix(file_name) + std::string(kMarker) +
           std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1)) + "@" +
           temporary_writer_name();
}

std::optional<TemporaryName> parse_temporary_name(std::string_view file_name) {
    if (file_name.empty() || file_name.front() != '.') return std::nullopt;
    auto at = file_name.rfind(kMarker);
    if (at == std::string_view::npos || at < 1) return std::nullopt;
    TemporaryName parsed;
    parsed.target = std::string(file_name.substr(1, at - 1));
    std::size_t pos = at + kMarker.size();
    auto pid = digits_at(file_name, pos);
    if (!pid || *pid <= 0 || pos >= file_name.size() || file_name[pos] != '-') return std::nullopt;
    ++pos;
    if (!digits_at(file_name, pos)) return std::nullopt;
    parsed.pid = *pid;
    if (pos == file_name.size()) return parsed;
    if (file_name[pos] != '@' || pos + 1 == file_name.size()) return std::nullopt;
    parsed.writer = std::string(file_name.substr(pos + 1));
    return parsed;
}

}  // namespace lote
