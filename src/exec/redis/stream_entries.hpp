#pragma once
// Stream entries out of XRANGE and XREADGROUP replies, and a walk over a whole stream.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "exec/redis/broker_link.hpp"

namespace lote {

struct StreamEntry {
    std::string id;
    std::vector<std::pair<std::string, std::string>> fields;
    bool deleted = false;  // still pending, but deleted from the stream (XREADGROUP from 0)

    std::string get(const std::string& name) const;
};

// [[id, [field, value, ...]], ...]
std::vector<StreamEntry> entries_of(const RedisReply& reply);
// XREADGROUP: [[stream, entries]] or nil; the entries of the first (only) stream.
std::vector<StreamEntry> read_entries(const RedisReply& reply);

// Calls `visit` for every entry of `stream`, oldest first, a page at a time.
Status walk_stream(BrokerLink& link, const std::string& stream,
                   const std::function<void(const StreamEntry&)>& visit);

}  // namespace lote
