#include "batch/output_naming.hpp"

#include <algorithm>
#include <array>

#include "batch/slug.hpp"

namespace lote {

namespace {

constexpr std::size_t kMaxTemplate = 200;

// Placeholders for the worker's tokens while a name is folded as a whole.
constexpr char kDateMark = '\x01';
constexpr char kWidthMark = '\x02';
constexpr char kHeightMark = '\x03';
constexpr std::string_view kMarks = "\x01\x02\x03";

struct Named {
    std::string_view token;
    NameTokenKind kind;
};

constexpr std::array<Named, 7> kTokens{{
    {"name", NameTokenKind::Name},
    {"filter", NameTokenKind::Filter},
    {"n", NameTokenKind::Number},
    {"date", NameTokenKind::Date},
    {"w", NameTokenKind::Width},
    {"h", NameTokenKind::Height},
    {"ext", NameTokenKind::Extension},
}};

constexpr std::string_view kKnownTokens = "{name} {filter} {n} {n:000} {date} {w} {h} {ext}";

Result<NameToken> token_named(std::string_view inside) {
    std::string_view name = inside.substr(0, inside.find(':'));
    if (name == "n" && inside.size() > 1) {
        std::string_view zeros = inside.substr(2);
        bool padded = !zeros.empty() && zeros.size() <= 9 &&
                      std::all_of(zeros.begin(), zeros.end(), [](char c) { return c == '0'; });
        if (inside[1] != ':' || !padded) {
            return fail("unknown token {" + std::string(inside) + "} (zero-pad {n} as {n:000})");
        }
        return NameToken{NameTokenKind::Number, {}, static_cast<int>(zeros.size())};
    }
    for (const Named& known : kTokens) {
        if (inside == known.token) {
            return NameToken{known.kind, {}, 0};
        }
    }
    return fail("unknown token {" + std::string(inside) + "} (known: " + std::string(kKnownTokens) +
                ")");
}

Status check_characters(std::string_view text) {
    if (text.empty()) {
        return fail("the name template is empty");
    }
    if (text.size() > kMaxTemplate) {
        return fail("the name template is longer than " + std::to_string(kMaxTemplate) +
                    " characters");
    }
    if (text.find('/') != std::string_view::npos || text.find('\\') != std::string_view::npos) {
        return fail("a name may not contain '/' or '\\' (outputs stay in their filter's folder)");
    }
    if (text.find("..") != std::string_view::npos) {
        return fail("a name may not contain \"..\"");
    }
    if (text.front() == '.') {
        return fail("a name may not start with '.' (it would be a hidden file)");
    }
    bool control = std::any_of(text.begin(), text.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
    if (control) {
        return fail("a name may not contain control characters");
    }
    return {};
}

void add_text(NameTemplate& out, std::string_view text) {
    if (text.empty()) return;
    if (!out.tokens.empty() && out.tokens.back().kind == NameTokenKind::Text) {
        out.tokens.back().text += text;
    } else {
        out.tokens.push_back({NameTokenKind::Text, std::string(text), 0});
    }
}

std::string padded(std::size_t number, int width) {
    std::string digits = std::to_string(number);
    if (static_cast<int>(digits.size()) < width) {
        digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
    }
    return digits;
}

std::string flat_text(const NameTemplate& name_template, const NameContext& context) {
    std::string flat;
    for (const NameToken& token : name_template.tokens) {
        switch (token.kind) {
            case NameTokenKind::Text:
                flat += token.text;
                break;
            case NameTokenKind::Name:
                flat += context.name;
                break;
            case NameTokenKind::Filter:
                flat += context.filter;
                break;
            case NameTokenKind::Number:
                flat += padded(context.number, token.width);
                break;
            case NameTokenKind::Date:
                flat += kDateMark;
                break;
            case NameTokenKind::Width:
                flat += kWidthMark;
                break;
            case NameTokenKind::Height:
                flat += kHeightMark;
                break;
            case NameTokenKind::Extension:
                flat += context.input_extension;
                break;
        }
    }
    return flat;
}

std::string lower_ascii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return text;
}

NamePattern split_marks(const std::string& flat, std::string extension) {
    NamePattern pattern;
    pattern.extension = std::move(extension);
    for (char c : flat) {
        NamePieceKind kind = c == kDateMark     ? NamePieceKind::Date
                             : c == kWidthMark  ? NamePieceKind::Width
                             : c == kHeightMark ? NamePieceKind::Height
                                                : NamePieceKind::Text;
        if (kind != NamePieceKind::Text) {
            pattern.pieces.push_back({kind, {}});
        } else if (!pattern.pieces.empty() && pattern.pieces.back().kind == NamePieceKind::Text) {
            pattern.pieces.back().text += c;
        } else {
            pattern.pieces.push_back({NamePieceKind::Text, std::string(1, c)});
        }
    }
    return pattern;
}

bool unsafe_in_folder(char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f ||
           std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos;
}

}  // namespace

bool NamingOptions::is_default() const {
    return name_template == kDefaultNameTemplate && !slug;
}

Result<NameTemplate> parse_name_template(std::string_view text) {
    if (Status ok = check_characters(text); !ok) {
        return ok.error();
    }
    NameTemplate out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t open = text.find_first_of("{}", i);
        if (open == std::string_view::npos) {
            add_text(out, text.substr(i));
            break;
        }
        if (text[open] == '}') {
            return fail("'}' without '{' in the name template");
        }
        add_text(out, text.substr(i, open - i));
        std::size_t close = text.find_first_of("{}", open + 1);
        if (close == std::string_view::npos || text[close] == '{') {
            return fail("'{' left open in the name template");
        }
        auto token = token_named(text.substr(open + 1, close - open - 1));
        if (!token) {
            return token.error();
        }
        out.tokens.push_back(*token);
        i = close + 1;
    }
    return out;
}

NamePattern bind_name(const NameTemplate& name_template, const NameContext& context, bool slug) {
    std::string flat = flat_text(name_template, context);
    if (!slug) {
        return split_marks(flat, context.output_extension);
    }
    std::string folded = slugify(flat, kMarks);
    if (folded.empty()) {
        folded = "image";  // a name of symbols only
    }
    return split_marks(folded, lower_ascii(context.output_extension));
}

std::string chain_folder_name(const std::string& chain_name, bool slug) {
    if (slug) {
        std::string folded = slugify(chain_name);
        return folded.empty() ? "chain" : folded;
    }
    std::string safe;
    for (char c : chain_name) {
        safe += unsafe_in_folder(c) ? '-' : c;
    }
    auto blank_or_dot = [](char c) { return c == ' ' || c == '\t' || c == '.'; };
    while (!safe.empty() && blank_or_dot(safe.back())) safe.pop_back();
    std::size_t start = 0;
    while (start < safe.size() && blank_or_dot(safe[start])) ++start;
    safe.erase(0, start);
    return safe.empty() ? "chain" : safe;
}

}  // namespace lote
