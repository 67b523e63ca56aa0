#include <vips/vips8>

#include "cli/commands.hpp"
#include "cli/install_layout.hpp"
#include "pipeline/init_image_io.hpp"
#include "pipeline/vips_modules.hpp"

int main(int argc, char** argv) {
    lote::use_only_needed_vips_modules(lote::cli::bundled_vips_home().c_str());
    // Started once per process; worker processes are started by exec, never by fork after this.
    if (VIPS_INIT(argv[0]) != 0) {
        vips_error_exit("cannot start libvips");
    }
    lote::init_image_io();
    CLI::App app{"lote: a multicore batch image processor"};
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "Print the help of every subcommand (the man page's text)");
    int exit_code = lote::cli::kExitOk;
    lote::cli::add_run_command(app, exit_code);
    lote::cli::add_filters_command(app, exit_code);
    lote::cli::add_samples_command(app, exit_code);
    lote::cli::add_worker_command(app, exit_code);
    lote::cli::add_compare_command(app, exit_code);
    lote::cli::add_serve_command(app, exit_code);
    lote::cli::add_node_command(app, exit_code);
    lote::cli::add_watch_command(app, exit_code);
    lote::cli::add_audit_command(app, exit_code);
    lote::cli::add_version_command(app, exit_code);
    lote::cli::add_presets_command(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : lote::cli::kExitUsage;
    }
    return exit_code;
}
