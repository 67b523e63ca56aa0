#include "pipeline/output_path.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <filesystem>

namespace lote {

namespace fs = std::filesystem;

namespace {

bool path_taken(const fs::path& path) {
    std::error_code ec;
    return fs::symlink_status(path, ec).type() != fs::file_type::not_found && !ec;
}

bool is_replaceable(const OutputRequest& request, const fs::path& path) {
    const std::string text = path.string();
    return std::find(request.replaceable.begin(), request.replaceable.end(), text) !=
           request.replaceable.end();
}

bool free_for_us(const OutputRequest& request, const fs::path& path) {
    return !path_taken(path) || is_replaceable(request, path);
}

}  // namespace

std::string modification_date(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        return "";
    }
    std::tm local{};
    if (localtime_r(&st.st_mtime, &local) == nullptr) {
        return "";
    }
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

Result<std::string> output_path_for(const OutputRequest& request, const std::string& input,
                                    const std::optional<std::string>& date_taken,
                                    const vips::VImage& result) {
    if (!request.path.empty()) {
        return request.path;
    }
    NameValues values{date_taken ? *date_taken : modification_date(input), result.width(),
                      result.height()};
    std::string name = render_name(request.name, values);
    fs::path path = fs::path(request.folder) / name;
    if (free_for_us(request, path) || request.on_conflict == ConflictPolicy::Overwrite) {
        return path.string();
    }
    if (request.on_conflict == ConflictPolicy::Skip) {
        return std::string();
    }
    for (int n = 1; n < 100000; ++n) {
        fs::path candidate = fs::path(request.folder) / renamed(name, n);
        if (free_for_us(request, candidate)) {
            return candidate.string();
        }
    }
    return fail(ErrorKind::conflict, "no free name beside " + path.string());
}

}  // namespace lote
