#include "exec/worker_temporaries.hpp"

#include <filesystem>
#include <set>
#include <string>

#include "pipeline/atomic_write.hpp"

namespace lote {

namespace {

namespace fs = std::filesystem;

// Temporary names carry the writer's pid: ".<start of the name>.lote-tmp-<pid>-<n>".
bool written_by(const std::string& file_name, pid_t pid) {
    return is_temporary_output_name(file_name) &&
           file_name.find(".lote-tmp-" + std::to_string(pid) + "-") != std::string::npos;
}

void remove_in_folder(const fs::path& folder, pid_t pid) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (written_by(it->path().filename().string(), pid)) {
            std::error_code ignored;  // best effort: another cleanup may have won the race
            fs::remove(it->path(), ignored);
        }
    }
}

}  // namespace

void remove_worker_temporaries(const ImageTask& task, pid_t worker_pid) {
    std::set<fs::path> folders;
    for (const auto& output : task.outputs) {
        auto folder = fs::path(output.path).parent_path();
        folders.insert(folder.empty() ? fs::path(".") : folder);
    }
    for (const auto& folder : folders) remove_in_folder(folder, worker_pid);
}

}  // namespace lote
