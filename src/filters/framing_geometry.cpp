#include "filters/framing_geometry.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "filters/checked_size.hpp"

namespace lote {

namespace {

constexpr double kMaxRatio = 1000;

std::optional<double> positive_number(const std::string& text) {
    const bool plain =
        !text.empty() && text.size() <= 12 && std::all_of(text.begin(), text.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) || c == '.';
        });
    if (!plain) {
        return std::nullopt;
    }
    double v = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (error != std::errc() || end != text.data() + text.size() || !(v > 0) || !std::isfinite(v)) {
        return std::nullopt;
    }
    return v;
}

std::int64_t at_most(std::int64_t v, std::int64_t limit) {
    return std::clamp<std::int64_t>(v, 1, std::max<std::int64_t>(limit, 1));
}

}  // namespace

std::optional<Ratio> parse_ratio(const std::string& text) {
    const auto colon = text.find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    auto w = positive_number(text.substr(0, colon));
    auto h = positive_number(text.substr(colon + 1));
    if (!w || !h || *w / *h > kMaxRatio || *h / *w > kMaxRatio) {
        return std::nullopt;
    }
    return Ratio{*w, *h};
}

double cover_scale(WideSize input, WideSize target) {
    return std::max(static_cast<double>(target.width) / static_cast<double>(input.width),
                    static_cast<double>(target.height) / static_cast<double>(input.height));
}

WideSize covering_size(WideSize input, WideSize target) {
    const double scale = cover_scale(input, target);
    return {std::max(target.width, scaled_side(input.width, scale)),
            std::max(target.height, scaled_side(input.height, scale))};
}

WideSize covered_region(WideSize input, WideSize target) {
    const double scale = cover_scale(input, target);
    return {at_most(scaled_side(target.width, 1.0 / scale), input.width),
            at_most(scaled_side(target.height, 1.0 / scale), input.height)};
}

WideSize contained_size(WideSize input, WideSize target, bool only_shrink) {
    const double sx = static_cast<double>(target.width) / static_cast<double>(input.width);
    const double sy = static_cast<double>(target.height) / static_cast<double>(input.height);
    if (only_shrink && sx >= 1.0 && sy >= 1.0) {
        return input;
    }
    if (sx <= sy) {
        return {target.width, at_most(scaled_side(input.height, sx), target.height)};
    }
    return {at_most(scaled_side(input.width, sy), target.width), target.height};
}

WideSize aspect_size(WideSize input, Ratio ratio) {
    const double wanted = ratio.width / ratio.height;
    const double actual = static_cast<double>(input.width) / static_cast<double>(input.height);
    if (actual > wanted) {
        return {at_most(scaled_side(input.height, wanted), input.width), input.height};
    }
    return {input.width, at_most(scaled_side(input.width, 1.0 / wanted), input.height)};
}

}  // namespace lote
