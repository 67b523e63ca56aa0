#pragma once
// How outputs are named: a file-name template with tokens, an optional web-safe folding
// (--slug), and what to do with a file lote did not make (--on-conflict). The folder per
// filter or chain stays; only the file name follows the template.
//
// Tokens: {name} (the input's stem), {filter} (the filter or chain name), {n} and {n:000} (the
// input's 1-based position in the sorted input list, zero-padded to as many digits as zeros),
// {date} (EXIF DateTimeOriginal as YYYY-MM-DD, else the file's modification day), {w} and {h}
// (the output's size) and {ext} (the input's extension, without the dot). The output's own
// extension is always added. The default reproduces the seed's names: "{name}_{filter}".

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/name_pattern.hpp"
#include "util/result.hpp"

namespace lote {

inline constexpr std::string_view kDefaultNameTemplate = "{name}_{filter}";

struct NamingOptions {
    std::string name_template = std::string(kDefaultNameTemplate);
    bool slug = false;
    ConflictPolicy on_conflict = ConflictPolicy::Overwrite;
    bool is_default() const;
};

enum class NameTokenKind { Text, Name, Filter, Number, Date, Width, Height, Extension };

struct NameToken {
    NameTokenKind kind = NameTokenKind::Text;
    std::string text;  // for Text
    int width = 0;     // for Number: zero-padded to this many digits (0: not padded)
};

struct NameTemplate {
    std::vector<NameToken> tokens;
};

// Pure: the template's text in, its tokens or the reason it is refused out (an unknown token, a
// brace left open, '/', '\\' or "..", a control character, a leading '.', empty, too long).
Result<NameTemplate> parse_name_template(std::string_view text);

// What the planner knows about one output before decoding.
struct NameContext {
    std::string name;              // the input's stem, already unique in its folder
    std::string filter;            // the chain's name
    std::size_t number = 0;        // 1-based
    std::string input_extension;   // without the dot
    std::string output_extension;  // with the dot
};

// The pattern for one output: every token the planner knows filled in, {date}/{w}/{h} left for
// the worker; with `slug` the whole name is folded (pipeline/name_pattern.hpp).
NamePattern bind_name(const NameTemplate& name_template, const NameContext& context, bool slug);

// The folder a chain's outputs go to: its name made safe for any file system (no characters
// Windows or a zip refuse, no leading or trailing blanks or dots), or folded with `slug`.
std::string chain_folder_name(const std::string& chain_name, bool slug);

}  // namespace lote
