#include "pipeline/shrink_on_load.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace lote {

namespace {

bool starts_with(const Chain& chain, const char* filter_id) {
    return !chain.steps.empty() && chain.steps.front().filter != nullptr &&
           chain.steps.front().filter->id == filter_id;
}

bool starts_with_fit(const Chain& chain) {
    return starts_with(chain, "ajustar");
}

WantedSize wanted(Size size) {
    return {size.width, size.height};
}

// The size the chain's first step would produce from the original, if it is a fit (not checked:
// the step itself refuses a size that is too large, when it runs).
std::optional<WantedSize> fit_target(Size original, const Chain& chain) {
    if (!starts_with_fit(chain)) {
        return std::nullopt;
    }
    return fitted_size(wanted(original), chain.steps.front().params);
}

}  // namespace

int choose_shrink(Size original, const std::vector<const Chain*>& chains) {
    if (chains.empty()) {
        return 1;
    }
    WantedSize needed;
    for (const Chain* chain : chains) {
        auto target = fit_target(original, *chain);
        if (!target) {
            return 1;
        }
        needed.width = std::max(needed.width, target->width);
        needed.height = std::max(needed.height, target->height);
    }
    // Decoders round the shrunk size up; rounding down here keeps the margin on the safe side.
    for (int shrink : std::array{8, 4, 2}) {
        if (original.width / shrink >= needed.width && original.height / shrink >= needed.height) {
            return shrink;
        }
    }
    return 1;
}

vips::VImage apply_chain_after_shrink(const vips::VImage& image, Size original, int shrink,
                                      const Chain& chain) {
    auto target = fit_target(original, chain);
    if (shrink <= 1 || !target) {
        return apply_chain(image, chain);
    }
    return apply_chain(resize_exactly(image, checked_size("ajustar", *target)),
                       chain_after_first_step(chain));
}

std::optional<Size> leading_reduction(Size original, int shrink, const Chain& chain) {
    std::optional<WantedSize> target = fit_target(original, chain);
    if (!target && shrink <= 1 && starts_with(chain, "redimensionar")) {
        target = percent_size(wanted(original), chain.steps.front().params.number("porcentaje"));
    }
    if (!target) {
        return std::nullopt;
    }
    // The decoder may round the shrunk size up, never down: the floor is a safe bound. A target
    // inside it is reached by libvips' resize alone (no enlargement, no oversized result).
    Size decoded{original.width / std::max(shrink, 1), original.height / std::max(shrink, 1)};
    bool inside = target->width <= decoded.width && target->height <= decoded.height;
    bool smaller = target->width < original.width || target->height < original.height;
    if (!inside || !smaller) {
        return std::nullopt;
    }
    // Inside a decoded image, so a valid size.
    return Size{static_cast<int>(target->width), static_cast<int>(target->height)};
}

Chain chain_after_first_step(const Chain& chain) {
    if (chain.steps.empty()) {
        return chain;
    }
    return Chain{chain.name, std::vector<Step>(chain.steps.begin() + 1, chain.steps.end())};
}

}  // namespace lote
