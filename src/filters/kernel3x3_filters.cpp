// Pillow's 3×3 filters (SMOOTH inside nitidez, FIND_EDGES, EMBOSS). Pillow leaves the one-pixel
// border equal to the input and applies the kernel's first row to the row *below* the pixel;
// the kernels here are written out with that orientation.

#include <algorithm>
#include <cstring>
#include <vector>

#include "filters/filter_functions.hpp"
#include "filters/pillow_blend.hpp"
#include "filters/pixel_buffer.hpp"

namespace lote::filters {

namespace {

// Rows above, at and below the pixel; `i` is the sample's index in the row and `s` the pixel
// stride, so i−s and i+s are the same channel of the left and right neighbours.
struct Rows3 {
    const std::uint8_t* above;
    const std::uint8_t* here;
    const std::uint8_t* below;
};

inline int neighbour_sum(const Rows3& r, std::size_t i, std::size_t s) {
    return r.above[i - s] + r.above[i] + r.above[i + s] + r.here[i - s] + r.here[i + s] +
           r.below[i - s] + r.below[i] + r.below[i + s];
}

inline std::uint8_t clamp_sample(int v) {
    return static_cast<std::uint8_t>(std::clamp(v, 0, 255));
}

// Copies the image (border and alpha stay as they are) and replaces the colour samples of the
// interior with `kernel(rows, i, stride)`. Images under 3 px on a side are all border.
template <class Kernel>
vips::VImage filter_interior(const vips::VImage& image, const Kernel& kernel) {
    PixelsIn in = read_pixels(image);
    if (in.width < 3 || in.height < 3) {
        return in.image;
    }
    PixelsOut out = new_pixels(in.width, in.height, in.bands);
    std::memcpy(out.data, in.data, in.row_bytes() * in.height);
    const auto stride = static_cast<std::size_t>(in.bands);
    const int channels = colour_bands_of(in.bands);
    for (int y = 1; y < in.height - 1; ++y) {
        const Rows3 rows{in.row(y - 1), in.row(y), in.row(y + 1)};
        std::uint8_t* q = out.row(y);
        for (int x = 1; x < in.width - 1; ++x) {
            const std::size_t base = x * stride;
            for (int c = 0; c < channels; ++c) {
                q[base + c] = kernel(rows, base + c, stride);
            }
        }
    }
    return out.image;
}

// out[smooth][in] = Pillow's blend of the smoothed and the original sample.
std::vector<std::uint8_t> sharpen_table(double factor) {
    std::vector<std::uint8_t> table(256 * 256);
    for (int smooth = 0; smooth < 256; ++smooth) {
        for (int value = 0; value < 256; ++value) {
            table[smooth * 256 + value] = pillow_blend(smooth, value, factor);
        }
    }
    return table;
}

}  // namespace

vips::VImage nitidez(const vips::VImage& image, const Params& params) {
    const std::vector<std::uint8_t> table = sharpen_table(params.number("factor"));
    const std::uint8_t* blend = table.data();
    return filter_interior(image, [blend](const Rows3& r, std::size_t i, std::size_t s) {
        // SMOOTH = [1 1 1; 1 5 1; 1 1 1] / 13, rounded; a sum/13 is never exactly x.5.
        const int smooth = (neighbour_sum(r, i, s) + 5 * r.here[i] + 6) / 13;
        return blend[smooth * 256 + r.here[i]];
    });
}

vips::VImage bordes(const vips::VImage& image, const Params&) {
    return filter_interior(image, [](const Rows3& r, std::size_t i, std::size_t s) {
        return clamp_sample(8 * r.here[i] - neighbour_sum(r, i, s));
    });
}

vips::VImage relieve(const vips::VImage& image, const Params&) {
    return filter_interior(image, [](const Rows3& r, std::size_t i, std::size_t s) {
        return clamp_sample(r.here[i] - r.below[i - s] + 128);
    });
}

}  // namespace lote::filters
