#include "cli/config_file.hpp"

#include <algorithm>
#include <set>

#include "util/settings_file.hpp"

namespace lote::cli {

namespace {

constexpr const char* kConfigOption = "--config";

bool settable(const CLI::App& cmd, const CLI::Option* op) {
    return op != nullptr && op->get_configurable() && op != cmd.get_help_ptr() &&
           op != cmd.get_help_all_ptr() && !op->get_lnames().empty();
}

// The keys a file may use, for the message about one it may not.
std::string known_keys(const CLI::App& cmd) {
    std::string keys;
    for (const CLI::Option* op : cmd.get_options()) {
        if (!settable(cmd, op)) continue;
        keys += (keys.empty() ? "" : ", ") + op->get_lnames().front();
    }
    return keys;
}

// "allow_origin" → "allow-origin": TOML users often write underscores.
std::string option_name(std::string key) {
    std::replace(key.begin(), key.end(), '_', '-');
    return key;
}

CLI::Option* option_for(CLI::App& cmd, const std::string& key) {
    const std::string name = option_name(key);
    if (name.empty() || name.front() == '-') return nullptr;
    CLI::Option* op = cmd.get_option_no_throw("--" + name);
    return settable(cmd, op) ? op : nullptr;
}

std::string where(const std::string& file, const SettingsEntry& entry) {
    return entry.line > 0 ? file + ":" + std::to_string(entry.line) : file;
}

// "line 3: ..." from the reader becomes "FILE:3: ...", as for a key the command refuses.
std::string reading_failure(const std::string& file, const std::string& message) {
    const std::string prefix = "line ";
    auto colon = message.find(": ");
    if (message.rfind(prefix, 0) == 0 && colon != std::string::npos &&
        message.find_first_not_of("0123456789", prefix.size()) == colon) {
        return file + ":" + message.substr(prefix.size(), colon - prefix.size()) +
               message.substr(colon);
    }
    return file + ": " + message;
}

void apply_entry(CLI::App& cmd, const std::string& file, const SettingsEntry& entry,
                 std::set<const CLI::Option*>& seen) {
    const std::string at = where(file, entry);
    CLI::Option* op = option_for(cmd, entry.key);
    if (op == nullptr) {
        throw CLI::ConfigError(at + ": unknown key '" + entry.key + "'; lote " + cmd.get_name() +
                               " takes: " + known_keys(cmd));
    }
    if (!seen.insert(op).second) {
        throw CLI::ConfigError(at + ": '" + entry.key + "' is given twice");
    }
    if (op->count() > 0) return;  // the command line wins
    const bool is_switch = op->get_expected_min() == 0;
    if (is_switch && (!entry.is_boolean || entry.is_list)) {
        throw CLI::ConfigError(at + ": '" + entry.key + "' is a switch: write true or false");
    }
    if (entry.is_list && op->get_items_expected_max() <= 1) {
        throw CLI::ConfigError(at + ": '" + entry.key + "' takes one value, not a list");
    }
    if (entry.values.empty()) return;  // an empty list sets nothing
    try {
        op->add_result(entry.values);
        op->run_callback();
    } catch (const CLI::ParseError& e) {
        throw CLI::ConfigError(at + ": '" + entry.key + "': " + e.what());
    }
}

}  // namespace

void add_config_option(CLI::App& cmd) {
    cmd.add_option(kConfigOption,
                   "Read options from a TOML or JSON file (keys: the long options without "
                   "their dashes); the command line wins")
        ->configurable(false)
        ->type_name("FILE");
}

std::optional<std::string> apply_config_file(CLI::App& cmd) {
    const CLI::Option* config = cmd.get_option_no_throw(kConfigOption);
    if (config == nullptr || config->count() == 0) return std::nullopt;
    const auto file = config->as<std::string>();
    auto entries = read_settings_file(file);
    if (!entries) throw CLI::ConfigError(reading_failure(file, entries.message()));
    std::set<const CLI::Option*> seen;
    for (const SettingsEntry& entry : *entries) {
        apply_entry(cmd, file, entry, seen);
    }
    return file;
}

}  // namespace lote::cli
