// Pillow's 3×3 filters (SMOOTH inside nitidez, FIND_EDGES, EMBOSS). Pillow leaves the one-pixel
// border equal to the input and applies the kernel's first row to the row *below* the pixel;
// the kernels here are written out with that orientation.

#include <cstring>
#include <vector>

#include "filters/filter_functions.hpp"
#include "filters/pillow_blend.hpp"
#include "filters/pixel_buffer.hpp"
#include "filters/row_kernels.hpp"

namespace lote::filters {

namespace {

// Rows above, at and below the pixel, each pointing at the first interior sample (x = 1).
struct Rows3 {
    const std::uint8_t* above;
    const std::uint8_t* here;
    const std::uint8_t* below;
};

// The one-pixel frame keeps the input's samples.
void copy_frame(const PixelsIn& in, PixelsOut& out) {
    const std::size_t row = in.row_bytes();
    const std::size_t stride = static_cast<std::size_t>(in.bands);
    std::memcpy(out.row(0), in.row(0), row);
    std::memcpy(out.row(in.height - 1), in.row(in.height - 1), row);
    for (int y = 1; y < in.height - 1; ++y) {
        std::memcpy(out.row(y), in.row(y), stride);
        std::memcpy(out.row(y) + row - stride, in.row(y) + row - stride, stride);
    }
}

// A trailing alpha band is not filtered: put the input's back over what the kernel wrote.
void restore_alpha_row(const std::uint8_t* in, std::uint8_t* out, int width, int bands) {
    for (int x = 1; x < width - 1; ++x) {
        out[x * bands + bands - 1] = in[x * bands + bands - 1];
    }
}

// Copies the frame of the image and fills the interior with `kernel(rows, stride, count, out)`,
// which computes `count` contiguous samples (every band; alpha is restored afterwards). Images
// under 3 px on a side are all frame.
template <class RowKernel>
vips::VImage filter_interior(const vips::VImage& image, const RowKernel& kernel) {
    PixelsIn in = read_pixels(image);
    if (in.width < 3 || in.height < 3) {
        return in.image;
    }
    PixelsOut out = new_pixels(in.width, in.height, in.bands);
    copy_frame(in, out);
    const auto stride = static_cast<std::size_t>(in.bands);
    const std::size_t count = in.row_bytes() - 2 * stride;
    for (int y = 1; y < in.height - 1; ++y) {
        const Rows3 rows{in.row(y - 1) + stride, in.row(y) + stride, in.row(y + 1) + stride};
        kernel(rows, stride, count, out.row(y) + stride);
        if (has_alpha(in.bands)) {
            restore_alpha_row(in.row(y), out.row(y), in.width, in.bands);
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
    std::vector<std::uint8_t> smooth;
    return filter_interior(image,
                           [&](const Rows3& r, std::size_t s, std::size_t n, std::uint8_t* out) {
                               smooth.resize(n);
                               kernels::smooth_run(r.above, r.here, r.below, s, n, smooth.data());
                               kernels::lookup2_run(smooth.data(), r.here, n, table.data(), out);
                           });
}

vips::VImage bordes(const vips::VImage& image, const Params&) {
    return filter_interior(image,
                           [](const Rows3& r, std::size_t s, std::size_t n, std::uint8_t* out) {
                               kernels::edges_run(r.above, r.here, r.below, s, n, out);
                           });
}

vips::VImage relieve(const vips::VImage& image, const Params&) {
    return filter_interior(image,
                           [](const Rows3& r, std::size_t s, std::size_t n, std::uint8_t* out) {
                               kernels::emboss_run(r.here, r.below, s, n, out);
                           });
}

}  // namespace lote::filters
