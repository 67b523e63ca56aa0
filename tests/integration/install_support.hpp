#pragma once
// Helpers of the install, package and settings-file tests: any program (the installed lote,
// cmake, cpack, dpkg-deb, a shell) run to completion with its output captured, or kept running
// as a server whose address is read from what it prints.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "server_client.hpp"

namespace lote::install_testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using lote::testing::read_file;
using lote::testing::TempDir;

struct Ran {
    int status = -1;  // exit status, 128 + signal, or -1 when it ran out of time
    std::string out;
    std::string err;
    std::string both() const { return out + err; }
};

// A child process: `argv[0]` looked up in PATH, in `cwd`, with this process's environment
// (less the VIPSHOME the tests' own libvips set) plus `env`; stdout and stderr go to files.
class Child {
  public:
    Child(const std::vector<std::string>& argv, const fs::path& cwd,
          const std::vector<std::string>& env = {})
        : log_dir_(), out_(log_dir_.path() / "stdout"), err_(log_dir_.path() / "stderr") {
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        std::vector<std::string> env_text;
        for (char** e = environ; *e != nullptr; ++e) {
            if (std::string_view(*e).rfind("VIPSHOME=", 0) != 0) env_text.emplace_back(*e);
        }
        env_text.insert(env_text.end(), env.begin(), env.end());
        std::vector<char*> envp;
        for (auto& e : env_text) envp.push_back(e.data());
        envp.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
        // Its own process group, so a child that runs out of time is killed with everything it
        // started (apt-get under a shell, a server's workers), and nothing else.
        posix_spawnattr_t attributes;
        posix_spawnattr_init(&attributes);
        posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
        posix_spawnattr_setpgroup(&attributes, 0);
        if (posix_spawnp(&pid_, args[0], &actions, &attributes, args.data(), envp.data()) != 0) {
            pid_ = -1;
        }
        posix_spawnattr_destroy(&attributes);
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Child() { stop(); }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const { return pid_; }
    std::string out() const { return read_file(out_); }
    std::string err() const { return read_file(err_); }

    bool running() {
        if (pid_ <= 0) return false;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            pid_ = -1;
        }
        return pid_ > 0;
    }

    // Waits at most `limit`; a process still running then is killed, its status -1.
    Ran wait(std::chrono::seconds limit = 300s) {
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (running() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(10ms);
        }
        if (running()) {
            kill_now();
            status_ = -1;
        }
        return Ran{status_, out(), err()};
    }

    // SIGTERM, then SIGKILL if it is still there after `grace`; the exit status.
    int stop(std::chrono::seconds grace = 15s) {
        if (!running()) return status_;
        ::kill(pid_, SIGTERM);
        auto deadline = std::chrono::steady_clock::now() + grace;
        while (running() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(20ms);
        }
        if (running()) kill_now();
        return status_;
    }

    // The port a `lote serve` child prints ("listening on http://127.0.0.1:<port>/").
    std::uint16_t wait_for_port(std::chrono::seconds limit = 60s) {
        static const std::regex pattern(R"(listening on http://[^/]+:(\d+)/)");
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            std::smatch m;
            const std::string text = out() + err();
            if (std::regex_search(text, m, pattern)) {
                return static_cast<std::uint16_t>(std::stoi(m[1]));
            }
            if (!running()) throw std::runtime_error("the server exited: " + text);
            std::this_thread::sleep_for(20ms);
        }
        throw std::runtime_error("the server printed no port: " + out() + err());
    }

  private:
    void kill_now() {
        ::kill(-pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

    TempDir log_dir_;
    fs::path out_;
    fs::path err_;
    pid_t pid_ = -1;
    int status_ = -1;
};

inline Ran run(const std::vector<std::string>& argv,
               const fs::path& cwd = fs::temp_directory_path(),
               const std::vector<std::string>& env = {}, std::chrono::seconds limit = 300s) {
    return Child(argv, cwd, env).wait(limit);
}

inline Ran shell(const std::string& script, const fs::path& cwd = fs::temp_directory_path(),
                 std::chrono::seconds limit = 300s) {
    return run({"/bin/sh", "-c", script}, cwd, {}, limit);
}

// `text` as one word for /bin/sh.
inline std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

inline bool have_program(const std::string& name) {
    return shell("command -v " + quoted(name) + " >/dev/null").status == 0;
}

// A photo (one of the project's, else one `lote samples` makes) copied to `to`.
inline void copy_a_photo(const fs::path& binary, const fs::path& to) {
    std::error_code ec;
    fs::path photo;
    for (const auto& entry : fs::directory_iterator(LOTE_PHOTOS_DIR, ec)) {
        if (photo.empty() || entry.path() < photo) photo = entry.path();
    }
    if (photo.empty()) {
        TempDir made;
        Ran samples = run({binary.string(), "samples", (made / "s").string(), "--count", "1"});
        ASSERT_EQ(samples.status, 0) << samples.both();
        photo = fs::directory_iterator(made / "s")->path();
        fs::copy_file(photo, to);
        return;
    }
    fs::copy_file(photo, to);
}

}  // namespace lote::install_testing
