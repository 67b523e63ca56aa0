#include "batch/stale_temporaries.hpp"

#include <signal.h>

#include <cerrno>
#include <system_error>

#include "pipeline/temporary_names.hpp"

namespace lote {

namespace fs = std::filesystem;

namespace {

bool process_is_gone(long pid) {
    return ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
}

bool older_than(const fs::path& path, std::chrono::seconds age) {
    std::error_code ec;
    auto written = fs::last_write_time(path, ec);
    return !ec && fs::file_time_type::clock::now() - written > age;
}

bool is_stale(const fs::path& path, const TemporaryName& name, std::chrono::seconds foreign_age) {
    bool ours = name.writer.empty() || name.writer == temporary_writer_name();
    return ours ? process_is_gone(name.pid) : older_than(path, foreign_age);
}

}  // namespace

std::optional<long> temporary_writer_pid(std::string_view file_name) {
    auto parsed = parse_temporary_name(file_name);
    if (!parsed) return std::nullopt;
    return parsed->pid;
}

std::uint64_t remove_stale_temporaries(const std::vector<fs::path>& folders,
                                       std::chrono::seconds foreign_age) {
    std::uint64_t removed = 0;
    for (const fs::path& folder : folders) {
        std::error_code ec;
        for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end;
             it.increment(ec)) {
            auto name = parse_temporary_name(it->path().filename().string());
            std::error_code remove_error;
            if (name && it->is_regular_file(remove_error) &&
                is_stale(it->path(), *name, foreign_age) && fs::remove(it->path(), remove_error)) {
                ++removed;
            }
        }
    }
    return removed;
}

}  // namespace lote
