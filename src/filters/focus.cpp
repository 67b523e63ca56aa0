#include "filters/focus.hpp"

namespace lote {

const std::vector<FocusName>& focus_names() {
    static const std::vector<FocusName> names = [] {
        std::vector<FocusName> list;
        const auto& placements = placement_names();
        list.push_back(
            {placements.front().id, placements.front().english, placements.front().label});
        list.push_back({"atencion", "attention", {"Atención (lo llamativo)", "Attention"}});
        list.push_back({"entropia", "entropy", {"Entropía (el detalle)", "Entropy"}});
        for (std::size_t i = 1; i < placements.size(); ++i) {
            list.push_back({placements[i].id, placements[i].english, placements[i].label});
        }
        return list;
    }();
    return names;
}

std::optional<Focus> focus_named(const std::string& name) {
    if (name == "atencion" || name == "attention") {
        return Focus{Focus::Kind::Attention, {}};
    }
    if (name == "entropia" || name == "entropy") {
        return Focus{Focus::Kind::Entropy, {}};
    }
    if (auto placement = placement_named(name)) {
        return Focus{Focus::Kind::Placed, *placement};
    }
    return std::nullopt;
}

vips::VImage crop_window(const vips::VImage& image, int width, int height, const Focus& focus) {
    if (width == image.width() && height == image.height()) {
        return image;
    }
    if (focus.kind == Focus::Kind::Placed) {
        const Box box =
            place_item(image.width(), image.height(), width, height, focus.placement, 0);
        return image.crop(box.left, box.top, box.width, box.height);
    }
    const VipsInteresting interesting = focus.kind == Focus::Kind::Attention
                                            ? VIPS_INTERESTING_ATTENTION
                                            : VIPS_INTERESTING_ENTROPY;
    return image.smartcrop(width, height, vips::VImage::option()->set("interesting", interesting));
}

}  // namespace lote
