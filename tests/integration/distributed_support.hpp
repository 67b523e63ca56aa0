#pragma once
// The distributed tests' world: a real redis-server started by the test on 127.0.0.1 on a free
// port, with its own folder (so it can be killed and restarted with or without its data);
// `lote` processes standing for machines, each in its own working folder; and checks on the
// broker made with redis-cli, an independent client.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace lote::distributed_testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

inline std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline std::uint16_t free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

// A child process with its output in files; killed (and reaped) when the object goes.
class Process {
  public:
    Process(std::vector<std::string> argv, const fs::path& cwd, const fs::path& log_stem,
            const std::vector<std::string>& extra_env = {})
        : out_(log_stem.string() + ".out"), err_(log_stem.string() + ".err") {
        std::vector<char*> args;
        for (auto& a : argv) args.push_back(a.data());
        args.push_back(nullptr);
        std::vector<std::string> env_text;
        for (char** e = environ; *e != nullptr; ++e) {
            std::string_view entry(*e);
            if (entry.rfind("VIPSHOME=", 0) == 0 || entry.rfind("LOTE_TEST_", 0) == 0) continue;
            env_text.emplace_back(entry);
        }
        env_text.insert(env_text.end(), extra_env.begin(), extra_env.end());
        std::vector<char*> envp;
        for (auto& e : env_text) envp.push_back(e.data());
        envp.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), envp.data()) != 0)
            pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Process() { kill9(); }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return pid_; }
    void signal(int sig) const {
        if (pid_ > 0) ::kill(pid_, sig);
    }
    void kill9() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
        status_ = 128 + SIGKILL;
    }
    // Exit status (or 128 + signal), or -1 if still running after `limit` (then killed).
    int wait(std::chrono::milliseconds limit = 120s) {
        auto deadline = std::chrono::steady_clock::now() + limit;
        while (pid_ > 0) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
                pid_ = -1;
                break;
            }
            if (std::chrono::steady_clock::now() > deadline) {
                kill9();
                return -1;
            }
            std::this_thread::sleep_for(10ms);
        }
        return status_;
    }
    bool running() {
        if (pid_ <= 0) return false;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            pid_ = -1;
            return false;
        }
        return true;
    }
    std::string out() const { return slurp(out_); }
    std::string err() const { return slurp(err_); }

  private:
    fs::path out_;
    fs::path err_;
    pid_t pid_ = -1;
    int status_ = -1;
};

// Runs a command and returns its stdout (for redis-cli).
inline std::string capture(const std::string& command) {
    std::string text;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return text;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
    ::pclose(pipe);
    return text;
}

inline bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
    auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return condition();
}

struct RedisConfig {
    bool append_only = true;
    std::string extra;     // more configuration lines (users, passwords)
    std::string cli_auth;  // redis-cli's credentials for the checks ("--user u --pass p")
};

// redis-server on 127.0.0.1, on a free port, in its own folder.
class RedisServer {
  public:
    RedisServer(const fs::path& dir, RedisConfig config = {})
        : dir_(dir), config_(std::move(config)), port_(free_port()) {
        fs::create_directories(dir_ / "data");
        start();
    }
    ~RedisServer() { kill9(); }

    std::uint16_t port() const { return port_; }
    std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }

    void kill9() {
        if (process_) process_->kill9();
        process_.reset();
    }
    // Same port and folder: with append-only on, the data comes back.
    void restart() {
        kill9();
        start();
    }
    void restart_empty() {
        kill9();
        fs::remove_all(dir_ / "data");
        fs::create_directories(dir_ / "data");
        start();
    }

    // redis-cli's answer, trimmed.
    std::string cli(const std::string& args) const {
        std::string text = capture("redis-cli -h 127.0.0.1 -p " + std::to_string(port_) + " " +
                                   config_.cli_auth + " --no-auth-warning --raw " + args + " 2>&1");
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        return text;
    }
    long long number(const std::string& args) const {
        std::string text = cli(args);
        try {
            return std::stoll(text);
        } catch (...) {
            return -1;
        }
    }
    std::vector<std::string> lines(const std::string& args) const {
        std::vector<std::string> out;
        std::istringstream in(cli(args));
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty()) out.push_back(line);
        }
        return out;
    }

  private:
    void start() {
        fs::path config = dir_ / "redis.conf";
        {
            std::ofstream out(config);
            out << "port " << port_ << "\nbind 127.0.0.1\ndir " << (dir_ / "data").string()
                << "\ndaemonize no\nsave \"\"\nappendonly " << (config_.append_only ? "yes" : "no")
                << "\nappendfsync always\nlogfile " << (dir_ / "redis.log").string()
                << "\nmaxmemory-policy noeviction\n"
                << config_.extra << "\n";
        }
        process_ = std::make_unique<Process>(
            std::vector<std::string>{"/usr/bin/redis-server", config.string()}, dir_,
            dir_ / ("redis-" + std::to_string(starts_++)));
        bool up = wait_until(
            [&] {
                return capture("redis-cli -h 127.0.0.1 -p " + std::to_string(port_) + " PING 2>&1")
                               .find("PONG") != std::string::npos ||
                       capture("redis-cli -h 127.0.0.1 -p " + std::to_string(port_) + " PING 2>&1")
                               .find("NOAUTH") != std::string::npos;
            },
            10s);
        if (!up)
            throw std::runtime_error("redis-server did not start: " + slurp(dir_ / "redis.log"));
    }

    fs::path dir_;
    RedisConfig config_;
    std::uint16_t port_;
    int starts_ = 0;
    std::unique_ptr<Process> process_;
};

// One JSON object per line (lote run --json).
inline std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_discarded()) lines.push_back(j);
    }
    return lines;
}

}  // namespace lote::distributed_testing
