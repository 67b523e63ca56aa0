#include "filters/step_syntax.hpp"

#include <fmt/format.h>

namespace lote {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_pair_separator(char c) {
    return c == ',' || c == ';';
}

// A reader over one step's pairs, with the step's text kept for messages.
class PairReader {
  public:
    explicit PairReader(std::string_view text, std::string_view whole)
        : text_(text), whole_(whole) {}

    Result<std::vector<std::pair<std::string, std::string>>> read_all() {
        std::vector<std::pair<std::string, std::string>> pairs;
        while (true) {
            skip_spaces_and_separators();
            if (pos_ >= text_.size()) {
                return pairs;
            }
            auto key = read_key();
            if (!key) {
                return key.error();
            }
            auto value = read_value(*key);
            if (!value) {
                return value.error();
            }
            for (const auto& [k, v] : pairs) {
                if (k == *key) {
                    return fail(
                        fmt::format("parameter \"{}\" is given twice in \"{}\"", k, whole_));
                }
            }
            pairs.emplace_back(std::move(*key), std::move(*value));
        }
    }

  private:
    void skip_spaces_and_separators() {
        while (pos_ < text_.size() && (is_space(text_[pos_]) || is_pair_separator(text_[pos_]))) {
            ++pos_;
        }
    }

    Result<std::string> read_key() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != '=' && !is_pair_separator(text_[pos_])) {
            ++pos_;
        }
        std::string key = trim(text_.substr(start, pos_ - start));
        if (pos_ >= text_.size() || text_[pos_] != '=') {
            return fail(fmt::format("expected key=value, got \"{}\" in \"{}\"", key, whole_));
        }
        if (key.empty()) {
            return fail(fmt::format("a value without a parameter name in \"{}\"", whole_));
        }
        ++pos_;  // '='
        return key;
    }

    Result<std::string> read_value(const std::string& key) {
        while (pos_ < text_.size() && is_space(text_[pos_])) {
            ++pos_;
        }
        if (pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"')) {
            return read_quoted(key);
        }
        const std::size_t start = pos_;
        while (pos_ < text_.size() && !is_pair_separator(text_[pos_])) {
            ++pos_;
        }
        return trim(text_.substr(start, pos_ - start));
    }

    Result<std::string> read_quoted(const std::string& key) {
        const char quote = text_[pos_++];
        const std::size_t close = text_.find(quote, pos_);
        if (close == std::string_view::npos) {
            return fail(
                fmt::format("unclosed quote in the value of \"{}\" in \"{}\"", key, whole_));
        }
        std::string value(text_.substr(pos_, close - pos_));
        pos_ = close + 1;
        while (pos_ < text_.size() && is_space(text_[pos_])) {
            ++pos_;
        }
        if (pos_ < text_.size() && !is_pair_separator(text_[pos_])) {
            return fail(fmt::format("unexpected text after the quoted value of \"{}\" in \"{}\"",
                                    key, whole_));
        }
        return value;
    }

    std::string_view text_;
    std::string_view whole_;
    std::size_t pos_ = 0;
};

}  // namespace

std::string trim(std::string_view text) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && is_space(text[begin])) {
        ++begin;
    }
    while (end > begin && is_space(text[end - 1])) {
        --end;
    }
    return std::string(text.substr(begin, end - begin));
}

std::vector<std::string> split_outside_quotes(std::string_view text, char separator) {
    std::vector<std::string> pieces;
    char quote = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote != 0) {
            quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == separator) {
            pieces.push_back(trim(text.substr(start, i - start)));
            start = i + 1;
        }
    }
    pieces.push_back(trim(text.substr(start)));
    return pieces;
}

Result<StepText> parse_step_text(std::string_view text) {
    const std::string whole = trim(text);
    const std::size_t colon = whole.find(':');
    StepText step;
    step.filter = trim(std::string_view(whole).substr(0, colon));
    if (step.filter.empty()) {
        return fail(whole.empty() ? "empty step (no filter name)"
                                  : fmt::format("no filter name in \"{}\"", whole));
    }
    if (colon == std::string::npos) {
        return step;
    }
    PairReader reader(std::string_view(whole).substr(colon + 1), whole);
    auto pairs = reader.read_all();
    if (!pairs) {
        return fail(fmt::format("{}: {}", step.filter, pairs.message()));
    }
    step.pairs = std::move(*pairs);
    return step;
}

}  // namespace lote
