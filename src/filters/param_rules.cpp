#include "filters/param_rules.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "util/byte_text.hpp"
#include "util/error_codes.hpp"

namespace lote {

namespace {

constexpr std::size_t kShownLength = 60;

std::string number_text(double v) {
    return fmt::format("{}", v);
}

std::string range_text(const ParamSpec& s) {
    return fmt::format("{} {} {} <= {}", number_text(s.min), s.min_exclusive ? "<" : "<=", s.id,
                       number_text(s.max));
}

bool in_range(const ParamSpec& s, double v) {
    const bool above_min = s.min_exclusive ? v > s.min : v >= s.min;
    return std::isfinite(v) && above_min && v <= s.max;
}

// Counts UTF-8 code points; false when the bytes are not strictly UTF-8 (a text must survive
// every JSON writer) or hold a control character.
bool printable_utf8(const std::string& text, std::size_t& code_points) {
    code_points = 0;
    if (!is_valid_utf8(text)) {
        return false;
    }
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            return false;
        }
        code_points += (byte & 0xC0) != 0x80 ? 1 : 0;
    }
    return true;
}

// What a client needs to say the refusal in its own words: the rule the value broke.
Error with_rule(Error error, const std::string& filter_id, const ParamSpec& spec,
                const nlohmann::json& given) {
    nlohmann::json params = {
        {"filter", filter_id}, {"parameter", spec.id}, {"value", shown(given)}};
    switch (spec.type) {
        case ParamType::Number:
        case ParamType::Integer:
            params["min"] = spec.min;
            params["max"] = spec.max;
            params["min_exclusive"] = spec.min_exclusive;
            params["integer"] = spec.type == ParamType::Integer;
            return std::move(error).coded(codes::param_out_of_range, std::move(params));
        case ParamType::Boolean:
            params["expected"] = "boolean";
            break;
        case ParamType::Choice:
            params["expected"] = "choice";
            params["choices"] = spec.choices;
            break;
        case ParamType::Text:
            params["expected"] = "text";
            params["max_length"] = spec.max_length;
            break;
    }
    return std::move(error).coded(codes::param_bad_value, std::move(params));
}

Error refusal(const std::string& filter_id, const ParamSpec& spec, const nlohmann::json& given) {
    return with_rule(fail(fmt::format("{}: parameter \"{}\" must be {} (got {})", filter_id,
                                      spec.id, allowed_values(spec), shown(given))),
                     filter_id, spec, given);
}

Result<ParamValue> check_number(const std::string& filter_id, const ParamSpec& spec,
                                const nlohmann::json& given) {
    if (!given.is_number() || !in_range(spec, given.get<double>())) {
        return refusal(filter_id, spec, given);
    }
    return ParamValue{given.get<double>()};
}

Result<ParamValue> check_integer(const std::string& filter_id, const ParamSpec& spec,
                                 const nlohmann::json& given) {
    if (!given.is_number() || !in_range(spec, given.get<double>())) {
        return refusal(filter_id, spec, given);
    }
    const double v = given.get<double>();
    if (std::trunc(v) != v) {
        return refusal(filter_id, spec, given);
    }
    return ParamValue{static_cast<std::int64_t>(v)};
}

// "#RRGGBB" or "#RGB", any case; stored as "#RRGGBB" in upper case.
std::optional<std::string> colour_text(const std::string& text) {
    const bool hex = text.size() > 1 && text[0] == '#' &&
                     std::all_of(text.begin() + 1, text.end(),
                                 [](unsigned char c) { return std::isxdigit(c) != 0; });
    if (!hex || (text.size() != 7 && text.size() != 4)) {
        return std::nullopt;
    }
    std::string out = "#";
    for (std::size_t i = 1; i < text.size(); ++i) {
        const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(text[i])));
        out += text.size() == 4 ? std::string(2, c) : std::string(1, c);
    }
    return out;
}

Result<ParamValue> check_text(const std::string& filter_id, const ParamSpec& spec,
                              const nlohmann::json& given) {
    std::size_t length = 0;
    if (!given.is_string() || !printable_utf8(given.get_ref<const std::string&>(), length) ||
        (spec.max_length > 0 && length > spec.max_length)) {
        return refusal(filter_id, spec, given);
    }
    const std::string& text = given.get_ref<const std::string&>();
    if (spec.format == TextFormat::Colour) {
        auto colour = colour_text(text);
        if (!colour) {
            return refusal(filter_id, spec, given);
        }
        return ParamValue{*colour};
    }
    if (spec.format == TextFormat::File && text.empty()) {
        return refusal(filter_id, spec, given);
    }
    return ParamValue{text};
}

