#include "pipeline/samples.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <vips/vips8>

#include "pipeline/atomic_write.hpp"
#include "pipeline/encode_image.hpp"

namespace lote {

namespace {

using vips::VImage;
using Colour = std::vector<double>;

// std::mt19937_64's sequence is fixed by the standard (the distributions are not), so values are
// drawn from it directly to stay identical across standard libraries.
class Dice {
  public:
    explicit Dice(std::uint64_t seed) : engine_(seed) {}
    int below(int n) {
        return static_cast<int>(engine_() % static_cast<std::uint64_t>(std::max(n, 1)));
    }
    double unit() { return static_cast<double>(engine_() >> 11) / 9007199254740992.0; }  // [0, 1)
    Colour colour() { return {double(below(256)), double(below(256)), double(below(256))}; }

  private:
    std::mt19937_64 engine_;
};

struct Canvas {
    int width;
    int height;
};

VImage srgb(const VImage& image) {
    return image.cast(VIPS_FORMAT_UCHAR)
        .copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

// Blends two colours by a 0..1 weight image, band by band.
VImage blend(const VImage& weight, const Colour& from, const Colour& to) {
    VImage out;
    for (std::size_t band = 0; band < 3; ++band) {
        VImage channel = weight.linear(to[band] - from[band], from[band]);
        out = band == 0 ? channel : out.bandjoin(channel);
    }
    return srgb(out);
}

VImage x_of(Canvas c) {
    return VImage::xyz(c.width, c.height).extract_band(0);
}
VImage y_of(Canvas c) {
    return VImage::xyz(c.width, c.height).extract_band(1);
}

// Position along a direction at `angle`, scaled to about 0..1 over the picture.
VImage along(Canvas c, double angle) {
    double cx = std::cos(angle), sy = std::sin(angle);
    double span = std::abs(cx) * c.width + std::abs(sy) * c.height;
    VImage t = x_of(c).linear(cx / span, 0) + y_of(c).linear(sy / span, 0);
    return t - t.min();
}

VImage distance_from(Canvas c, double px, double py) {
    VImage dx = x_of(c).linear(1, -px);
    VImage dy = y_of(c).linear(1, -py);
    return (dx * dx + dy * dy).pow(0.5);
}

VImage linear_gradient(Canvas c, Dice& dice) {
    return blend(along(c, dice.unit() * 2 * M_PI), dice.colour(), dice.colour());
}

VImage radial_gradient(Canvas c, Dice& dice) {
    double px = dice.unit() * c.width, py = dice.unit() * c.height;
    VImage d = distance_from(c, px, py);
    return blend(d / d.max(), dice.colour(), dice.colour());
}

VImage shapes(Canvas c, Dice& dice) {
    VImage canvas = blend(along(c, M_PI / 2), dice.colour(), dice.colour()).copy_memory();
    int side = std::min(c.width, c.height);
    for (int i = 0, n = 4 + dice.below(8); i < n; ++i) {
        if (dice.below(2) == 0) {
            int w = 1 + dice.below(std::max(1, c.width / 3)),
                h = 1 + dice.below(std::max(1, c.height / 3));
            canvas.draw_rect(dice.colour(), dice.below(c.width), dice.below(c.height), w, h,
                             VImage::option()->set("fill", true));
        } else {
            canvas.draw_circle(dice.colour(), dice.below(c.width), dice.below(c.height),
                               1 + dice.below(std::max(1, side / 4)),
                               VImage::option()->set("fill", true));
        }
    }
    return canvas;
}

// Alternating cells (checkerboards), bands (stripes) or rings (circles), from a cell index image.
VImage two_colours(const VImage& index, Dice& dice) {
    VImage odd = (index.floor() % 2) == 1;
    return srgb(odd.ifthenelse(dice.colour(), dice.colour()));
}

VImage checkerboard(Canvas c, Dice& dice) {
    double cell = 8 + dice.below(std::max(1, std::min(c.width, c.height) / 6));
    return two_colours((x_of(c) / cell).floor() + (y_of(c) / cell).floor(), dice);
}

VImage stripes(Canvas c, Dice& dice) {
    double period = 4 + dice.below(40);
    return two_colours(along(c, dice.unit() * M_PI) * (std::max(c.width, c.height) / period), dice);
}

VImage circles(Canvas c, Dice& dice) {
    double ring = 6 + dice.below(40);
    return two_colours(distance_from(c, c.width / 2.0, c.height / 2.0) / ring, dice);
}

struct SampleKind {
    const char* name;
    std::function<VImage(Canvas, Dice&)> draw;
};

const std::array<SampleKind, 6>& kinds() {
    static const std::array<SampleKind, 6> all{{{"gradient", linear_gradient},
                                                {"shapes", shapes},
                                                {"checkerboard", checkerboard},
                                                {"radial", radial_gradient},
                                                {"stripes", stripes},
                                                {"circles", circles}}};
    return all;
}

std::string sample_name(int index, const char* kind) {
    char number[16];
    std::snprintf(number, sizeof number, "%03d", index);
    return std::string("sample_") + number + "_" + kind + ".jpg";
}

Status write_sample(const std::filesystem::path& file, const VImage& picture) {
    SaveOptions options;
    options.quality = 90;
    auto bytes = encode_image(picture, Format::Jpeg, options);
    if (!bytes) {
        return fail(bytes.message());
    }
    return write_file_atomically(file.string(), *bytes);
}

}  // namespace

Status check_sample_request(int count, int width, int height) {
    if (count < 1 || count > kMaxSampleCount) {
        return fail("--count must be between 1 and " + std::to_string(kMaxSampleCount) + " (got " +
                    std::to_string(count) + ")");
    }
    if (width < 1 || height < 1 || width > kMaxSampleSide || height > kMaxSampleSide) {
        return fail("--size must be between 1x1 and " + std::to_string(kMaxSampleSide) + "x" +
                    std::to_string(kMaxSampleSide) + " (got " + std::to_string(width) + "x" +
                    std::to_string(height) + ")");
    }
    return Status::success();
}

Status generate_samples(const std::string& folder, int count, int width, int height,
                        std::uint64_t seed) {
    if (Status request = check_sample_request(count, width, height); !request) {
        return request;
    }
    for (int i = 1; i <= count; ++i) {
        // Each picture has its own stream, so picture i is the same whatever the count.
        Dice dice(seed * 1000003u + static_cast<std::uint64_t>(i));
        const SampleKind& kind = kinds()[static_cast<std::size_t>(i - 1) % kinds().size()];
        std::filesystem::path file = std::filesystem::path(folder) / sample_name(i, kind.name);
        try {
            if (Status written = write_sample(file, kind.draw({width, height}, dice)); !written) {
                return fail(file.string() + ": " + written.message());
            }
        } catch (const vips::VError& e) {
            return fail(file.string() + ": " + e.what());
        }
    }
    return Status::success();
}

}  // namespace lote
