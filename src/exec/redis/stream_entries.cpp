#include "exec/redis/stream_entries.hpp"

namespace lote {

namespace {

constexpr const char* kPage = "500";

StreamEntry entry_of(const RedisReply& item) {
    StreamEntry entry;
    if (!item.is_array() || item.items.empty()) return entry;
    entry.id = item.items[0].as_text();
    if (item.items.size() < 2 || !item.items[1].is_array()) {
        entry.deleted = true;
        return entry;
    }
    const auto& raw = item.items[1].items;
    for (std::size_t i = 0; i + 1 < raw.size(); i += 2) {
        entry.fields.emplace_back(raw[i].as_text(), raw[i + 1].as_text());
    }
    return entry;
}

}  // namespace

std::string StreamEntry::get(const std::string& name) const {
    for (const auto& [field, value] : fields) {
        if (field == name) return value;
    }
    return {};
}

std::vector<StreamEntry> entries_of(const RedisReply& reply) {
    std::vector<StreamEntry> entries;
    if (!reply.is_array()) return entries;
    entries.reserve(reply.items.size());
    for (const auto& item : reply.items) entries.push_back(entry_of(item));
    return entries;
}

std::vector<StreamEntry> read_entries(const RedisReply& reply) {
    if (!reply.is_array() || reply.items.empty()) return {};
    const RedisReply& stream = reply.items[0];
    if (!stream.is_array() || stream.items.size() < 2) return {};
    return entries_of(stream.items[1]);
}

Status walk_stream(BrokerLink& link, const std::string& stream,
                   const std::function<void(const StreamEntry&)>& visit) {
    std::string from = "-";
    for (;;) {
        auto page = link.call({"XRANGE", stream, from, "+", "COUNT", kPage});
        if (!page) return page.error();
        if (page->is_error())
            return fail(ErrorKind::refused, "XRANGE " + stream + ": " + page->text);
        auto entries = entries_of(*page);
        for (const auto& entry : entries) visit(entry);
        if (entries.size() < 500) return {};
        from = "(" + entries.back().id;  // exclusive: Redis 6.2+
    }
}

}  // namespace lote
