#include "exec/worker_temporaries.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "pipeline/temporary_names.hpp"

namespace lote {

namespace {

namespace fs = std::filesystem;

using Matches = std::function<bool(const TemporaryName&)>;

// Folder -> the output file names of the task in it.
std::map<fs::path, std::set<std::string>> outputs_by_folder(const ImageTask& task) {
    // A temporary name keeps only the start of its target's name (pipeline/temporary_names.hpp).
    std::map<fs::path, std::set<std::string>> folders;
    for (const auto& output : task.outputs) {
        fs::path path(output.path);
        auto folder = path.parent_path();
        folders[folder.empty() ? fs::path(".") : folder].insert(
            temporary_name_prefix(path.filename().string()));
    }
    return folders;
}

void remove_matching(const ImageTask& task, const Matches& matches) {
    for (const auto& [folder, names] : outputs_by_folder(task)) {
        std::error_code ec;
        for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
            auto name = parse_temporary_name(it->path().filename().string());
            if (!name || !names.count(name->target) || !matches(*name)) continue;
            std::error_code ignored;  // best effort: another cleanup may have won the race
            fs::remove(it->path(), ignored);
        }
    }
}

}  // namespace

void remove_worker_temporaries(const ImageTask& task, pid_t worker_pid, const std::string& writer) {
    std::string who = writer.empty() ? temporary_writer_name() : sanitized_writer_name(writer);
    remove_matching(task, [&](const TemporaryName& name) {
        return name.pid == worker_pid && (name.writer.empty() || name.writer == who);
    });
}

void remove_writer_temporaries(const ImageTask& task, const std::string& writer) {
    std::string who = sanitized_writer_name(writer);
    remove_matching(task, [&](const TemporaryName& name) { return name.writer == who; });
}

}  // namespace lote
