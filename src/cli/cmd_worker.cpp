// `lote worker`: the process pool's worker, started by `lote run`/`lote serve`, never by hand.
// Tasks arrive as frames on stdin and results leave as frames on stdout.
#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <csignal>
#include <iostream>

#include "cli/commands.hpp"
#include "exec/concurrency.hpp"
#include "exec/worker_main.hpp"
#include "pipeline/init_image_io.hpp"
#include "pipeline/memory_ceiling.hpp"
#include "pipeline/temporary_names.hpp"

namespace lote::cli {

namespace {

// Result frames get stdout to themselves: keep a private copy of it for them and point
// descriptor 1 at stderr, so a stray print (a library, a log line) cannot corrupt the stream.
int take_stdout_for_results() {
    int results_fd = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
    if (results_fd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) return -1;
    return results_fd;
}

// A worker must not outlive the pool that started it (a pool killed with SIGKILL cannot stop it,
// and a worker busy with a long image would not see its stdin close until done).
bool die_with_parent(pid_t expected_parent) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // The parent may have died before prctl took effect.
    return expected_parent == 0 || ::getppid() == expected_parent;
}

}  // namespace

void add_worker_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("worker", "internal: a worker of the process pool");
    cmd->group("");  // hidden from --help: only the pool starts it
    static unsigned threads = 0;
    cmd->add_option("--threads", threads, "libvips threads for this worker (default: all cores)");
    static pid_t parent_pid = 0;
    cmd->add_option("--parent-pid", parent_pid, "the pool's pid: exit when it is gone");
    static std::string writer;
    cmd->add_option("--writer", writer, "the name put in temporary files (default: the host's)");
    static std::uint64_t memory_mb = 0;
    cmd->add_option("--memory-mb", memory_mb, "this worker's memory ceiling in MB (0: none)");
    cmd->callback([&exit_code] {
        if (!die_with_parent(parent_pid)) {
            exit_code = kExitUsage;
            return;
        }
        int results_fd = take_stdout_for_results();
        if (results_fd < 0) {
            std::cerr << "lote worker: cannot set up the result stream\n";
            exit_code = kExitUsage;
            return;
        }
        // Before any image is decoded: from here on one image can only cost this worker.
        if (Status ceiling = apply_memory_ceiling(memory_mb); !ceiling) {
            std::cerr << "lote worker: " << ceiling.message() << "\n";
            exit_code = kExitUsage;
            return;
        }
        init_image_io();  // idempotent: main may already have done it
        if (!writer.empty()) set_temporary_writer_name(writer);
        configure_worker_libvips(threads == 0 ? core_count() : threads);
        exit_code = run_worker(STDIN_FILENO, results_fd);
    });
}

}  // namespace lote::cli
