#include "exec/worker_process.hpp"

#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>
#include <vector>

extern char** environ;

namespace lote {

namespace {

std::string this_program() {
    char path[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (n <= 0) return "/proc/self/exe";
    return std::string(path, static_cast<std::size_t>(n));
}

// Close-on-exec pipes, so no other child started meanwhile (by any thread) inherits them.
Status make_pipe(int fds[2]) {
    if (::pipe2(fds, O_CLOEXEC) != 0) return fail(std::string("pipe: ") + std::strerror(errno));
    return Status::success();
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

// RAII for the spawn descriptions: the child gets the task pipe as stdin, the result pipe as
// stdout, stderr shared with us, and no other descriptor at all (closefrom covers descriptors
// other libraries opened without close-on-exec). Signals back to defaults (we ignore SIGPIPE),
// nothing blocked, and its own process group so a terminal's Ctrl-C reaches only us: we decide
// how workers stop.
class SpawnSetup {
  public:
    SpawnSetup(int child_stdin, int child_stdout) {
        posix_spawn_file_actions_init(&actions_);
        posix_spawn_file_actions_adddup2(&actions_, child_stdin, STDIN_FILENO);
        posix_spawn_file_actions_adddup2(&actions_, child_stdout, STDOUT_FILENO);
        posix_spawn_file_actions_addclosefrom_np(&actions_, STDERR_FILENO + 1);
        posix_spawnattr_init(&attr_);
        sigset_t none;
        sigset_t all;
        sigemptyset(&none);
        sigfillset(&all);
        posix_spawnattr_setsigmask(&attr_, &none);
        posix_spawnattr_setsigdefault(&attr_, &all);
        posix_spawnattr_setpgroup(&attr_, 0);
        posix_spawnattr_setflags(
            &attr_, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);
    }
    ~SpawnSetup() {
        posix_spawn_file_actions_destroy(&actions_);
        posix_spawnattr_destroy(&attr_);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;

    const posix_spawn_file_actions_t* actions() const { return &actions_; }
    const posix_spawnattr_t* attr() const { return &attr_; }

  private:
    posix_spawn_file_actions_t actions_;
    posix_spawnattr_t attr_;
};

Result<pid_t> spawn_worker(const std::string& program, unsigned vips_threads,
                           std::string writer_name, std::uint64_t memory_mb, int child_stdin,
                           int child_stdout) {
    SpawnSetup setup(child_stdin, child_stdout);
    std::string threads = std::to_string(vips_threads);
    std::string parent = std::to_string(::getpid());
    std::string memory = std::to_string(memory_mb);
    std::vector<char*> argv{const_cast<char*>(program.c_str()), const_cast<char*>("worker"),
                            const_cast<char*>("--threads"),     threads.data(),
                            const_cast<char*>("--parent-pid"),  parent.data(),
                            const_cast<char*>("--memory-mb"),   memory.data()};
    if (!writer_name.empty()) {
        argv.push_back(const_cast<char*>("--writer"));
        argv.push_back(writer_name.data());
    }
    argv.push_back(nullptr);
    pid_t pid = -1;
    int error =
        ::posix_spawn(&pid, program.c_str(), setup.actions(), setup.attr(), argv.data(), environ);
    if (error != 0) {
        return fail("cannot start worker " + program + ": " + std::strerror(error));
    }
    return pid;
}

}  // namespace

Result<std::unique_ptr<WorkerProcess>> WorkerProcess::start(const std::string& program,
                                                            unsigned vips_threads,
                                                            const std::string& writer_name,
                                                            std::uint64_t memory_mb) {
    std::string path = program.empty() ? this_program() : program;
    int tasks[2];
    int results[2];
    if (auto made = make_pipe(tasks); !made) return fail(made.message());
    if (auto made = make_pipe(results); !made) {
        ::close(tasks[0]);
        ::close(tasks[1]);
        return fail(made.message());
    }
    auto pid = spawn_worker(path, vips_threads, writer_name, memory_mb, tasks[0], results[1]);
    ::close(tasks[0]);
    ::close(results[1]);
    if (!pid) {
        ::close(tasks[1]);
        ::close(results[0]);
        return pid.error();
    }
    return std::unique_ptr<WorkerProcess>(new WorkerProcess(*pid, tasks[1], results[0]));
}

WorkerProcess::~WorkerProcess() {
    if (!reaped_) shutdown(std::chrono::milliseconds(500));
}

Status WorkerProcess::send(const std::string& payload) {
    return write_frame(to_worker_, payload);
}

FrameRead WorkerProcess::receive(const ReadableWait& wait) {
    return read_frame(from_worker_, wait);
}

void WorkerProcess::close_pipes() {
    close_fd(to_worker_);
    close_fd(from_worker_);
}

int WorkerProcess::shutdown(std::chrono::milliseconds grace) {
    close_pipes();
    return reap(grace);
}

int WorkerProcess::kill_now() {
    close_pipes();
    return reap(std::chrono::milliseconds(0));
}

int WorkerProcess::reap(std::chrono::milliseconds grace) {
    if (reaped_) return status_;
    auto deadline = std::chrono::steady_clock::now() + grace;
    for (;;) {
        pid_t done = ::waitpid(pid_, &status_, WNOHANG);
        if (done == pid_ || (done < 0 && errno != EINTR)) break;
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(pid_, SIGKILL);
            while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
            }
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    reaped_ = true;
    return status_;
}

}  // namespace lote
