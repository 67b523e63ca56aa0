#include "exec/redis/redis_connection.hpp"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <cstdlib>

namespace lote {

namespace {

timeval to_timeval(std::chrono::milliseconds duration) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(duration.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((duration.count() % 1000) * 1000);
    return tv;
}

struct ReplyDeleter {
    void operator()(void* reply) const { freeReplyObject(reply); }
};

Status authenticate(RedisConnection& connection, const BrokerAddress& address) {
    if (address.password.empty()) return {};
    Command auth = address.user.empty() ? Command{"AUTH", address.password}
                                        : Command{"AUTH", address.user, address.password};
    auto reply = connection.command(auth);
    if (!reply) return reply.error();
    if (reply->is_error()) {
        std::string who =
            address.user.empty() ? "the password" : "user " + address.user + "'s password";
        return fail(ErrorKind::refused, "the broker at " + address.display() + " refused " + who +
                                            " (" + reply->text + ")");
    }
    return {};
}

// A broker with a password answers anything but AUTH with NOAUTH: say what to give.
Status check_answers(RedisConnection& connection, const BrokerAddress& address) {
    auto reply = connection.command({"PING"});
    if (!reply) return reply.error();
    if (reply->error_is("NOAUTH")) {
        return fail(ErrorKind::refused,
                    "the broker at " + address.display() +
                        " needs a password: give it in the URL, redis://user:password@" +
                        address.host + ":" + std::to_string(address.port));
    }
    if (reply->is_error()) {
        return fail(ErrorKind::refused,
                    "the broker at " + address.display() + " refused PING (" + reply->text + ")");
    }
    return {};
}

Status select_database(RedisConnection& connection, const BrokerAddress& address) {
    if (address.database == 0) return {};
    auto reply = connection.command({"SELECT", std::to_string(address.database)});
    if (!reply) return reply.error();
    if (reply->is_error())
        return fail("the broker refused SELECT " + std::to_string(address.database) + ": " +
                    reply->text);
    return {};
}

}  // namespace

Result<std::unique_ptr<RedisConnection>> RedisConnection::open(const BrokerAddress& address,
                                                               const ConnectionSettings& settings) {
    redisContext* context = redisConnectWithTimeout(address.host.c_str(), address.port,
                                                    to_timeval(settings.connect_timeout));
    if (context == nullptr)
        return fail(ErrorKind::unavailable, "out of memory connecting to the broker");
    if (context->err != 0) {
        std::string why = context->errstr;
        redisFree(context);
        return fail(ErrorKind::unavailable,
                    "cannot reach the broker at " + address.display() + ": " + why);
    }
    std::unique_ptr<RedisConnection> connection(new RedisConnection(context));
    redisSetTimeout(context, to_timeval(settings.command_timeout));
    redisEnableKeepAlive(context);
    if (auto s = authenticate(*connection, address); !s) return s.error();
    if (auto s = check_answers(*connection, address); !s) return s.error();
    if (auto s = select_database(*connection, address); !s) return s.error();
    return connection;
}

RedisConnection::~RedisConnection() {
    redisFree(context_);
}

Error RedisConnection::connection_error(const char* doing) {
    broken_ = true;
    std::string why = context_->err != 0 ? context_->errstr : "connection closed";
    return fail(ErrorKind::unavailable,
                std::string("lost the broker connection ") + doing + ": " + why);
}

Status RedisConnection::append(const Command& args) {
    if (broken_) return fail(ErrorKind::unavailable, "the broker connection is broken");
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    argv.reserve(args.size());
    lengths.reserve(args.size());
    for (const auto& arg : args) {
        argv.push_back(arg.data());
        lengths.push_back(arg.size());
    }
    if (redisAppendCommandArgv(context_, static_cast<int>(args.size()), argv.data(),
                               lengths.data()) != REDIS_OK) {
        return connection_error("while writing");
    }
    return {};
}

Result<RedisReply> RedisConnection::read_reply() {
    if (has_buffered_) {
        has_buffered_ = false;
        return std::move(buffered_);
    }
    if (broken_) return fail(ErrorKind::unavailable, "the broker connection is broken");
    void* raw = nullptr;
    if (redisGetReply(context_, &raw) != REDIS_OK || raw == nullptr) {
        return connection_error("while reading");
    }
    std::unique_ptr<void, ReplyDeleter> owned(raw);
    return RedisReply::copy_of(static_cast<redisReply*>(raw));
}

bool RedisConnection::has_buffered_reply() {
    if (has_buffered_) return true;
    if (broken_) return false;
    void* raw = nullptr;
    if (redisGetReplyFromReader(context_, &raw) != REDIS_OK) {
        broken_ = true;
        return false;
    }
    if (raw == nullptr) return false;
    std::unique_ptr<void, ReplyDeleter> owned(raw);
    buffered_ = RedisReply::copy_of(static_cast<redisReply*>(raw));
    has_buffered_ = true;
    return true;
}

Status RedisConnection::send(const Command& args) {
    if (auto s = append(args); !s) return s;
    int done = 0;
    while (done == 0) {
        if (redisBufferWrite(context_, &done) != REDIS_OK) return connection_error("while writing");
    }
    return {};
}

Result<RedisReply> RedisConnection::command(const Command& args) {
    if (auto s = append(args); !s) return s.error();
    return read_reply();
}

Result<std::vector<RedisReply>> RedisConnection::pipeline(const std::vector<Command>& commands) {
    for (const auto& args : commands) {
        if (auto s = append(args); !s) return s.error();
    }
    std::vector<RedisReply> replies;
    replies.reserve(commands.size());
    for (std::size_t i = 0; i < commands.size(); ++i) {
        auto reply = read_reply();
        if (!reply) return reply.error();
        replies.push_back(std::move(*reply));
    }
    return replies;
}

int RedisConnection::socket() const {
    return context_->fd;
}

}  // namespace lote
