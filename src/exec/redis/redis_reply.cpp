#include "exec/redis/redis_reply.hpp"

#include <hiredis/hiredis.h>

#include <cstdlib>

namespace lote {

bool RedisReply::error_is(const char* code) const {
    std::string prefix(code);
    return type == Type::Error && text.compare(0, prefix.size(), prefix) == 0 &&
           (text.size() == prefix.size() || text[prefix.size()] == ' ');
}

std::string RedisReply::as_text() const {
    switch (type) {
        case Type::String:
        case Type::Status:
        case Type::Error:
            return text;
        case Type::Integer:
            return std::to_string(integer);
        default:
            return {};
    }
}

long long RedisReply::as_integer() const {
    if (type == Type::Integer) return integer;
    if (type == Type::String || type == Type::Status)
        return std::strtoll(text.c_str(), nullptr, 10);
    return 0;
}

std::string RedisReply::field(const std::string& name) const {
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        if (items[i].as_text() == name) return items[i + 1].as_text();
    }
    return {};
}

RedisReply RedisReply::copy_of(const redisReply* reply) {
    RedisReply out;
    if (reply == nullptr) return out;
    switch (reply->type) {
        case REDIS_REPLY_STATUS:
            out.type = Type::Status;
            out.text.assign(reply->str, reply->len);
            break;
        case REDIS_REPLY_ERROR:
            out.type = Type::Error;
            out.text.assign(reply->str, reply->len);
            break;
        case REDIS_REPLY_INTEGER:
            out.type = Type::Integer;
            out.integer = reply->integer;
            break;
        case REDIS_REPLY_STRING:
            out.type = Type::String;
            out.text.assign(reply->str, reply->len);
            break;
        case REDIS_REPLY_ARRAY:
            out.type = Type::Array;
            out.items.reserve(reply->elements);
            for (std::size_t i = 0; i < reply->elements; ++i) {
                out.items.push_back(copy_of(reply->element[i]));
            }
            break;
        default:
            break;
    }
    return out;
}

}  // namespace lote
