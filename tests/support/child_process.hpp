#pragma once
// A program started by a test: spawned, never forked (the test process has started libvips,
// which must not be forked), its output sent to files, waited for with a bound, and killed if the
// test ends first so no child outlives its test.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace lote::test_support {

// This process's environment without VIPSHOME (the test's own libvips set it at start; a child
// lote picks its own), followed by `extra` ("NAME=value" each).
std::vector<std::string> child_environment(const std::vector<std::string>& extra = {});

class ChildProcess {
  public:
    // Starts argv[0] (a path, not searched in PATH) with `argv` and child_environment(extra_env).
    // Standard output goes to `out_file`, standard error to `err_file`, or to `out_file` as well
    // when `err_file` is empty. Throws std::runtime_error when it cannot start.
    ChildProcess(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
                 const std::filesystem::path& out_file, const std::filesystem::path& err_file = {});
    // Kills (SIGKILL) and reaps a child still running.
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    // Reaps the child if it has ended; false once it has.
    bool running();
    void signal(int sig) const;
    // Waits at most `limit` for the child to end; its raw wait status (WIFEXITED...), or -1 when
    // it is still running then (it is left running).
    int wait_for(std::chrono::milliseconds limit);
    // The raw wait status of an ended child, -1 before.
    int wait_status() const { return status_; }

  private:
    pid_t pid_ = -1;
    int status_ = -1;
};

// The exit status of a raw wait status, or 128 + the signal that ended it (as a shell says).
int exit_code_of(int wait_status);

// Runs a program to its end with this process's environment, output not captured; its exit
// status, or -1 when it cannot start or was killed.
int run_program(const std::vector<std::string>& argv);

}  // namespace lote::test_support
