#pragma once
// The parameter schema of a filter and validated parameter values.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "filters/label.hpp"

namespace lote {

enum class ParamType { Integer, Number, Text, Choice, Boolean };

// What a Text parameter holds beyond "a text": a colour ("#RRGGBB", stored upper-case) or the
// path of a file the step reads (resolved and checked once per job, see chain_resources.hpp).
enum class TextFormat { Plain, Colour, File };

struct ParamSpec {
    std::string id;                    // Spanish id, the protocol id (e.g. "radio")
    std::vector<std::string> aliases;  // English aliases (e.g. "radius")
    ParamType type = ParamType::Number;
    double min = 0;  // Integer/Number: allowed range
    double max = 0;
    bool min_exclusive = false;        // "0 < radio <= 100"
    std::vector<std::string> choices;  // Choice: allowed values
    std::size_t max_length = 0;        // Text: 0 = no limit
    nlohmann::json default_value;      // null = optional, no default
    Label label;
    bool required = false;  // must be given (it has no default)
    TextFormat format = TextFormat::Plain;
    std::vector<std::string> accept;  // File: the formats read ("png", "webp")
    // Choice: other names accepted for a choice (English "top-left" -> "arriba-izquierda"),
    // stored as the choice itself; and one label per choice, for the page's menus.
    std::map<std::string, std::string> choice_aliases;
    std::vector<Label> choice_labels;
    // False for a parameter added after outputs were first fingerprinted: while it holds its
    // default it is left out of the chain fingerprint, so adding it redoes no earlier output.
    bool fingerprint_default = true;
};

using ParamValue = std::variant<std::int64_t, double, std::string, bool>;

// Validated values keyed by the canonical (Spanish) parameter id; every parameter of the
// schema with a default is present.
class Params {
  public:
    void set(const std::string& id, ParamValue value) { values_[id] = std::move(value); }
    bool has(const std::string& id) const { return values_.count(id) != 0; }
    double number(const std::string& id) const;
    std::int64_t integer(const std::string& id) const;
    const std::string& text(const std::string& id) const;
    bool boolean(const std::string& id) const;
    const std::map<std::string, ParamValue>& values() const { return values_; }
    nlohmann::json to_json() const;
    bool operator==(const Params& other) const = default;

  private:
    std::map<std::string, ParamValue> values_;
};

}  // namespace lote
