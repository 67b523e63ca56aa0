#pragma once
// A settings file: `key = value` lines in TOML, or one JSON object, told apart by the first
// character that is not blank ('{': JSON). Only what option values need is accepted: strings,
// numbers, booleans and arrays of them; TOML tables, dotted keys, dates, nested arrays, JSON null
// and nested objects are refused with a message naming the line (TOML) and the key.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace lote {

// One key and its value(s) as text, in the form a command line would carry them: a number as
// written (underscores removed), a boolean as "true"/"false", a string unquoted and unescaped.
struct SettingsEntry {
    std::string key;
    std::vector<std::string> values;
    bool is_list = false;     // written as an array, however many elements
    bool is_boolean = false;  // a single true/false
    int line = 0;             // 1-based line in a TOML file; 0 in JSON
};

// The entries of `text`, in file order.
Result<std::vector<SettingsEntry>> parse_settings(std::string_view text);

// The entries of the file at `path`; a missing or unreadable file is a not_found/io failure.
Result<std::vector<SettingsEntry>> read_settings_file(const std::filesystem::path& path);

}  // namespace lote
