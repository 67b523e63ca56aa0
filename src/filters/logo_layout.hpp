#pragma once
// How large the `logo` step draws the logo on an image, apart from any pixel.

#include "filters/geometry.hpp"

namespace lote {

// `percent` of the image's width wide (rounded, at least 1 px), its height from the logo's own
// aspect ratio; made smaller, keeping that ratio, only when it would not fit inside the image
// less `margin` pixels on every side.
Size logo_size(Size image, Size logo, double percent, int margin);

}  // namespace lote
