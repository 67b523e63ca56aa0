// Point operations over the evaluated pixels: a lookup table where the output of a sample
// depends on that sample only, a small vectorised integer kernel where it depends on the three
// colour samples of a pixel (grises, sepia).

#include <array>
#include <cstdint>

#include "filters/filter_functions.hpp"
#include "filters/pillow_blend.hpp"
#include "filters/pixel_buffer.hpp"
#include "filters/row_kernels.hpp"

namespace lote::filters {

namespace {

using Table = std::array<std::uint8_t, 256>;

// Runs `kernel(in, samples, out)` over every sample of the evaluated pixels into a new image; a
// trailing alpha band then gets its own samples back.
template <class Kernel>
vips::VImage map_colour_samples(const PixelsIn& in, const Kernel& kernel) {
    PixelsOut out = new_pixels(in.width, in.height, in.bands);
    const std::size_t samples = in.row_bytes() * in.height;
    kernel(in.data, samples, out.data);
    if (has_alpha(in.bands)) {
        for (std::size_t i = in.bands - 1; i < samples; i += in.bands) {
            out.data[i] = in.data[i];
        }
    }
    if (out.image.interpretation() == in.image.interpretation()) {
        return out.image;  // stays a plain memory image: the next filter reads it without a copy
    }
    return out.image.copy(vips::VImage::option()->set("interpretation", in.image.interpretation()));
}

// Applies `table` to the colour bands.
vips::VImage map_colour_samples(const PixelsIn& in, const Table& table) {
    return map_colour_samples(in, [&](const std::uint8_t* from, std::size_t n, std::uint8_t* to) {
        kernels::lookup_run(from, n, table.data(), to);
    });
}

vips::VImage map_colour_samples(const vips::VImage& image, const Table& table) {
    return map_colour_samples(read_pixels(image), table);
}

std::size_t pixel_count(const PixelsIn& in) {
    return static_cast<std::size_t>(in.width) * in.height;
}

// Sum of the grises image over all pixels, as Pillow's ImageStat sees it.
double mean_luma(const PixelsIn& in) {
    const int colour = colour_bands_of(in.bands);
    const double pixels = static_cast<double>(in.width) * in.height;
    if (in.bands == 3) {
        return static_cast<double>(kernels::luma_rgb_sum(in.data, pixel_count(in))) / pixels;
    }
    std::uint64_t sum = 0;
    for (int y = 0; y < in.height; ++y) {
        const std::uint8_t* p = in.row(y);
        for (int x = 0; x < in.width; ++x, p += in.bands) {
            sum += colour >= 3 ? kernels::luma(p[0], p[1], p[2]) : p[0];
        }
    }
    return static_cast<double>(sum) / pixels;
}

}  // namespace

vips::VImage invertir(const vips::VImage& image, const Params&) {
    return map_colour_samples(read_pixels(image), kernels::invert_run);
}

vips::VImage posterizar(const vips::VImage& image, const Params& params) {
    const auto bits = static_cast<int>(params.integer("bits"));
    const auto mask = static_cast<std::uint8_t>(~((1 << (8 - bits)) - 1) & 0xff);
    return map_colour_samples(read_pixels(image),
                              [mask](const std::uint8_t* from, std::size_t n, std::uint8_t* to) {
                                  kernels::mask_run(from, n, mask, to);
                              });
}

vips::VImage brillo(const vips::VImage& image, const Params& params) {
    const double factor = params.number("factor");
    Table table;
    for (int v = 0; v < 256; ++v) {
        table[v] = pillow_blend(0, v, factor);
    }
    return map_colour_samples(image, table);
}

vips::VImage contraste(const vips::VImage& image, const Params& params) {
    const double factor = params.number("factor");
    PixelsIn in = read_pixels(image);
    const int mean = static_cast<int>(mean_luma(in) + 0.5);
    Table table;
    for (int v = 0; v < 256; ++v) {
        table[v] = pillow_blend(mean, v, factor);
    }
    return map_colour_samples(in, table);
}

vips::VImage grises(const vips::VImage& image, const Params&) {
    if (colour_bands_of(image.bands()) < 3) {
        return image;
    }
    PixelsIn in = read_pixels(image);
    const bool alpha = has_alpha(in.bands);
    PixelsOut out = new_pixels(in.width, in.height, alpha ? 2 : 1);
    if (in.bands == 3) {
        kernels::luma_rgb_run(in.data, pixel_count(in), out.data);
        return out.image;
    }
    for (int y = 0; y < in.height; ++y) {
        const std::uint8_t* p = in.row(y);
        std::uint8_t* q = out.row(y);
        for (int x = 0; x < in.width; ++x, p += in.bands, q += out.bands) {
            q[0] = kernels::luma(p[0], p[1], p[2]);
            if (alpha) {
                q[1] = p[3];
            }
        }
    }
    return out.image;
}

vips::VImage sepia(const vips::VImage& image, const Params&) {
    PixelsIn in = read_pixels(image);
    const bool alpha = has_alpha(in.bands);
    const bool grey = colour_bands_of(in.bands) < 3;
    PixelsOut out = new_pixels(in.width, in.height, alpha ? 4 : 3);
    if (in.bands == 3) {
        kernels::sepia_rgb_run(in.data, pixel_count(in), out.data);
        return out.image;
    }
    for (int y = 0; y < in.height; ++y) {
        const std::uint8_t* p = in.row(y);
        std::uint8_t* q = out.row(y);
        for (int x = 0; x < in.width; ++x, p += in.bands, q += out.bands) {
            const int r = p[0];
            const int g = grey ? p[0] : p[1];
            const int b = grey ? p[0] : p[2];
            q[0] = kernels::sepia_sample(0, r, g, b);
            q[1] = kernels::sepia_sample(1, r, g, b);
            q[2] = kernels::sepia_sample(2, r, g, b);
            if (alpha) {
                q[3] = p[in.bands - 1];
            }
        }
    }
    return out.image;
}

}  // namespace lote::filters
