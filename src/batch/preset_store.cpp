#include "batch/preset_store.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "batch/builtin_presets.hpp"
#include "batch/preset.hpp"
#include "util/error_codes.hpp"

namespace lote {

namespace fs = std::filesystem;

namespace {

constexpr const char* kExtension = ".json";

Result<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(ErrorKind::io, "cannot read " + path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string description_of(const nlohmann::json& document) {
    return document.value("descripcion", std::string());
}

}  // namespace

fs::path PresetStore::user_folder() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    if (xdg != nullptr && *xdg == '/') {
        return fs::path(xdg) / "lote" / "presets";
    }
    const char* home = std::getenv("HOME");
    return fs::path(home != nullptr && *home != '\0' ? home : ".") / ".config" / "lote" / "presets";
}

bool is_builtin_preset(const std::string& name) {
    const auto& all = builtin_presets();
    return std::any_of(all.begin(), all.end(),
                       [&name](const BuiltinPreset& p) { return p.name == name; });
}

fs::path PresetStore::path_of(const std::string& name) const {
    return folder_ / (name + kExtension);
}

std::vector<PresetEntry> PresetStore::list() const {
    std::vector<PresetEntry> entries;
    for (const BuiltinPreset& preset : builtin_presets()) {
        auto document = parse_preset(preset.document);
        entries.push_back({std::string(preset.name), true,
                           document ? description_of(*document) : document.message()});
    }
    std::vector<PresetEntry> saved;
    std::error_code ec;
    for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
        std::string file = it->path().filename().string();
        if (!file.ends_with(kExtension)) continue;
        std::string name = file.substr(0, file.size() - std::string(kExtension).size());
        if (!check_preset_name(name) || is_builtin_preset(name)) continue;
        auto document = find(name);
        saved.push_back({name, false, document ? description_of(*document) : document.message()});
    }
    std::sort(saved.begin(), saved.end(),
              [](const PresetEntry& a, const PresetEntry& b) { return a.name < b.name; });
    entries.insert(entries.end(), saved.begin(), saved.end());
    return entries;
}

Result<nlohmann::json> PresetStore::find(const std::string& name) const {
    for (const BuiltinPreset& preset : builtin_presets()) {
        if (preset.name == name) {
            return parse_preset(preset.document);
        }
    }
    if (Status valid = check_preset_name(name); !valid) {
        return valid.error();
    }
    std::error_code ec;
    if (!fs::is_regular_file(path_of(name), ec)) {
        return fail(ErrorKind::not_found, "no preset named \"" + name + "\"")
            .coded(codes::preset_not_found, {{"preset", name}});
    }
    auto text = read_file(path_of(name));
    if (!text) {
        return text.error().coded(codes::preset_store_failed, {{"preset", name}});
    }
    auto document = parse_preset(*text);
    if (!document) {
        nlohmann::json params = document.error().params;
        params["preset"] = name;
        return fail(document.kind(), "preset \"" + name + "\": " + document.message())
            .coded(document.error().code_or_kind(), params);
    }
    return document;
}

Status PresetStore::save(const std::string& name, const nlohmann::json& document) const {
    if (Status valid = check_preset_name(name); !valid) {
        return valid;
    }
    if (is_builtin_preset(name)) {
        return fail(ErrorKind::conflict,
                    "\"" + name + "\" is a built-in preset; save yours under another name")
            .coded(codes::preset_builtin, {{"preset", name}});
    }
    auto checked = check_preset(document);
    if (!checked) {
        return checked.error();
    }
    std::error_code ec;
    fs::create_directories(folder_, ec);
    fs::path final_path = path_of(name);
    fs::path temporary = folder_ / ("." + name + ".tmp-" + std::to_string(::getpid()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << checked->dump(2) << '\n';
        if (!out.flush()) {
            fs::remove(temporary, ec);
            return fail(ErrorKind::io, "cannot write " + final_path.string())
                .coded(codes::preset_store_failed, {{"preset", name}});
        }
    }
    fs::rename(temporary, final_path, ec);
    if (ec) {
        fs::remove(temporary, ec);
        return fail(ErrorKind::io, "cannot write " + final_path.string())
            .coded(codes::preset_store_failed, {{"preset", name}});
    }
    return {};
}

Status PresetStore::remove(const std::string& name) const {
    if (is_builtin_preset(name)) {
        return fail(ErrorKind::conflict, "\"" + name + "\" is a built-in preset and stays")
            .coded(codes::preset_builtin, {{"preset", name}});
    }
    if (Status valid = check_preset_name(name); !valid) {
        return valid;
    }
    std::error_code ec;
    if (!fs::remove(path_of(name), ec)) {
        return fail(ErrorKind::not_found, "no preset named \"" + name + "\"")
            .coded(codes::preset_not_found, {{"preset", name}});
    }
    return {};
}

}  // namespace lote
