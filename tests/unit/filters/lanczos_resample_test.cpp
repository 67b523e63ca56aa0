// Lanczos (a = 3) resampling against the formula written the plain way, in double precision:
// separable, rows first with the row pass rounded to 8 bits (as Pillow does), each output sample
// the normalised weighted sum of the inputs within 3 · max(1, scale) of its centre. On noise a
// misplaced tap or a wrong support shows up as large differences, so ±1 (fixed-point rounding)
// is the whole allowance.

#include "filters/lanczos_resample.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "filters/geometry.hpp"
#include "test_image.hpp"

namespace lote::test {
namespace {

double sinc(double x) {
    return x == 0.0 ? 1.0 : std::sin(M_PI * x) / (M_PI * x);
}

double lanczos3(double x) {
    return (x >= -3.0 && x < 3.0) ? sinc(x) * sinc(x / 3.0) : 0.0;
}

// The samples and normalised weights of output position `o` along an axis.
struct Weights {
    int first = 0;
    std::vector<double> w;
};

Weights weights_at(int o, int in_size, int out_size) {
    const double scale = static_cast<double>(in_size) / out_size;
    const double filter_scale = std::max(1.0, scale);
    const double support = 3.0 * filter_scale;
    const double centre = (o + 0.5) * scale;
    Weights weights;
    weights.first = std::max(0, static_cast<int>(centre - support + 0.5));
    const int last = std::min(static_cast<int>(centre + support + 0.5), in_size);
    double total = 0;
    for (int i = weights.first; i < last; ++i) {
        weights.w.push_back(lanczos3((i - centre + 0.5) / filter_scale));
        total += weights.w.back();
    }
    for (double& w : weights.w) {
        w /= total;
    }
    return weights;
}

std::uint8_t round_to_sample(double v) {
    return clamp255(std::floor(v + 0.5));
}

// One pass along x (rows) or y (columns), rounded to 8 bits; sizes that do not change are copied.
Img pass(const Img& in, int width, int height, bool along_rows) {
    Img out(width, height, in.bands);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const Weights w =
                along_rows ? weights_at(x, in.width, width) : weights_at(y, in.height, height);
            for (int c = 0; c < in.bands; ++c) {
                if (along_rows ? width == in.width : height == in.height) {
                    out.at(y, x, c) = in.at(y, x, c);
                    continue;
                }
                double sum = 0;
                for (std::size_t k = 0; k < w.w.size(); ++k) {
                    const int i = w.first + static_cast<int>(k);
                    sum += w.w[k] * (along_rows ? in.at(y, i, c) : in.at(i, x, c));
                }
                out.at(y, x, c) = round_to_sample(sum);
            }
        }
    }
    return out;
}

Img reference(const Img& in, int width, int height, bool columns_first = false) {
    if (columns_first) {
        return pass(pass(in, in.width, height, false), width, height, true);
    }
    return pass(pass(in, width, in.height, true), width, height, false);
}

struct Case {
    int in_width, in_height, bands, width, height;
};

// Reductions by small, large and uneven factors (the JPEG shrink leaves 1.2–2×; thumbnails
// reduce 10× and more), enlargements, one axis only, every band count, and rows longer than the
// kernel's chunk of samples and than one strip.
const Case kCases[] = {
    {96, 64, 3, 48, 32},   {97, 61, 3, 50, 29}, {300, 200, 3, 160, 107}, {640, 427, 3, 256, 171},
    {211, 97, 1, 17, 8},   {80, 60, 4, 33, 25}, {70, 50, 2, 23, 49},     {120, 90, 3, 120, 31},
    {120, 90, 3, 41, 90},  {30, 20, 3, 75, 50}, {33, 21, 1, 100, 70},    {40, 30, 3, 13, 77},
    {900, 40, 3, 457, 40}, {5, 300, 3, 5, 123}, {64, 64, 3, 1, 1},       {1, 1, 3, 4, 3},
    {9, 9, 5, 4, 4},
};

TEST(Lanczos3Resample, MatchesTheFormula) {
    for (const Case& c : kCases) {
        const Img in = random_image(c.in_width, c.in_height, c.bands, 11 + c.width);
        const Img ours = from_vips(lanczos3_resample(to_vips(in), c.width, c.height));
        const Img theirs = reference(in, c.width, c.height);
        ASSERT_EQ(ours.width, c.width);
        ASSERT_EQ(ours.height, c.height);
        ASSERT_EQ(ours.bands, c.bands);
        EXPECT_LE(max_difference(ours, theirs), 1)
            << c.in_width << "x" << c.in_height << "x" << c.bands << " -> " << c.width << "x"
            << c.height;
    }
}

// A wide, short result from a tall input whose rows-first intermediate (width × input height)
// would be over the pixel limit: columns go first, and the result is that order's formula.
TEST(Lanczos3Resample, ColumnsFirstWhenTheRowsFirstIntermediateIsOverTheLimit) {
    const Img in = random_image(40, 300, 3, 9);
    Img ours;
    {
        PixelLimitScope limit(90 * 300 - 1);  // under 90x300 (rows first), over 40x30
        ours = from_vips(lanczos3_resample(to_vips(in), 90, 30));
    }
    EXPECT_LE(max_difference(ours, reference(in, 90, 30, /*columns_first=*/true)), 1);
}

// A sequentially read JPEG is pulled through the row pass strip by strip; the result is the one
// the whole decoded image gives, and a truncated file is an error, not a partial image.
TEST(Lanczos3Resample, StreamsASequentialDecode) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("lote-lanczos-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "in.jpg").string();
    to_vips(random_image(700, 530, 3, 5)).jpegsave(path.c_str());
    const auto sequential = vips::VImage::new_from_file(
        path.c_str(), vips::VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL));
    const auto whole = vips::VImage::new_from_file(path.c_str()).copy_memory();
    EXPECT_EQ(max_difference(from_vips(lanczos3_resample(sequential, 256, 194)),
                             from_vips(lanczos3_resample(whole, 256, 194))),
              0);

    const std::string cut = (dir / "cut.jpg").string();
    {
        void* bytes = nullptr;
        std::size_t size = 0;
        whole.write_to_buffer(".jpg", &bytes, &size);
        FILE* f = std::fopen(cut.c_str(), "wb");
        std::fwrite(bytes, 1, size / 3, f);
        std::fclose(f);
        g_free(bytes);
    }
    const auto truncated =
        vips::VImage::new_from_file(cut.c_str(), vips::VImage::option()
                                                     ->set("access", VIPS_ACCESS_SEQUENTIAL)
                                                     ->set("fail_on", VIPS_FAIL_ON_TRUNCATED));
    EXPECT_THROW(lanczos3_resample(truncated, 256, 194), vips::VError);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lote::test
