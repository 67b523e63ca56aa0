#include "util/settings_toml.hpp"

#include <cstdint>
#include <optional>
#include <regex>
#include <string>

namespace lote {

namespace {

bool is_bare_key_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

// Where a bare value (number, boolean) ends.
bool ends_bare_value(char c) {
    return c == ' ' || c == '\t' || c == ',' || c == ']' || c == '#' || c == '\n' || c == '\r';
}

void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

// One value as the reader found it.
struct Scalar {
    std::string text;
    bool is_boolean = false;
};

// Reads the text left to right, one `key = value` line at a time, keeping the line number for
// messages. Every read_* function starts at the thing it reads and stops right after it.
class TomlReader {
  public:
    explicit TomlReader(std::string_view text) : text_(text) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;  // a UTF-8 byte order mark
    }

    Result<std::vector<SettingsEntry>> read_all() {
        std::vector<SettingsEntry> entries;
        while (true) {
            skip_blank_lines();
            if (done()) return entries;
            auto entry = read_entry();
            if (!entry) return entry.error();
            entries.push_back(std::move(*entry));
        }
    }

  private:
    bool done() const { return at_ >= text_.size(); }
    char peek() const { return done() ? '\0' : text_[at_]; }
    bool starts_with(std::string_view s) const { return text_.substr(at_, s.size()) == s; }

    Error error(const std::string& message) const {
        return fail("line " + std::to_string(line_) + ": " + message);
    }

    void skip_blanks() {
        while (peek() == ' ' || peek() == '\t') ++at_;
    }
    void skip_comment() {
        if (peek() != '#') return;
        while (!done() && peek() != '\n') ++at_;
    }
    bool at_line_end() const {
        return done() || peek() == '\n' || (peek() == '\r' && starts_with("\r\n"));
    }
    void next_line() {
        if (peek() == '\r') ++at_;
        if (peek() == '\n') {
            ++at_;
            ++line_;
        }
    }
    // Blanks, comments and newlines: between entries, and between an array's elements.
    void skip_blank_lines() {
        while (true) {
            skip_blanks();
            skip_comment();
            if (done() || !at_line_end()) return;
            next_line();
        }
    }

    Result<SettingsEntry> read_entry() {
        if (peek() == '[') {
            return error(
                "tables ([name]) are not used: write each option as `key = value`, "
                "outside any table");
        }
        const int line = line_;
        auto key = read_key();
        if (!key) return key.error();
        skip_blanks();
        if (peek() == '.') {
            return error("dotted keys (" + *key + ".…) are not used: write the option's name");
        }
        if (peek() != '=') return error("expected `=` after the key " + *key);
        ++at_;
        skip_blanks();
        if (at_line_end() || peek() == '#') return error(*key + " has no value");
        SettingsEntry entry{*key, {}, false, false, line};
        if (peek() == '[') {
            ++at_;
            auto elements = read_array_elements();
            if (!elements) return elements.error();
            entry.is_list = true;
            entry.values = std::move(*elements);
        } else {
            auto scalar = read_scalar();
            if (!scalar) return scalar.error();
            entry.values.push_back(std::move(scalar->text));
            entry.is_boolean = scalar->is_boolean;
        }
        skip_blanks();
        skip_comment();
        if (!at_line_end()) {
            return error("unexpected text after the value of " + *key +
                         " (one `key = value` a line)");
        }
        next_line();
        return entry;
    }

    Result<std::string> read_key() {
        if (peek() == '"' || peek() == '\'') {
            auto key = peek() == '"' ? read_basic_string() : read_literal_string();
            if (!key) return key.error();
            if (key->empty()) return error("an empty key");
            return key;
        }
        std::size_t start = at_;
        while (is_bare_key_char(peek())) ++at_;
        if (at_ == start) {
            return error("expected a key (letters, digits, `-`, `_`) at the start of the line");
        }
        return std::string(text_.substr(start, at_ - start));
    }

