#include "cli/install_layout.hpp"

#include <cstdlib>
#include <system_error>

#ifndef LOTE_RELATIVE_WEB_DIR
#define LOTE_RELATIVE_WEB_DIR "../share/lote/web"
#endif
#ifndef LOTE_RELATIVE_VIPS_HOME
#define LOTE_RELATIVE_VIPS_HOME "../lib/lote/vips-home"
#endif

namespace lote::cli {

namespace fs = std::filesystem;

namespace {

bool has_page(const fs::path& dir) {
    std::error_code ec;
    return !dir.empty() && fs::is_regular_file(dir / "index.html", ec);
}

// A module folder whose links all lead to a module. A link left dangling (libvips upgraded to a
// version with another module folder) would start libvips without HEIF: better then to let it
// load the system's modules.
bool is_usable_vips_home(const fs::path& dir) {
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) return false;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_symlink(ec) && !fs::exists(it->path(), ec)) return false;
    }
    return !ec;
}

// `relative` under the binary's folder, tidied (bin/../share → share) so messages read well.
fs::path beside_executable(const fs::path& relative) {
    const fs::path exe = executable_dir();
    return exe.empty() ? fs::path{} : (exe / relative).lexically_normal();
}

}  // namespace

fs::path executable_dir() {
    std::error_code ec;
    auto exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path{} : exe.parent_path();
}

fs::path default_web_dir() {
    if (const char* env = std::getenv("LOTE_WEB_DIR"); env && *env) return env;
    const fs::path installed = beside_executable(LOTE_RELATIVE_WEB_DIR);
    std::error_code ec;
    for (const fs::path& candidate : {installed, beside_executable("../web"),
                                      beside_executable("web"), fs::current_path(ec) / "web"}) {
        if (has_page(candidate)) return candidate;
    }
    return installed;
}

fs::path bundled_vips_home() {
    for (const fs::path& candidate :
         {beside_executable(LOTE_RELATIVE_VIPS_HOME), beside_executable("vips-home")}) {
        if (is_usable_vips_home(candidate)) return candidate;
    }
    return {};
}

}  // namespace lote::cli
