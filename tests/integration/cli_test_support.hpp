#pragma once
// Running the real `lote` binary from the CLI integration tests: spawn (never fork: libvips is
// started in the test process), capture stdout/stderr in files, wait with a bound.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>
#include <vips/vips8>

extern char** environ;

namespace lote::cli_testing {

namespace fs = std::filesystem;

class TempDir {
  public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = fs::temp_directory_path() /
                ("lote-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

inline std::string read_text(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

struct Finished {
    int status = -1;  // exit status, or 128 + signal
    std::string out;
    std::string err;
};

// A running `lote` with its output captured in `dir`.
class Lote {
  public:
    Lote(const std::vector<std::string>& args, const fs::path& dir,
         const std::vector<std::string>& extra_env = {})
        : out_(dir / ("stdout-" + std::to_string(counter()))),
          err_(dir / ("stderr-" + std::to_string(counter()))) {
        std::vector<std::string> argv_text = {LOTE_BINARY};
        argv_text.insert(argv_text.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_text) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        std::vector<std::string> env_text;
        for (char** e = environ; *e != nullptr; ++e) {
            // This test process's own libvips set VIPSHOME when it started; lote picks its own.
            if (std::string_view(*e).rfind("VIPSHOME=", 0) != 0) {
                env_text.emplace_back(*e);
            }
        }
        env_text.insert(env_text.end(), extra_env.begin(), extra_env.end());
        std::vector<char*> envp;
        for (auto& e : env_text) {
            envp.push_back(e.data());
        }
        envp.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) {
            pid_ = -1;
        }
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Lote() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    pid_t pid() const { return pid_; }
    // What the process has written to stdout so far (it may still be running).
    std::string out_so_far() const { return read_text(out_); }
    void signal(int sig) const { ::kill(pid_, sig); }

    // Waits at most `limit`; a process still running then is killed and reported as status -1.
    Finished wait(std::chrono::seconds limit = std::chrono::seconds(120)) {
        Finished done;
        auto deadline = std::chrono::steady_clock::now() + limit;
        int status = 0;
        while (pid_ > 0) {
            pid_t got = ::waitpid(pid_, &status, WNOHANG);
            if (got == pid_) {
                done.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                pid_ = -1;
                break;
            }
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, nullptr, 0);
                pid_ = -1;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        done.out = read_text(out_);
        done.err = read_text(err_);
        return done;
    }

  private:
    static int counter() {
        static std::atomic<int> n{0};
        return n++;
    }
    fs::path out_;
    fs::path err_;
    pid_t pid_ = -1;
};

inline Finished run_lote(const std::vector<std::string>& args, const fs::path& dir,
                         const std::vector<std::string>& extra_env = {}) {
    return Lote(args, dir, extra_env).wait();
}

// A small image whose pixels depend on `seed`, in the format the extension asks for.
inline void write_image(const fs::path& path, int seed, int width = 48, int height = 32) {
    fs::create_directories(path.parent_path());
    vips::VImage x = vips::VImage::xyz(width, height);
    vips::VImage r = x[0] * (seed % 7 + 1) + seed;
    vips::VImage g = x[1] * 3 + seed * 5;
    vips::VImage b = (x[0] + x[1]) * 2;
    r.bandjoin(g).bandjoin(b).cast(VIPS_FORMAT_UCHAR).write_to_file(path.string().c_str());
}

inline std::vector<fs::path> files_under(const fs::path& root) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file()) {
            found.push_back(it->path());
        }
    }
    return found;
}

inline std::size_t count_temporaries(const fs::path& root) {
    std::size_t n = 0;
    for (const auto& path : files_under(root)) {
        n += path.filename().string().find(".lote-tmp-") != std::string::npos ? 1 : 0;
    }
    return n;
}

inline std::size_t count_outputs(const fs::path& folder) {
    std::size_t n = 0;
    for (const auto& path : files_under(folder)) {
        n += path.filename().string().front() != '.' ? 1 : 0;
    }
    return n;
}

}  // namespace lote::cli_testing
