// invertir, grises, brillo, contraste, sepia, posterizar against the spec's formulas, computed
// here sample by sample.

#include <gtest/gtest.h>

#include <cmath>

#include "test_image.hpp"

namespace lote::test {
namespace {

int luma(int r, int g, int b) {
    return (r * 19595 + g * 38470 + b * 7471 + 32768) >> 16;
}

TEST(Invertir, IsTwoFiftyFiveMinusEveryColourSample) {
    const Img in = random_image(7, 5, 3);
    const Img out = run("invertir", in);
    ASSERT_EQ(out.bands, 3);
    for (std::size_t i = 0; i < in.data.size(); ++i) {
        ASSERT_EQ(out.data[i], 255 - in.data[i]) << i;
    }
}

TEST(Invertir, InvertsGreyscaleToo) {
    const Img in = random_image(4, 3, 1);
    const Img out = run("invert", in);
    ASSERT_EQ(out.bands, 1);
    for (std::size_t i = 0; i < in.data.size(); ++i) {
        ASSERT_EQ(out.data[i], 255 - in.data[i]);
    }
}

TEST(Grises, IsFixedPointLumaInOneBand) {
    Img in = random_image(7, 5, 3);
    in.at(0, 0, 0) = 255, in.at(0, 0, 1) = 255, in.at(0, 0, 2) = 255;
    in.at(0, 1, 0) = 0, in.at(0, 1, 1) = 0, in.at(0, 1, 2) = 0;
    const Img out = run("grises", in);
    ASSERT_EQ(out.bands, 1);
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            ASSERT_EQ(out.at(y, x, 0), luma(in.at(y, x, 0), in.at(y, x, 1), in.at(y, x, 2)));
        }
    }
    EXPECT_EQ(out.at(0, 0, 0), 255);
    EXPECT_EQ(out.at(0, 1, 0), 0);
}

TEST(Grises, IsIdentityOnGreyscale) {
    const Img in = random_image(5, 4, 1);
    EXPECT_EQ(run("grises", in).data, in.data);
    const Img grey_alpha = random_image(5, 4, 2);
    EXPECT_EQ(run("grises", grey_alpha).data, grey_alpha.data);
}

TEST(Brillo, IsClampedTruncatedProduct) {
    const Img in = random_image(16, 16, 3);
    for (double factor : {0.0, 0.3, 1.0, 1.5, 2.7, 10.0}) {
        const Img out = run("brillo", in, {{"factor", factor}});
        for (std::size_t i = 0; i < in.data.size(); ++i) {
            const int expected = clamp255(std::trunc(in.data[i] * factor));
            ASSERT_LE(std::abs(out.data[i] - expected), 1)
                << "factor " << factor << " sample " << i;
        }
    }
}

TEST(Brillo, TruncatesRatherThanRounds) {
    Img in(1, 1, 1);
    in.data = {3};
    // 3 × 1.5 = 4.5: trunc gives 4, round would give 5.
    EXPECT_EQ(run("brillo", in, {{"factor", 1.5}}).data[0], 4);
}

double mean_luma(const Img& in) {
    double sum = 0;
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            sum += in.bands >= 3 ? luma(in.at(y, x, 0), in.at(y, x, 1), in.at(y, x, 2))
                                 : in.at(y, x, 0);
        }
    }
    return sum / (in.width * in.height);
}

TEST(Contraste, PushesAwayFromTheRoundedMeanLuma) {
    const Img in = random_image(9, 7, 3, 11);
    const int m = static_cast<int>(std::floor(mean_luma(in) + 0.5));
    for (double factor : {0.0, 0.5, 1.5, 4.0}) {
        const Img out = run("contraste", in, {{"factor", factor}});
        for (std::size_t i = 0; i < in.data.size(); ++i) {
            const int expected = clamp255(std::trunc(m + factor * (in.data[i] - m)));
            ASSERT_LE(std::abs(out.data[i] - expected), 1)
                << "factor " << factor << " sample " << i;
        }
    }
    // Factor 0 gives the flat mean image.
    const Img flat = run("contraste", in, {{"factor", 0}});
    for (auto v : flat.data) {
        ASSERT_EQ(v, m);
    }
}

TEST(Contraste, UsesTheGreyMeanOfAGreyscaleImage) {
    const Img in = random_image(6, 6, 1, 5);
    const int m = static_cast<int>(std::floor(mean_luma(in) + 0.5));
    const Img out = run("contraste", in, {{"factor", 0}});
    ASSERT_EQ(out.bands, 1);
    EXPECT_EQ(out.data[0], m);
}

int sepia_channel(double kr, double kg, double kb, int r, int g, int b) {
    return std::min(255, static_cast<int>(std::trunc(kr * r + kg * g + kb * b)));
}

TEST(Sepia, IsTheTruncatedMatrixCappedAt255) {
    Img in = random_image(7, 5, 3, 3);
    in.at(0, 0, 0) = 255, in.at(0, 0, 1) = 255, in.at(0, 0, 2) = 255;
    const Img out = run("sepia", in);
    ASSERT_EQ(out.bands, 3);
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            const int r = in.at(y, x, 0), g = in.at(y, x, 1), b = in.at(y, x, 2);
            EXPECT_NEAR(out.at(y, x, 0), sepia_channel(0.393, 0.769, 0.189, r, g, b), 1);
            EXPECT_NEAR(out.at(y, x, 1), sepia_channel(0.349, 0.686, 0.168, r, g, b), 1);
            EXPECT_NEAR(out.at(y, x, 2), sepia_channel(0.272, 0.534, 0.131, r, g, b), 1);
        }
    }
    EXPECT_EQ(out.at(0, 0, 0), 255);
    EXPECT_EQ(out.at(0, 0, 2), 238);  // trunc(0.937 · 255) = trunc(238.935)
}

TEST(Sepia, TurnsGreyscaleIntoThreeBands) {
    Img in(2, 1, 1);
    in.data = {100, 200};
    const Img out = run("sepia", in);
    ASSERT_EQ(out.bands, 3);
    EXPECT_EQ(out.at(0, 0, 0), 135);  // trunc(1.351 · 100)
    EXPECT_EQ(out.at(0, 0, 1), 120);  // trunc(1.203 · 100) = 120
    EXPECT_EQ(out.at(0, 0, 2), 93);   // trunc(0.937 · 100) = 93
    EXPECT_EQ(out.at(0, 1, 0), 255);
}

TEST(Posterizar, KeepsTheTopBits) {
    const Img in = random_image(16, 16, 3, 9);
    for (int bits = 1; bits <= 8; ++bits) {
        const Img out = run("posterizar", in, {{"bits", bits}});
        const int keep = 0xff & ~((1 << (8 - bits)) - 1);
        for (std::size_t i = 0; i < in.data.size(); ++i) {
            ASSERT_EQ(out.data[i], in.data[i] & keep) << "bits " << bits;
        }
    }
    Img one(1, 1, 1);
    one.data = {0xb7};
    EXPECT_EQ(run("posterize", one, {{"bits", 2}}).data[0], 0x80);
}

}  // namespace
}  // namespace lote::test
