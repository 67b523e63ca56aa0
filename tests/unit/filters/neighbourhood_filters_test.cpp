// blur, nitidez, bordes and relieve against straightforward references written here: direct
// sums over clamped neighbours (no running sums), the 3×3 border rule, relieve's neighbour.

#include <gtest/gtest.h>

#include <cmath>

#include "filters/box_blur.hpp"
#include "test_image.hpp"

namespace lote::test {
namespace {

// One extended-box pass along x (transpose=false) or y, by direct summation.
Img box_pass(const Img& in, double r, bool along_y) {
    const int whole = static_cast<int>(r);
    // Pillow evaluates 2^24 / (2r + 1) in single precision before truncating; for r = 0.25
    // (radio 1) that is one unit more than the floor of the exact quotient the spec writes.
    const auto w = static_cast<std::uint64_t>(16777216.0f / static_cast<float>(2 * r + 1));
    const std::uint64_t f = (16777216 - (2 * whole + 1) * w) / 2;
    Img out(in.width, in.height, in.bands);
    auto sample = [&](int y, int x, int c, int d) {
        return along_y ? in.clamped(y + d, x, c) : in.clamped(y, x + d, c);
    };
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            for (int c = 0; c < in.bands; ++c) {
                std::uint64_t bulk = 0;
                for (int d = -whole; d <= whole; ++d) {
                    bulk += sample(y, x, c, d) * w;
                }
                bulk += (sample(y, x, c, -whole - 1) + sample(y, x, c, whole + 1)) * f;
                out.at(y, x, c) = static_cast<std::uint8_t>((bulk + (1u << 23)) >> 24);
            }
        }
    }
    return out;
}

double box_radius(double radius) {
    const double sigma2 = radius * radius / 3;
    const double big_l = std::sqrt(12 * sigma2 + 1);
    const double l = std::floor((big_l - 1) / 2);
    const double a = (2 * l + 1) * (l * (l + 1) - 3 * sigma2) / (6 * (sigma2 - (l + 1) * (l + 1)));
    return l + a;
}

Img reference_blur(const Img& in, double radius) {
    const double r = box_radius(radius);
    Img img = in;
    for (int i = 0; i < 3; ++i) img = box_pass(img, r, false);
    for (int i = 0; i < 3; ++i) img = box_pass(img, r, true);
    return img;
}

TEST(Blur, BoxRadiusFollowsTheFormula) {
    EXPECT_NEAR(extended_box_radius(5.0f, 3), 4.45, 0.01);
    for (double radius : {0.3, 1.0, 2.5, 5.0, 17.2, 100.0}) {
        EXPECT_NEAR(extended_box_radius(static_cast<float>(radius), 3), box_radius(radius), 1e-4)
            << radius;
    }
}

TEST(Blur, MatchesTheExtendedBoxReference) {
    const Img in = random_image(23, 17, 3, 21);
    for (double radius : {0.4, 1.0, 2.7, 5.0, 9.3}) {
        const Img expected = reference_blur(in, radius);
        const Img out = run("blur", in, {{"radio", radius}});
        EXPECT_EQ(max_difference(out, expected), 0) << "radio " << radius;
    }
}

TEST(Blur, RadiusLargerThanTheImageRepeatsTheEdges) {
    const Img in = random_image(5, 4, 1, 2);
    const Img out = run("blur", in, {{"radio", 40}});
    EXPECT_EQ(max_difference(out, reference_blur(in, 40)), 0);
}

// Big enough that the column passes run in several strips on both the transposed and the
// upright image, with a last strip narrower than the others.
TEST(Blur, ImagesWiderThanOneStripMatchTheReference) {
    const Img in = random_image(1500, 403, 3, 5);
    EXPECT_EQ(max_difference(run("blur", in, {{"radio", 2.5}}), reference_blur(in, 2.5)), 0);
}

TEST(Blur, AlphaIsKeptAndColourBlurred) {
    const Img in = random_image(700, 130, 4, 8);
    Img colour(in.width, in.height, 3);
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            for (int c = 0; c < 3; ++c) colour.at(y, x, c) = in.at(y, x, c);
        }
    }
    const Img expected = reference_blur(colour, 3.0);
    const Img out = run("blur", in, {{"radio", 3.0}});
    ASSERT_EQ(out.bands, 4);
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            ASSERT_EQ(out.at(y, x, 3), in.at(y, x, 3));
            for (int c = 0; c < 3; ++c)
                ASSERT_EQ(out.at(y, x, c), expected.at(y, x, c)) << y << "," << x;
        }
    }
}

