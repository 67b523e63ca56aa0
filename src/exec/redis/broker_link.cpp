#include "exec/redis/broker_link.hpp"

#include <algorithm>
#include <map>
#include <mutex>

namespace lote {

namespace {

constexpr std::chrono::milliseconds kFirstWait{100};
constexpr std::chrono::milliseconds kLongestWait{5000};

// A script's SHA1 is the same on every connection and every broker: learnt once per process.
class ScriptShas {
  public:
    std::string get(const char* name) {
        std::lock_guard lock(mutex_);
        auto found = shas_.find(name);
        return found == shas_.end() ? std::string() : found->second;
    }
    void set(const char* name, std::string sha) {
        std::lock_guard lock(mutex_);
        shas_[name] = std::move(sha);
    }

  private:
    std::mutex mutex_;
    std::map<std::string, std::string> shas_;
};

ScriptShas& script_shas() {
    static ScriptShas shas;
    return shas;
}

Command evalsha(const std::string& sha, const std::vector<std::string>& keys,
                const std::vector<std::string>& args) {
    Command command{"EVALSHA", sha, std::to_string(keys.size())};
    command.insert(command.end(), keys.begin(), keys.end());
    command.insert(command.end(), args.begin(), args.end());
    return command;
}

}  // namespace

std::chrono::milliseconds Backoff::next() {
    auto wait = kFirstWait * (1u << std::min(attempt_, 6u));
    ++attempt_;
    wait = std::min(wait, kLongestWait);
    std::uniform_int_distribution<long> jitter(0, wait.count() / 4);
    return wait - std::chrono::milliseconds(jitter(random_));
}

Status BrokerLink::connect() {
    if (connection_) return {};
    auto opened = RedisConnection::open(address_, settings_);
    if (!opened) return opened.error();
    connection_ = std::move(*opened);
    ++connections_;
    return {};
}

void BrokerLink::drop_if_broken() {
    if (connection_ && connection_->broken()) connection_.reset();
}

Result<RedisReply> BrokerLink::call(const Command& args) {
    if (auto s = connect(); !s) return s.error();
    auto reply = connection_->command(args);
    drop_if_broken();
    return reply;
}

Result<std::vector<RedisReply>> BrokerLink::call_all(const std::vector<Command>& commands) {
    if (auto s = connect(); !s) return s.error();
    auto replies = connection_->pipeline(commands);
    drop_if_broken();
    return replies;
}

Result<RedisReply> BrokerLink::run(const LuaScript& script, const std::vector<std::string>& keys,
                                   const std::vector<std::string>& args) {
    std::string sha = script_shas().get(script.name);
    if (!sha.empty()) {
        auto reply = call(evalsha(sha, keys, args));
        if (!reply || !reply->error_is("NOSCRIPT")) return reply;
    }
    auto loaded = call({"SCRIPT", "LOAD", script.source});
    if (!loaded) return loaded;
    if (loaded->is_error()) return loaded;  // e.g. NOPERM: the caller reports it
    script_shas().set(script.name, loaded->text);
    return call(evalsha(loaded->text, keys, args));
}

}  // namespace lote
