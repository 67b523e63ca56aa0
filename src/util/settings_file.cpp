#include "util/settings_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "util/settings_toml.hpp"

namespace lote {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::size_t kMaxSettingsBytes = 1024 * 1024;  // a settings file is a few hundred bytes

bool looks_like_json(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    auto first = text.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && text[first] == '{';
}

// A JSON scalar as a command line would carry it; nullopt for null, objects and arrays.
std::optional<std::string> scalar_text(const Json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_number()) return value.dump();
    return std::nullopt;
}

Result<SettingsEntry> json_entry(const std::string& key, const Json& value) {
    if (key.empty()) return fail("an empty key");  // as in TOML
    SettingsEntry entry{key, {}, false, false, 0};
    if (value.is_array()) {
        entry.is_list = true;
        for (const Json& element : value) {
            auto text = scalar_text(element);
            if (!text) return fail(key + ": an array of strings or numbers is expected");
            entry.values.push_back(std::move(*text));
        }
        return entry;
    }
    auto text = scalar_text(value);
    if (!text) {
        return fail(key + ": " +
                    (value.is_null() ? "null is not a value" : "nested objects are not used"));
    }
    entry.values.push_back(std::move(*text));
    entry.is_boolean = value.is_boolean();
    return entry;
}

Result<std::vector<SettingsEntry>> parse_settings_json(std::string_view text) {
    Json document;
    try {
        document = Json::parse(text);
    } catch (const Json::exception& e) {
        // A syntax error, and also a number too large for a double ("1e999"), which the parser
        // reports as out of range rather than as a parse error.
        std::string what = e.what();  // "[json.exception.parse_error.101] parse error at line…"
        auto end_of_tag = what.find("] ");
        return fail("not valid JSON: " +
                    (end_of_tag == std::string::npos ? what : what.substr(end_of_tag + 2)));
    }
    if (!document.is_object()) return fail("a JSON settings file holds one object");
    std::vector<SettingsEntry> entries;
    for (const auto& [key, value] : document.items()) {
        auto entry = json_entry(key, value);
        if (!entry) return entry.error();
        entries.push_back(std::move(*entry));
    }
    return entries;
}

}  // namespace

Result<std::vector<SettingsEntry>> parse_settings(std::string_view text) {
    return looks_like_json(text) ? parse_settings_json(text) : parse_settings_toml(text);
}

Result<std::vector<SettingsEntry>> read_settings_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return fail(ErrorKind::not_found, "no such file");
    }
    if (std::filesystem::is_directory(path, ec)) {
        return fail(ErrorKind::invalid, "a folder, not a settings file");
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) return fail(ErrorKind::io, std::string("cannot read it: ") + std::strerror(errno));
    std::string text;
    text.resize(kMaxSettingsBytes + 1);
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (file.bad()) return fail(ErrorKind::io, "cannot read it");
    text.resize(static_cast<std::size_t>(file.gcount()));
    if (text.size() > kMaxSettingsBytes) {
        return fail(ErrorKind::too_large, "over 1 MB: not a settings file");
    }
    return parse_settings(text);
}

}  // namespace lote
