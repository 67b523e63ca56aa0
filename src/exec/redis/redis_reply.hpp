#pragma once
// A Redis reply copied out of hiredis' structure at once, so nothing of hiredis' memory outlives
// the call that read it.

#include <cstdint>
#include <string>
#include <vector>

struct redisReply;

namespace lote {

struct RedisReply {
    enum class Type { Nil, Status, Error, Integer, String, Array };

    Type type = Type::Nil;
    std::string text;  // Status, Error, String
    long long integer = 0;
    std::vector<RedisReply> items;  // Array

    bool is_nil() const { return type == Type::Nil; }
    bool is_error() const { return type == Type::Error; }
    bool is_array() const { return type == Type::Array; }
    // An error reply starting with this code ("NOSCRIPT", "BUSYGROUP", "WRONGPASS"...).
    bool error_is(const char* code) const;
    // String, Status or Integer as text; empty otherwise.
    std::string as_text() const;
    long long as_integer() const;
    // A flat array of field, value, field, value: the value of `field`, or empty.
    std::string field(const std::string& name) const;

    static RedisReply copy_of(const redisReply* reply);
};

}  // namespace lote
