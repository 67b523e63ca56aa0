#pragma once
// Where something goes on an image: the nine placements of a watermark or a logo (also the
// gravities of a crop and of the image on a padded canvas), and the margin kept from the edges.

#include <optional>
#include <string>
#include <vector>

#include "filters/label.hpp"

namespace lote {

// Horizontal and vertical thirds: -1 = left/top, 0 = centre, 1 = right/bottom.
struct Placement {
    int horizontal = 0;
    int vertical = 0;
    bool centred() const { return horizontal == 0 && vertical == 0; }
};

struct PlacementName {
    const char* id;       // the protocol value (Spanish): "abajo-derecha"
    const char* english;  // its alias: "bottom-right"
    Label label;
    Placement placement;
};

// centro first, then row by row from the top left.
const std::vector<PlacementName>& placement_names();
// By Spanish id or English alias.
std::optional<Placement> placement_named(const std::string& name);

// A rectangle in pixels.
struct Box {
    int left = 0;
    int top = 0;
    int width = 0;
    int height = 0;
    bool operator==(const Box&) const = default;
};

// The margin in pixels for `percent` of the shorter side (rounded; 0 for a centred item).
int margin_pixels(int canvas_width, int canvas_height, double percent, Placement where);
// The item's box on the canvas: against the named sides at `margin` pixels, centred on the other
// axis. An item larger than the canvas (less the margins) is centred on that axis instead of
// leaving it on the far side.
Box place_item(int canvas_width, int canvas_height, int item_width, int item_height,
               Placement where, int margin);

}  // namespace lote
