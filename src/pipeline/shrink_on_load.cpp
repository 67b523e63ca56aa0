#include "pipeline/shrink_on_load.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace lote {

namespace {

bool starts_with_fit(const Chain& chain) {
    return !chain.steps.empty() && chain.steps.front().filter != nullptr &&
           chain.steps.front().filter->id == "ajustar";
}

// The size the chain's first step would produce from the original, if it is a fit.
std::optional<Size> fit_target(Size original, const Chain& chain) {
    if (!starts_with_fit(chain)) {
        return std::nullopt;
    }
    return fitted_size(original, chain.steps.front().params);
}

}  // namespace

int choose_shrink(Size original, const std::vector<const Chain*>& chains) {
    if (chains.empty()) {
        return 1;
    }
    Size needed;
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
    Chain rest{chain.name, std::vector<Step>(chain.steps.begin() + 1, chain.steps.end())};
    return apply_chain(resize_exactly(image, *target), rest);
}

}  // namespace lote
