#include "util/json_paths.hpp"

#include "util/byte_text.hpp"

namespace lote {

void put_path(nlohmann::json& object, const std::string& key, std::string_view bytes) {
    if (is_valid_utf8(bytes)) {
        object[key] = std::string(bytes);
        object.erase(key + "_bytes");
        return;
    }
    object[key] = display_text(bytes);
    object[key + "_bytes"] = escape_bytes(bytes);
}

std::string path_from(const nlohmann::json& object, const std::string& key) {
    const auto escaped = object.find(key + "_bytes");
    if (escaped != object.end() && escaped->is_string()) {
        return unescape_bytes(escaped->get_ref<const std::string&>());
    }
    return object.at(key).get<std::string>();
}

std::string path_from(const nlohmann::json& object, const std::string& key,
                      const std::string& fallback) {
    if (!object.contains(key) && !object.contains(key + "_bytes")) {
        return fallback;
    }
    return path_from(object, key);
}

std::string dump_json(const nlohmann::json& value, int indent) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace lote
