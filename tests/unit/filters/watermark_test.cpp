// marca_agua: pixels outside the text's box are unchanged, inside they are lighter; the text is
// about 60% of the width on small and large images; alpha and band count are kept.

#include <gtest/gtest.h>

#include "test_image.hpp"

namespace lote::test {
namespace {

struct Box {
    int left = 0, top = 0, right = -1, bottom = -1;  // inclusive; empty when right < left
    int width() const { return right - left + 1; }
    int height() const { return bottom - top + 1; }
};

// The bounding box of the pixels that differ, checking that none became darker.
Box changed_box(const Img& before, const Img& after, int channels) {
    Box box{before.width, before.height, -1, -1};
    for (int y = 0; y < before.height; ++y) {
        for (int x = 0; x < before.width; ++x) {
            for (int c = 0; c < channels; ++c) {
                EXPECT_GE(after.at(y, x, c), before.at(y, x, c)) << "darker at " << y << "," << x;
                if (after.at(y, x, c) != before.at(y, x, c)) {
                    box.left = std::min(box.left, x), box.right = std::max(box.right, x);
                    box.top = std::min(box.top, y), box.bottom = std::max(box.bottom, y);
                }
            }
        }
    }
    return box;
}

Img uniform(int w, int h, int bands, std::uint8_t v) {
    Img img(w, h, bands);
    std::fill(img.data.begin(), img.data.end(), v);
    return img;
}

TEST(MarcaAgua, CentredLighterTextAboutSixtyPercentWide) {
    for (auto [w, h] : {std::pair{300, 200}, {1200, 900}, {200, 600}}) {
        const Img in = uniform(w, h, 3, 60);
        const Img out = run("marca_agua", in);
        ASSERT_EQ(out.width, w);
        ASSERT_EQ(out.height, h);
        ASSERT_EQ(out.bands, 3);
        const Box box = changed_box(in, out, 3);
        ASSERT_GT(box.width(), 0) << w << "x" << h << ": nothing drawn";
        EXPECT_GT(box.width(), 0.45 * w) << w;
        EXPECT_LT(box.width(), 0.75 * w) << w;
        EXPECT_LT(box.height(), 0.5 * h) << h;
        // Centred within a few pixels (glyph side bearings).
        EXPECT_NEAR(box.left + box.right, w - 1, 0.05 * w);
        EXPECT_NEAR(box.top + box.bottom, h - 1, 0.1 * h);
        // Lighter on average inside the box.
        double inside = 0;
        for (int y = box.top; y <= box.bottom; ++y)
            for (int x = box.left; x <= box.right; ++x) inside += out.at(y, x, 0);
        EXPECT_GT(inside / (box.width() * box.height()), 60.5);
    }
}

TEST(MarcaAgua, OpacityControlsTheLightening) {
    const Img in = uniform(300, 200, 3, 0);
    const Img faint = run("marca_agua", in, {{"opacidad", 0.2}});
    const Img strong = run("marca_agua", in, {{"opacidad", 1.0}});
    int faint_max = 0, strong_max = 0;
    for (std::size_t i = 0; i < in.data.size(); ++i) {
        faint_max = std::max<int>(faint_max, faint.data[i]);
        strong_max = std::max<int>(strong_max, strong.data[i]);
    }
    EXPECT_NEAR(faint_max, 51, 1);  // white at 20%
    EXPECT_EQ(strong_max, 255);
    EXPECT_EQ(run("marca_agua", in, {{"opacidad", 0}}).data, in.data);
}

TEST(MarcaAgua, KeepsAlphaAndGreyscale) {
    Img rgba = uniform(300, 200, 4, 90);
    const Img out = run("watermark", rgba, {{"text", "ACME"}});
    ASSERT_EQ(out.bands, 4);
    for (int y = 0; y < 200; ++y)
        for (int x = 0; x < 300; ++x) ASSERT_EQ(out.at(y, x, 3), 90);
    EXPECT_GT(changed_box(rgba, out, 3).width(), 0);
    const Img grey = uniform(300, 200, 1, 10);
    const Img grey_out = run("marca_agua", grey);
    ASSERT_EQ(grey_out.bands, 1);
    EXPECT_GT(changed_box(grey, grey_out, 1).width(), 0);
}

TEST(MarcaAgua, TextIsShownLiterallyNotAsMarkup) {
    const Img in = uniform(400, 200, 3, 30);
    for (const char* text : {"<b>A & B</b>", "a < b", "&amp;", "ñandú €"}) {
        Img out;
        ASSERT_NO_THROW(out = run("marca_agua", in, {{"texto", text}})) << text;
        EXPECT_GT(changed_box(in, out, 3).width(), 0) << text;
    }
}

TEST(MarcaAgua, BlankTextAndTinyImagesAreHarmless) {
    const Img in = uniform(50, 40, 3, 30);
    EXPECT_EQ(run("marca_agua", in, {{"texto", ""}}).data, in.data);
    EXPECT_EQ(run("marca_agua", in, {{"texto", "   "}}).data, in.data);
    for (auto [w, h] : {std::pair{1, 1}, {2, 2}, {3, 300}, {300, 3}}) {
        const Img tiny = uniform(w, h, 3, 30);
        Img out;
        ASSERT_NO_THROW(out = run("marca_agua", tiny)) << w << "x" << h;
        EXPECT_EQ(out.width, w);
        EXPECT_EQ(out.height, h);
    }
    const Img long_text =
        run("marca_agua", uniform(300, 200, 3, 0), {{"texto", std::string(200, 'W')}});
    EXPECT_EQ(long_text.width, 300);
}

}  // namespace
}  // namespace lote::test