    // After the opening '['; stops after the closing ']'.
    Result<std::vector<std::string>> read_array_elements() {
        std::vector<std::string> elements;
        while (true) {
            skip_blank_lines();
            if (done()) return error("unterminated array: `]` is missing");
            if (peek() == ']') break;
            if (peek() == '[') return error("arrays inside arrays are not used");
            if (peek() == '{') return error("inline tables ({…}) are not used");
            auto scalar = read_scalar();
            if (!scalar) return scalar.error();
            elements.push_back(std::move(scalar->text));
            skip_blank_lines();
            if (peek() == ',') {
                ++at_;
            } else if (peek() != ']') {
                return error("expected `,` or `]` between the array's values");
            }
        }
        ++at_;
        return elements;
    }

    Result<Scalar> read_scalar() {
        if (starts_with("\"\"\"") || starts_with("'''")) {
            return error("multi-line strings are not used: write the value on one line");
        }
        if (peek() == '"' || peek() == '\'') {
            auto text = peek() == '"' ? read_basic_string() : read_literal_string();
            if (!text) return text.error();
            return Scalar{std::move(*text), false};
        }
        if (peek() == '{') return error("inline tables ({…}) are not used");
        return read_bare_value();
    }

    // "…" with TOML's escapes.
    Result<std::string> read_basic_string() {
        ++at_;
        std::string out;
        while (true) {
            if (at_line_end()) return error("unterminated string: the closing \" is missing");
            char c = text_[at_++];
            if (c == '"') return out;
            if (c == '\\') {
                auto escaped = read_escape(out);
                if (!escaped) return escaped.error();
                continue;
            }
            if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
                return error("a control character inside a string: write it as an escape");
            }
            out += c;
        }
    }

    Status read_escape(std::string& out) {
        if (done()) return error("unterminated string: the closing \" is missing");
        char c = text_[at_++];
        switch (c) {
            case 'b':
                out += '\b';
                return {};
            case 't':
                out += '\t';
                return {};
            case 'n':
                out += '\n';
                return {};
            case 'f':
                out += '\f';
                return {};
            case 'r':
                out += '\r';
                return {};
            case '"':
                out += '"';
                return {};
            case '\\':
                out += '\\';
                return {};
            case 'u':
                return read_unicode_escape(out, 4);
            case 'U':
                return read_unicode_escape(out, 8);
            default:
                return error(std::string("unknown escape \\") + c +
                             " in a string (write \\\\ for a backslash, or use '…' quotes)");
        }
    }

    Status read_unicode_escape(std::string& out, std::size_t digits) {
        if (at_ + digits > text_.size()) return error("a \\u escape needs hexadecimal digits");
        std::uint32_t code = 0;
        for (std::size_t i = 0; i < digits; ++i) {
            char c = text_[at_++];
            int v = (c >= '0' && c <= '9')   ? c - '0'
                    : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                    : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                             : -1;
            if (v < 0) return error("a \\u escape needs hexadecimal digits");
            code = code * 16 + static_cast<std::uint32_t>(v);
        }
        if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
            return error("a \\u escape that is not a Unicode character");
        }
        append_utf8(out, code);
        return {};
    }

    // '…' taken literally.
    Result<std::string> read_literal_string() {
        ++at_;
        std::size_t start = at_;
        while (!at_line_end() && peek() != '\'') ++at_;
        if (peek() != '\'') return error("unterminated string: the closing ' is missing");
        std::string out(text_.substr(start, at_ - start));
        ++at_;
        return out;
    }

    // true, false, or a decimal number.
    Result<Scalar> read_bare_value() {
        std::size_t start = at_;
        while (!done() && !ends_bare_value(peek())) ++at_;
        std::string word(text_.substr(start, at_ - start));
        if (word == "true" || word == "false") return Scalar{word, true};
        static const std::regex number(
            R"([+-]?(0|[1-9](_?[0-9])*)(\.[0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?)");
        if (std::regex_match(word, number)) {
            std::erase(word, '_');
            return Scalar{word, false};
        }
        return error("`" + word + "` is not a value: put text in quotes (\"" + word + "\")");
    }

    std::string_view text_;
    std::size_t at_ = 0;
    int line_ = 1;
};

}  // namespace

Result<std::vector<SettingsEntry>> parse_settings_toml(std::string_view text) {
    return TomlReader(text).read_all();
}

}  // namespace lote
