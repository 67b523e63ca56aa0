// `lote version` (and `lote --version`): lote's version; the subcommand adds the libvips it runs
// on and the module folder it started with, which is what a bug report needs.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vips/vips8>

#include "cli/commands.hpp"
#include "util/version.hpp"

namespace lote::cli {

std::string version_line() {
    return std::string("lote ") + kVersion;
}

void add_version_command(CLI::App& app, int& exit_code) {
    app.set_version_flag("-V,--version", version_line(), "Print lote's version and exit");
    auto* cmd = app.add_subcommand("version", "Print lote's version and the libvips it uses");
    cmd->callback([&exit_code] {
        // main() sets VIPSHOME to lote's own module folder before libvips starts, unless the
        // user set one; without either, libvips sets it to its own prefix.
        const char* home = std::getenv("VIPSHOME");
        std::cout << version_line() << "\n"
                  << "libvips " << vips_version_string() << "\n"
                  << "libvips modules: "
                  << (home && *home ? std::string(home) : std::string("the system's folder"))
                  << "\n";
        exit_code = kExitOk;
    });
}

}  // namespace lote::cli
