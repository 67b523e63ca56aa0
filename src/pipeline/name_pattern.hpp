#pragma once
// An output file name that is only known once the image is decoded: the parts a name template
// could fill in while planning (input name, filter, number, extension) are text already, and
// {date}, {w} and {h} wait for the worker, which knows the photo's date and the output's size.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace lote {

enum class NamePieceKind { Text, Date, Width, Height };

struct NamePiece {
    NamePieceKind kind = NamePieceKind::Text;
    std::string text;  // for Text
};

struct NamePattern {
    std::vector<NamePiece> pieces;
    std::string extension;  // of the output, with its dot
    bool empty() const { return pieces.empty(); }
    bool dynamic() const;  // has a piece the worker must fill in
};

struct NameValues {
    std::string date;  // YYYY-MM-DD
    int width = 0;
    int height = 0;
};

// What to do with an output path where a file lote did not make (the manifest has no record of
// it) already exists: replace it (the seed's behaviour), leave it and skip the output, or write
// the output beside it as name-1, name-2, ...
enum class ConflictPolicy { Overwrite, Skip, Rename };

std::optional<ConflictPolicy> parse_conflict_policy(std::string_view name);
std::string conflict_policy_name(ConflictPolicy policy);

// The file name (with the extension) the pattern gives for these values.
std::string render_name(const NamePattern& pattern, const NameValues& values);
// The same with each later piece shown as its token ("IMG_1_{w}x{h}.jpg"), for messages.
std::string describe_name(const NamePattern& pattern);
// Whether `file_name` is one this pattern can give, optionally with a "-N" suffix before the
// extension (an output renamed away from a file the user had put there).
bool name_matches(const NamePattern& pattern, const std::string& file_name);

// "-1", "-2", ... inserted before the extension of `file_name`.
std::string renamed(const std::string& file_name, int n);

nlohmann::json to_json(const NamePattern& pattern);
Result<NamePattern> name_pattern_from_json(const nlohmann::json& j);

}  // namespace lote
