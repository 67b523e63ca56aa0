#include "filters/placement.hpp"

#include <algorithm>
#include <cmath>

namespace lote {

const std::vector<PlacementName>& placement_names() {
    static const std::vector<PlacementName> names = {
        {"centro", "center", {"Centro", "Centre"}, {0, 0}},
        {"arriba-izquierda", "top-left", {"Arriba a la izquierda", "Top left"}, {-1, -1}},
        {"arriba", "top", {"Arriba", "Top"}, {0, -1}},
        {"arriba-derecha", "top-right", {"Arriba a la derecha", "Top right"}, {1, -1}},
        {"izquierda", "left", {"Izquierda", "Left"}, {-1, 0}},
        {"derecha", "right", {"Derecha", "Right"}, {1, 0}},
        {"abajo-izquierda", "bottom-left", {"Abajo a la izquierda", "Bottom left"}, {-1, 1}},
        {"abajo", "bottom", {"Abajo", "Bottom"}, {0, 1}},
        {"abajo-derecha", "bottom-right", {"Abajo a la derecha", "Bottom right"}, {1, 1}},
    };
    return names;
}

std::optional<Placement> placement_named(const std::string& name) {
    for (const auto& n : placement_names()) {
        if (name == n.id || name == n.english) {
            return n.placement;
        }
    }
    return std::nullopt;
}

int margin_pixels(int canvas_width, int canvas_height, double percent, Placement where) {
    if (where.centred()) {
        return 0;
    }
    const double shorter = std::min(canvas_width, canvas_height);
    return static_cast<int>(std::lround(shorter * percent / 100.0));
}

namespace {

// The start of an item of `size` on an axis of `length`: third -1 = against the start, 0 =
// centred, 1 = against the end, `margin` pixels from the side it sits against.
int axis_start(int length, int size, int third, int margin) {
    const int centred = (length - size) / 2;
    if (third == 0 || size + margin > length) {
        return centred;
    }
    return third < 0 ? margin : length - size - margin;
}

}  // namespace

Box place_item(int canvas_width, int canvas_height, int item_width, int item_height,
               Placement where, int margin) {
    return {axis_start(canvas_width, item_width, where.horizontal, margin),
            axis_start(canvas_height, item_height, where.vertical, margin), item_width,
            item_height};
}

}  // namespace lote
