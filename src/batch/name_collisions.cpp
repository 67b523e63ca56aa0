#include "batch/name_collisions.hpp"

#include <map>
#include <set>

namespace lote {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// A name seen as text with its runs of digits taken apart: `shape` has '#' for each run, and
// each run is either known digits or a wildcard (it holds a size or part of a date). Two names
// can only be equal if their shapes are, and then exactly when every pair of runs at the same
// place is equal or has a wildcard.
struct Shape {
    std::string shape;
    std::vector<std::string> runs;  // "" for a wildcard run
    std::string mask;               // '1' where the run is a wildcard
};

class ShapeBuilder {
  public:
    void digit(char c) {
        open();
        run_ += c;
    }
    void wildcard() {
        open();
        wild_ = true;
    }
    void other(char c) {
        close();
        out_.shape += lower(c);
    }
    Shape finish() {
        close();
        return std::move(out_);
    }

  private:
    void open() { in_run_ = true; }
    void close() {
        if (!in_run_) return;
        out_.shape += '#';
        out_.runs.push_back(wild_ ? std::string() : run_);
        out_.mask += wild_ ? '1' : '0';
        run_.clear();
        wild_ = false;
        in_run_ = false;
    }
    Shape out_;
    std::string run_;
    bool wild_ = false;
    bool in_run_ = false;
};

Shape shape_of(const NamedOutput& output) {
    ShapeBuilder b;
    for (char c : output.folder) b.other(c);
    b.other('/');
    for (const NamePiece& piece : output.name.pieces) {
        switch (piece.kind) {
            case NamePieceKind::Text:
                for (char c : piece.text) is_digit(c) ? b.digit(c) : b.other(c);
                break;
            case NamePieceKind::Date:
                b.wildcard();
                b.other('-');
                b.wildcard();
                b.other('-');
                b.wildcard();
                break;
            case NamePieceKind::Width:
            case NamePieceKind::Height:
                b.wildcard();
                break;
        }
    }
    for (char c : output.name.extension) is_digit(c) ? b.digit(c) : b.other(c);
    return b.finish();
}

// The known runs outside `mask`, as one key.
std::string key_outside(const Shape& s, const std::string& mask) {
    std::string key;
    for (std::size_t i = 0; i < s.runs.size(); ++i) {
        if (mask[i] == '0') key += s.runs[i] + '\x1f';
    }
    return key;
}

std::string either(const std::string& a, const std::string& b) {
    std::string m = a;
    for (std::size_t i = 0; i < m.size(); ++i) m[i] = (a[i] == '1' || b[i] == '1') ? '1' : '0';
    return m;
}

using Members = std::vector<std::size_t>;

// Within one shape: for every pair of wildcard masks, inputs whose known runs agree outside both.
std::optional<std::pair<std::size_t, std::size_t>> clash_in(const std::vector<Shape>& shapes,
                                                            const Members& members) {
    std::map<std::string, Members> by_mask;
    for (std::size_t i : members) by_mask[shapes[i].mask].push_back(i);
    std::optional<std::pair<std::size_t, std::size_t>> best;
    auto consider = [&](std::size_t a, std::size_t b) {
        auto pair = std::make_pair(std::min(a, b), std::max(a, b));
        if (!best || pair < *best) best = pair;
    };
    for (auto first = by_mask.begin(); first != by_mask.end(); ++first) {
        for (auto second = first; second != by_mask.end(); ++second) {
            std::string mask = either(first->first, second->first);
            std::map<std::string, std::size_t> seen;
            for (std::size_t i : first->second) seen.emplace(key_outside(shapes[i], mask), i);
            for (std::size_t j : second->second) {
                auto found = seen.find(key_outside(shapes[j], mask));
                if (found != seen.end() && found->second != j) consider(found->second, j);
                if (first == second) seen.emplace(key_outside(shapes[j], mask), j);
            }
        }
    }
    return best;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> find_possible_collision(
    const std::vector<NamedOutput>& outputs) {
    std::vector<Shape> shapes;
    shapes.reserve(outputs.size());
    std::map<std::string, Members> by_shape;
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        shapes.push_back(shape_of(outputs[i]));
        by_shape[shapes.back().shape].push_back(i);
    }
    std::optional<std::pair<std::size_t, std::size_t>> first;
    for (const auto& [shape, members] : by_shape) {
        if (members.size() < 2) continue;
        if (auto clash = clash_in(shapes, members); clash && (!first || *clash < *first)) {
            first = clash;
        }
    }
    if (!first) return std::nullopt;
    return std::make_pair(outputs[first->first].input, outputs[first->second].input);
}

}  // namespace lote
