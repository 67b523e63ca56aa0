#pragma once
// Running the real `lote` binary from the CLI integration tests: spawn (never fork: libvips is
// started in the test process), capture stdout/stderr in files, wait with a bound.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>
#include <vips/vips8>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace lote::cli_testing {

namespace fs = std::filesystem;
using test_support::read_file;
using test_support::TempDir;

inline std::string read_text(const fs::path& path) {
    return read_file(path);
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
        std::vector<std::string> argv = {LOTE_BINARY};
        argv.insert(argv.end(), args.begin(), args.end());
        try {
            child_ = std::make_unique<test_support::ChildProcess>(argv, extra_env, out_, err_);
        } catch (const std::exception&) {
            child_.reset();  // wait() reports status -1
        }
    }
    pid_t pid() const { return child_ ? child_->pid() : -1; }
    void signal(int sig) const {
        if (child_) child_->signal(sig);
    }
    // What the process has written to stdout so far (it may still be running).
    std::string out_so_far() const { return read_text(out_); }

    // Waits at most `limit`; a process still running then is killed and reported as status -1.
    Finished wait(std::chrono::seconds limit = std::chrono::seconds(120)) {
        Finished done;
        if (child_) {
            int status = child_->wait_for(limit);
            done.status = status == -1 ? -1 : test_support::exit_code_of(status);
            child_.reset();
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
    std::unique_ptr<test_support::ChildProcess> child_;
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