// A choice is a string; a number that spells one ("grados": 90) is accepted as that string.
Result<ParamValue> check_choice(const std::string& filter_id, const ParamSpec& spec,
                                const nlohmann::json& given) {
    std::string text;
    if (given.is_string()) {
        text = given.get<std::string>();
    } else if (given.is_number_integer()) {
        text = std::to_string(given.get<std::int64_t>());
    }
    if (auto alias = spec.choice_aliases.find(text); alias != spec.choice_aliases.end()) {
        text = alias->second;
    }
    if (std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end()) {
        return refusal(filter_id, spec, given);
    }
    return ParamValue{text};
}

}  // namespace

std::string shown(const nlohmann::json& value) {
    std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (text.size() > kShownLength) {
        text = text.substr(0, kShownLength) + "...";
    }
    return text;
}

std::string allowed_values(const ParamSpec& spec) {
    switch (spec.type) {
        case ParamType::Number:
            return "a number with " + range_text(spec);
        case ParamType::Integer:
            return "an integer with " + range_text(spec);
        case ParamType::Boolean:
            return "true or false";
        case ParamType::Choice:
            return "one of " + fmt::format("{}", fmt::join(spec.choices, ", ")) +
                   (spec.choice_aliases.empty() ? "" : " (or its English name)");
        case ParamType::Text:
            if (spec.format == TextFormat::Colour) {
                return "a colour written #RRGGBB (or #RGB)";
            }
            if (spec.format == TextFormat::File) {
                return spec.accept.empty()
                           ? "the path of a file"
                           : fmt::format("the path of a {} file", fmt::join(spec.accept, " or "));
            }
            return spec.max_length > 0
                       ? fmt::format("a text of at most {} characters without control characters",
                                     spec.max_length)
                       : "a text without control characters";
    }
    return "valid";
}

Result<ParamValue> check_param(const std::string& filter_id, const ParamSpec& spec,
                               const nlohmann::json& given) {
    switch (spec.type) {
        case ParamType::Number:
            return check_number(filter_id, spec, given);
        case ParamType::Integer:
            return check_integer(filter_id, spec, given);
        case ParamType::Text:
            return check_text(filter_id, spec, given);
        case ParamType::Choice:
            return check_choice(filter_id, spec, given);
        case ParamType::Boolean:
            if (!given.is_boolean()) {
                return refusal(filter_id, spec, given);
            }
            return ParamValue{given.get<bool>()};
    }
    return refusal(filter_id, spec, given);
}

namespace {

// The whole text as a number, in the C locale; no "nan", "inf", hex or trailing garbage.
std::optional<nlohmann::json> number_from_text(const std::string& text) {
    const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.' ||
               c == 'e' || c == 'E';
    });
    if (!plain) {
        return std::nullopt;
    }
    const char* begin = text.data() + (text[0] == '+' ? 1 : 0);
    const char* end = text.data() + text.size();
    std::int64_t whole = 0;
    auto [wp, we] = std::from_chars(begin, end, whole);
    if (we == std::errc() && wp == end) {
        return nlohmann::json(whole);
    }
    double real = 0;
    auto [rp, re] = std::from_chars(begin, end, real);
    if (re == std::errc() && rp == end) {
        return nlohmann::json(real);
    }
    return std::nullopt;
}

std::optional<bool> boolean_from_text(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (text == "true" || text == "1" || text == "yes" || text == "si" || text == "sí") {
        return true;
    }
    if (text == "false" || text == "0" || text == "no") {
        return false;
    }
    return std::nullopt;
}

}  // namespace

nlohmann::json json_from_text(const ParamSpec& spec, const std::string& text) {
    if (spec.type == ParamType::Number || spec.type == ParamType::Integer) {
        if (auto number = number_from_text(text)) {
            return *number;
        }
    }
    if (spec.type == ParamType::Boolean) {
        if (auto flag = boolean_from_text(text)) {
            return *flag;
        }
    }
    return text;
}

}  // namespace lote
