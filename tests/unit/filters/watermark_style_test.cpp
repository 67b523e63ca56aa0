// marca_agua's optional style: placement and margin, size, colour, shadow, tiling and font. With
// the new parameters at their defaults the seed's watermark comes out pixel for pixel.

#include <gtest/gtest.h>

#include <cmath>

#include "filters/placement.hpp"
#include "test_image.hpp"

namespace lote::test {
namespace {

struct Changed {
    int left = 0, top = 0, right = -1, bottom = -1;
    int width() const { return right - left + 1; }
    int height() const { return bottom - top + 1; }
    bool empty() const { return right < left; }
};

Changed changed_box(const Img& before, const Img& after) {
    Changed box{before.width, before.height, -1, -1};
    for (int y = 0; y < before.height; ++y)
        for (int x = 0; x < before.width; ++x)
            for (int c = 0; c < before.bands; ++c)
                if (after.at(y, x, c) != before.at(y, x, c)) {
                    box.left = std::min(box.left, x), box.right = std::max(box.right, x);
                    box.top = std::min(box.top, y), box.bottom = std::max(box.bottom, y);
                }
    return box;
}

Img uniform(int w, int h, int bands, std::uint8_t v) {
    Img img(w, h, bands);
    std::fill(img.data.begin(), img.data.end(), v);
    return img;
}

TEST(MarcaAguaStyle, TheNewParametersAtTheirDefaultsGiveTheSeedsPixels) {
    const nlohmann::json defaults = {{"posicion", "centro"},    {"color", "#FFFFFF"},
                                     {"sombra", false},         {"mosaico", false},
                                     {"fuente", "DejaVu Sans"}, {"tamano", 60}};
    for (auto [w, h, bands] : {std::tuple{300, 200, 3}, {200, 600, 1}, {64, 48, 4}, {5, 3, 2}}) {
        const Img in = random_image(w, h, bands, 3);
        nlohmann::json explicit_defaults = defaults;
        explicit_defaults["texto"] = "ACME";
        EXPECT_EQ(run("marca_agua", in, {{"texto", "ACME"}}).data,
                  run("marca_agua", in, explicit_defaults).data)
            << w << "x" << h;
    }
}

TEST(MarcaAguaStyle, EveryPlacementWithItsMarginOnLandscapeAndPortrait) {
    for (auto [w, h] : {std::pair{900, 600}, {600, 900}}) {
        const Img in = uniform(w, h, 3, 40);
        const int margin = static_cast<int>(std::lround(std::min(w, h) * 0.03));
        for (const auto& name : placement_names()) {
            const Img out = run("marca_agua", in,
                                {{"texto", "ACME"}, {"posicion", name.english}, {"tamano", 20}});
            const Changed box = changed_box(in, out);
            ASSERT_FALSE(box.empty()) << name.id;
            const Placement p = name.placement;
            const std::string what = std::to_string(w) + "x" + std::to_string(h) + " " + name.id;
            // Glyphs stop a few pixels inside the text's box: allow for their side bearings.
            const int slack = std::max(4, box.height() / 3);
            if (p.horizontal < 0) EXPECT_NEAR(box.left, margin, slack) << what;
            if (p.horizontal > 0) EXPECT_NEAR(w - 1 - box.right, margin, slack) << what;
            if (p.horizontal == 0) EXPECT_NEAR(box.left + box.right, w - 1, 0.03 * w) << what;
            if (p.vertical < 0) EXPECT_NEAR(box.top, margin, slack) << what;
            if (p.vertical > 0) EXPECT_NEAR(h - 1 - box.bottom, margin, slack) << what;
            if (p.vertical == 0) EXPECT_NEAR(box.top + box.bottom, h - 1, 0.1 * h) << what;
            EXPECT_NEAR(box.width(), 0.2 * w, 0.05 * w) << what;
        }
    }
}

TEST(MarcaAguaStyle, MarginIsAShareOfTheShorterSide) {
    const Img in = uniform(1000, 500, 3, 40);
    const Img near = run("marca_agua", in, {{"posicion", "arriba-izquierda"}, {"margen", 0}});
    const Img far = run("marca_agua", in, {{"posicion", "arriba-izquierda"}, {"margen", 10}});
    const Changed a = changed_box(in, near);
    const Changed b = changed_box(in, far);
    EXPECT_NEAR(b.left - a.left, 50, 1);
    EXPECT_NEAR(b.top - a.top, 50, 1);
}

TEST(MarcaAguaStyle, SizeIsTheTextsShareOfTheWidth) {
    const Img in = uniform(1200, 800, 3, 40);
    for (double size : {10.0, 30.0, 80.0}) {
        const Changed box = changed_box(in, run("marca_agua", in, {{"tamano", size}}));
        EXPECT_NEAR(box.width(), 1200 * size / 100, 1200 * 0.03) << size;
    }
    // Never taller than 40 % of the image, whatever the width asked.
    const Img flat = uniform(2000, 100, 3, 40);
    const Changed box =
        changed_box(flat, run("marca_agua", flat, {{"texto", "A"}, {"tamano", 90}}));
    EXPECT_LE(box.height(), 40);
}

TEST(MarcaAguaStyle, ColourIsBlendedAtTheOpacity) {
    const Img in = uniform(400, 200, 3, 200);
    const Img out = run("marca_agua", in, {{"color", "#FF0000"}, {"opacidad", 1.0}});
    int red = 0;
    for (int y = 0; y < 200; ++y)
        for (int x = 0; x < 400; ++x) {
            EXPECT_GE(out.at(y, x, 0), 200);
            EXPECT_LE(out.at(y, x, 1), 200);
            red += out.at(y, x, 0) == 255 && out.at(y, x, 1) == 0 && out.at(y, x, 2) == 0;
        }
    EXPECT_GT(red, 100);  // fully covered glyph pixels are exactly the colour
    const Img half = run("marca_agua", in, {{"color", "#000000"}, {"opacidad", 0.5}});
    int darkest = 255;
    for (std::uint8_t v : half.data) darkest = std::min<int>(darkest, v);
    EXPECT_EQ(darkest, 100);  // 200 halfway to black
    // A grey image takes the colour's luma.
    const Img grey =
        run("marca_agua", uniform(400, 200, 1, 0), {{"color", "#00FF00"}, {"opacidad", 1.0}});
    int brightest = 0;
    for (std::uint8_t v : grey.data) brightest = std::max<int>(brightest, v);
    EXPECT_EQ(brightest, 150);  // (255·38470 + 32768) >> 16
}

TEST(MarcaAguaStyle, ShadowDarkensAroundTheText) {
    const Img white = uniform(600, 300, 3, 255);
    const Img plain = run("marca_agua", white, {{"opacidad", 1.0}});
    EXPECT_EQ(plain.data, white.data);  // white on white: invisible without a shadow
    const Img shadowed = run("marca_agua", white, {{"opacidad", 1.0}, {"sombra", true}});
    const Changed box = changed_box(white, shadowed);
    ASSERT_FALSE(box.empty());
    EXPECT_GT(box.width(), 0.55 * 600);
    int dark = 0;
    for (std::uint8_t v : shadowed.data) dark += v < 128;
    EXPECT_GT(dark, 1000);
    // On black the outline cannot darken; the text still lightens.
    const Img black = uniform(600, 300, 3, 0);
    const Img on_black = run("marca_agua", black, {{"opacidad", 1.0}, {"sombra", true}});
    int lit = 0;
    for (std::uint8_t v : on_black.data) lit += v == 255;
    EXPECT_GT(lit, 100);
}

TEST(MarcaAguaStyle, TilingCoversTheWholeImage) {
    const Img in = uniform(1200, 900, 3, 40);
    const Img out = run("marca_agua", in, {{"texto", "MUESTRA"}, {"mosaico", true}});
    ASSERT_EQ(out.width, 1200);
    ASSERT_EQ(out.height, 900);
    // Every cell of a 4 × 3 grid holds part of the pattern.
    for (int gy = 0; gy < 3; ++gy)
        for (int gx = 0; gx < 4; ++gx) {
            int changed = 0;
            for (int y = gy * 300; y < (gy + 1) * 300; ++y)
                for (int x = gx * 300; x < (gx + 1) * 300; ++x) changed += out.at(y, x, 0) != 40;
            EXPECT_GT(changed, 500) << gx << "," << gy;
        }
    // Nothing darker, and the lightening is the white at 30 % at most.
    for (std::uint8_t v : out.data) {
        ASSERT_GE(v, 40);
        ASSERT_LE(v, 40 + std::lround(0.3 * 215) + 1);
    }
    const Img tiny = run("marca_agua", uniform(3, 2, 3, 40), {{"mosaico", true}});
    EXPECT_EQ(tiny.width, 3);
    const Img grey =
        run("marca_agua", uniform(300, 300, 2, 40), {{"mosaico", true}, {"sombra", true}});
    EXPECT_EQ(grey.bands, 2);
    EXPECT_EQ(grey.at(10, 10, 1), 40);  // alpha untouched
}

TEST(MarcaAguaStyle, AnotherFontDrawsOtherGlyphs) {
    const Img in = uniform(600, 300, 3, 40);
    const Img sans = run("marca_agua", in, {{"texto", "Hola"}});
    const Img serif = run("marca_agua", in, {{"texto", "Hola"}, {"fuente", "DejaVu Serif"}});
    const Img bold = run("marca_agua", in, {{"texto", "Hola"}, {"fuente", "DejaVu Sans Bold"}});
    EXPECT_NE(sans.data, serif.data);
    EXPECT_NE(sans.data, bold.data);
    EXPECT_FALSE(changed_box(in, serif).empty());
}

}  // namespace
}  // namespace lote::test
