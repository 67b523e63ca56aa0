#pragma once
// The sizes of the framing steps, apart from any pixel: what `rellenar` scales to before it
// crops, what `lienzo` fits the image to before it pads, what `recortar` keeps of an aspect
// ratio. All in 64 bits; the callers check the results with checked_size before building.

#include <cstdint>
#include <optional>
#include <string>

#include "filters/geometry.hpp"

namespace lote {

struct WideSize {
    std::int64_t width = 0;
    std::int64_t height = 0;
    bool operator==(const WideSize&) const = default;
};

struct Ratio {
    double width = 1;
    double height = 1;
};

// "4:5", "16:9", "1.91:1": two positive numbers, each side of the ratio at most 1000 times the
// other; nothing else.
std::optional<Ratio> parse_ratio(const std::string& text);

// rellenar: the scale at which `input` just covers `target`, and the input's size at that scale
// (each side at least the target's, one of them exactly).
double cover_scale(WideSize input, WideSize target);
WideSize covering_size(WideSize input, WideSize target);
// The part of `input` that, scaled by cover_scale, becomes exactly `target` (used when that
// scale enlarges: crop first, then enlarge only what is kept).
WideSize covered_region(WideSize input, WideSize target);

// lienzo: `input` fitted inside `target` keeping its aspect ratio; the limiting side gets the
// target's exact value. With `only_shrink`, an input that already fits keeps its size.
WideSize contained_size(WideSize input, WideSize target, bool only_shrink);

// recortar: the largest size of aspect `ratio` inside `input`.
WideSize aspect_size(WideSize input, Ratio ratio);

}  // namespace lote
