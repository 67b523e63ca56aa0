#include "batch/stale_temporaries.hpp"

#include <signal.h>

#include <cerrno>
#include <charconv>
#include <system_error>

namespace lote {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMarker = ".lote-tmp-";

bool process_is_gone(long pid) {
    return ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
}

}  // namespace

std::optional<long> temporary_writer_pid(std::string_view file_name) {
    if (file_name.empty() || file_name.front() != '.') {
        return std::nullopt;
    }
    auto at = file_name.rfind(kMarker);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view rest = file_name.substr(at + kMarker.size());
    long pid = 0;
    auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
    if (error != std::errc() || pid <= 0 || end == rest.data() + rest.size() || *end != '-') {
        return std::nullopt;
    }
    return pid;
}

std::uint64_t remove_stale_temporaries(const std::vector<fs::path>& folders) {
    std::uint64_t removed = 0;
    for (const fs::path& folder : folders) {
        std::error_code ec;
        for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end;
             it.increment(ec)) {
            auto pid = temporary_writer_pid(it->path().filename().string());
            std::error_code remove_error;
            if (pid && it->is_regular_file(remove_error) && process_is_gone(*pid) &&
                fs::remove(it->path(), remove_error)) {
                ++removed;
            }
        }
    }
    return removed;
}

}  // namespace lote
