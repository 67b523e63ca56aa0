#pragma once
// `foco`: where a crop window is taken from. Centred, against a side or a corner (the nine
// placements), or where libvips' smartcrop finds the most interesting area: `atencion` looks for
// skin, saturated colour and edges, `entropia` for the busiest detail.

#include <optional>
#include <string>
#include <vector>
#include <vips/vips8>

#include "filters/label.hpp"
#include "filters/placement.hpp"

namespace lote {

struct Focus {
    enum class Kind { Placed, Attention, Entropy };
    Kind kind = Kind::Placed;
    Placement placement;  // Placed
};

struct FocusName {
    std::string id;
    std::string english;
    Label label;
};

// centro, atencion, entropia, then the other eight placements.
const std::vector<FocusName>& focus_names();
std::optional<Focus> focus_named(const std::string& name);

// The `width` × `height` window of `image` (which must be at least that large) chosen by `focus`.
vips::VImage crop_window(const vips::VImage& image, int width, int height, const Focus& focus);

}  // namespace lote
