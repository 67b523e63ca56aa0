#include "pipeline/name_pattern.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace lote {

namespace {

constexpr std::string_view kDateToken = "{date}";
constexpr std::string_view kWidthToken = "{w}";
constexpr std::string_view kHeightToken = "{h}";

std::string_view token_of(NamePieceKind kind) {
    switch (kind) {
        case NamePieceKind::Date:
            return kDateToken;
        case NamePieceKind::Width:
            return kWidthToken;
        case NamePieceKind::Height:
            return kHeightToken;
        case NamePieceKind::Text:
            break;
    }
    return {};
}

bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// Matches `name` from `pos` against pieces[i..]: a size is one or more digits, a date is
// dddd-dd-dd, text is itself.
bool match_from(const std::vector<NamePiece>& pieces, std::size_t i, std::string_view name,
                std::size_t pos) {
    if (i == pieces.size()) {
        return pos == name.size();
    }
    const NamePiece& piece = pieces[i];
    switch (piece.kind) {
        case NamePieceKind::Text:
            return name.substr(pos).starts_with(piece.text) &&
                   match_from(pieces, i + 1, name, pos + piece.text.size());
        case NamePieceKind::Date: {
            std::string_view date = name.substr(pos, 10);
            bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-' &&
                          std::all_of(date.begin(), date.end(),
                                      [](char c) { return c == '-' || is_digit(c); });
            return shaped && match_from(pieces, i + 1, name, pos + 10);
        }
        case NamePieceKind::Width:
        case NamePieceKind::Height:
            for (std::size_t end = pos + 1; end <= name.size() && is_digit(name[end - 1]); ++end) {
                if (match_from(pieces, i + 1, name, end)) {
                    return true;
                }
            }
            return false;
    }
    return false;
}

// "a-3" -> "a" when the suffix is a rename's.
std::string_view without_rename_suffix(std::string_view stem) {
    auto dash = stem.rfind('-');
    if (dash == std::string_view::npos || dash + 1 == stem.size()) {
        return stem;
    }
    std::string_view digits = stem.substr(dash + 1);
    if (!std::all_of(digits.begin(), digits.end(), is_digit) || digits.front() == '0') {
        return stem;
    }
    return stem.substr(0, dash);
}

}  // namespace

std::optional<ConflictPolicy> parse_conflict_policy(std::string_view name) {
    if (name == "overwrite") return ConflictPolicy::Overwrite;
    if (name == "skip") return ConflictPolicy::Skip;
    if (name == "rename") return ConflictPolicy::Rename;
    return std::nullopt;
}

std::string conflict_policy_name(ConflictPolicy policy) {
    switch (policy) {
        case ConflictPolicy::Overwrite:
            return "overwrite";
        case ConflictPolicy::Skip:
            return "skip";
        case ConflictPolicy::Rename:
            return "rename";
    }
    return "overwrite";
}

bool NamePattern::dynamic() const {
    return std::any_of(pieces.begin(), pieces.end(),
                       [](const NamePiece& p) { return p.kind != NamePieceKind::Text; });
}

std::string render_name(const NamePattern& pattern, const NameValues& values) {
    std::string name;
    for (const NamePiece& piece : pattern.pieces) {
        switch (piece.kind) {
            case NamePieceKind::Text:
                name += piece.text;
                break;
            case NamePieceKind::Date:
                name += values.date;
                break;
            case NamePieceKind::Width:
                name += std::to_string(values.width);
                break;
            case NamePieceKind::Height:
                name += std::to_string(values.height);
                break;
        }
    }
    return name + pattern.extension;
}

std::string describe_name(const NamePattern& pattern) {
    std::string name;
    for (const NamePiece& piece : pattern.pieces) {
        name += piece.kind == NamePieceKind::Text ? piece.text : std::string(token_of(piece.kind));
    }
    return name + pattern.extension;
}

bool name_matches(const NamePattern& pattern, const std::string& file_name) {
    std::string_view name = file_name;
    if (!name.ends_with(pattern.extension)) {
        return false;
    }
    std::string_view stem = name.substr(0, name.size() - pattern.extension.size());
    if (match_from(pattern.pieces, 0, stem, 0)) {
        return true;
    }
    std::string_view original = without_rename_suffix(stem);
    return original.size() != stem.size() && match_from(pattern.pieces, 0, original, 0);
}

std::string renamed(const std::string& file_name, int n) {
    auto dot = file_name.rfind('.');
    std::string suffix = "-" + std::to_string(n);
    if (dot == std::string::npos || dot == 0) {
        return file_name + suffix;
    }
    return file_name.substr(0, dot) + suffix + file_name.substr(dot);
}

nlohmann::json to_json(const NamePattern& pattern) {
    nlohmann::json pieces = nlohmann::json::array();
    for (const NamePiece& piece : pattern.pieces) {
        if (piece.kind == NamePieceKind::Text) {
            pieces.push_back(piece.text);
        } else {
            pieces.push_back({{"token", std::string(token_of(piece.kind))}});
        }
    }
    return {{"pieces", pieces}, {"extension", pattern.extension}};
}

Result<NamePattern> name_pattern_from_json(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("pieces") || !j["pieces"].is_array()) {
        return fail("a name pattern needs \"pieces\"");
    }
    NamePattern pattern;
    pattern.extension = j.value("extension", std::string());
    for (const auto& piece : j["pieces"]) {
        if (piece.is_string()) {
            pattern.pieces.push_back({NamePieceKind::Text, piece.get<std::string>()});
            continue;
        }
        std::string token = piece.is_object() ? piece.value("token", std::string()) : "";
        if (token == kDateToken) {
            pattern.pieces.push_back({NamePieceKind::Date, {}});
        } else if (token == kWidthToken) {
            pattern.pieces.push_back({NamePieceKind::Width, {}});
        } else if (token == kHeightToken) {
            pattern.pieces.push_back({NamePieceKind::Height, {}});
        } else {
            return fail("unknown name piece " + piece.dump());
        }
    }
    return pattern;
}

}  // namespace lote