TEST(Blur, FlatImageStaysFlat) {
    Img in(9, 9, 3);
    std::fill(in.data.begin(), in.data.end(), 77);
    const Img out = run("blur", in, {{"radio", 3.3}});
    for (auto v : out.data) {
        ASSERT_EQ(v, 77);
    }
}

TEST(Blur, DefaultRadiusFive) {
    const Img in = random_image(31, 29, 3, 4);
    EXPECT_EQ(max_difference(run("blur", in), reference_blur(in, 5.0)), 0);
}

// The 3×3 rule: a pixel of the border keeps its input value.
void expect_border_unchanged(const Img& in, const Img& out) {
    ASSERT_EQ(out.width, in.width);
    ASSERT_EQ(out.height, in.height);
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            if (y == 0 || x == 0 || y == in.height - 1 || x == in.width - 1) {
                for (int c = 0; c < in.bands; ++c) {
                    ASSERT_EQ(out.at(y, x, c), in.at(y, x, c)) << y << "," << x;
                }
            }
        }
    }
}

int neighbours(const Img& in, int y, int x, int c) {
    int sum = 0;
    for (int dy = -1; dy <= 1; ++dy) {
        for (int dx = -1; dx <= 1; ++dx) {
            if (dy != 0 || dx != 0) sum += in.at(y + dy, x + dx, c);
        }
    }
    return sum;
}

TEST(Bordes, IsEightTimesCentreMinusNeighboursClamped) {
    const Img in = random_image(7, 5, 3, 13);
    const Img out = run("bordes", in);
    expect_border_unchanged(in, out);
    for (int y = 1; y < in.height - 1; ++y) {
        for (int x = 1; x < in.width - 1; ++x) {
            for (int c = 0; c < 3; ++c) {
                ASSERT_EQ(out.at(y, x, c), clamp255(8 * in.at(y, x, c) - neighbours(in, y, x, c)));
            }
        }
    }
}

TEST(Relieve, SubtractsThePixelBelowLeft) {
    const Img in = random_image(7, 5, 3, 17);
    const Img out = run("relieve", in);
    expect_border_unchanged(in, out);
    for (int y = 1; y < in.height - 1; ++y) {
        for (int x = 1; x < in.width - 1; ++x) {
            for (int c = 0; c < 3; ++c) {
                ASSERT_EQ(out.at(y, x, c), clamp255(in.at(y, x, c) - in.at(y + 1, x - 1, c) + 128));
            }
        }
    }
}

TEST(Relieve, NeighbourIsBelowLeftNotAboveLeft) {
    Img in(3, 3, 1);
    std::fill(in.data.begin(), in.data.end(), 100);
    in.at(2, 0, 0) = 30;  // below-left of the centre
    in.at(0, 0, 0) = 90;  // above-left: must not matter
    EXPECT_EQ(run("emboss", in).at(1, 1, 0), 100 - 30 + 128);
}

TEST(Nitidez, BlendsWithTheRoundedSmooth) {
    const Img in = random_image(7, 5, 3, 19);
    for (double factor : {0.0, 0.5, 1.0, 2.0, 7.5}) {
        const Img out = run("nitidez", in, {{"factor", factor}});
        expect_border_unchanged(in, out);
        for (int y = 1; y < in.height - 1; ++y) {
            for (int x = 1; x < in.width - 1; ++x) {
                for (int c = 0; c < 3; ++c) {
                    const double s =
                        std::floor((neighbours(in, y, x, c) + 5.0 * in.at(y, x, c)) / 13 + 0.5);
                    const int expected = clamp255(std::trunc(s + factor * (in.at(y, x, c) - s)));
                    ASSERT_LE(std::abs(out.at(y, x, c) - expected), 1) << factor;
                }
            }
        }
    }
    EXPECT_EQ(run("sharpen", in, {{"factor", 1}}).data, in.data);
}

TEST(ThreeByThree, ImagesUnderThreePixelsAreAllBorder) {
    for (auto [w, h] : {std::pair{1, 1}, {2, 2}, {2, 5}, {5, 2}, {1, 7}}) {
        const Img in = random_image(w, h, 3, 23);
        for (const char* id : {"nitidez", "bordes", "relieve"}) {
            EXPECT_EQ(run(id, in).data, in.data) << id << " " << w << "x" << h;
        }
    }
}

}  // namespace
}  // namespace lote::test
