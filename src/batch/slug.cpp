#include "batch/slug.hpp"

#include <array>
#include <cstdint>

namespace lote {

namespace {

struct Fold {
    char32_t first;
    char32_t last;
    const char* ascii;
};

// Latin-1 Supplement and Latin Extended-A, by base letter (case is folded afterwards).
constexpr std::array<Fold, 45> kFolds{{
    {0xC0, 0xC5, "a"},       {0xC6, 0xC6, "ae"},   {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},
    {0xCC, 0xCF, "i"},       {0xD0, 0xD0, "d"},    {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},
    {0xD8, 0xD8, "o"},       {0xD9, 0xDC, "u"},    {0xDD, 0xDD, "y"},   {0xDE, 0xDE, "th"},
    {0xDF, 0xDF, "ss"},      {0xE0, 0xE5, "a"},    {0xE6, 0xE6, "ae"},  {0xE7, 0xE7, "c"},
    {0xE8, 0xEB, "e"},       {0xEC, 0xEF, "i"},    {0xF0, 0xF0, "d"},   {0xF1, 0xF1, "n"},
    {0xF2, 0xF6, "o"},       {0xF8, 0xF8, "o"},    {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},
    {0xFE, 0xFE, "th"},      {0xFF, 0xFF, "y"},    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},
    {0x10E, 0x111, "d"},     {0x112, 0x11B, "e"},  {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
    {0x128, 0x131, "i"},     {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
    {0x139, 0x142, "l"},     {0x143, 0x14B, "n"},  {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"},
    {0x154, 0x159, "r"},     {0x15A, 0x161, "s"},  {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
    {0x174, 0x17F, nullptr},
}};

const char* tail_fold(char32_t c) {
    if (c >= 0x174 && c <= 0x175) return "w";
    if (c >= 0x176 && c <= 0x178) return "y";
    if (c >= 0x179 && c <= 0x17E) return "z";
    if (c == 0x17F) return "s";
    return nullptr;
}

const char* fold(char32_t c) {
    for (const Fold& f : kFolds) {
        if (c >= f.first && c <= f.last) {
            return f.ascii != nullptr ? f.ascii : tail_fold(c);
        }
    }
    return nullptr;
}

// Decodes one UTF-8 sequence at `i`; a malformed byte is returned as U+FFFD and consumed alone.
char32_t next_code_point(std::string_view text, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    int length = lead < 0x80         ? 1
                 : (lead >> 5) == 6  ? 2
                 : (lead >> 4) == 14 ? 3
                 : (lead >> 3) == 30 ? 4
                                     : 0;
    if (length == 0 || i + length > text.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        c = (c << 6) | (byte(i + k) & 0x3F);
    }
    i += length;
    return c;
}

}  // namespace

std::string slugify(std::string_view text, std::string_view keep) {
    std::string out;
    bool gap = false;
    auto add = [&](std::string_view piece) {
        if (gap && !out.empty()) out += '-';
        gap = false;
        out += piece;
    };
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = next_code_point(text, i);
        if (c < 0x80 && keep.find(static_cast<char>(c)) != std::string_view::npos) {
            add(std::string(1, static_cast<char>(c)));
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            add(std::string(1, static_cast<char>(c)));
        } else if (c >= 'A' && c <= 'Z') {
            add(std::string(1, static_cast<char>(c - 'A' + 'a')));
        } else if (const char* ascii = fold(c)) {
            add(ascii);
        } else {
            gap = true;
        }
    }
    return out;
}

}  // namespace lote
