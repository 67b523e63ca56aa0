// rellenar, lienzo and recortar: exact sizes on every orientation (enlarging and reducing), where
// the window is taken from, the padding, and the refusals of impossible requests.

#include <gtest/gtest.h>

#include "filters/framing_geometry.hpp"
#include "test_image.hpp"

namespace lote::test {
namespace {

Img uniform(int w, int h, int bands, std::uint8_t v) {
    Img img(w, h, bands);
    std::fill(img.data.begin(), img.data.end(), v);
    return img;
}

// Left half black, right half white.
Img halves(int w, int h) {
    Img img(w, h, 3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 3; ++c) img.at(y, x, c) = x < w / 2 ? 0 : 255;
    return img;
}

double mean(const Img& img, int band = 0) {
    double sum = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) sum += img.at(y, x, band);
    return sum / (static_cast<double>(img.width) * img.height);
}

const std::pair<int, int> kInputs[] = {{400, 300}, {300, 400}, {300, 300}, {7, 3},
                                       {3, 7},     {2000, 20}, {1, 1}};
const std::pair<int, int> kTargets[] = {{120, 150}, {200, 100}, {50, 50}, {1080, 1350}, {1, 1}};

TEST(Rellenar, GivesExactlyTheSizeOnEveryOrientation) {
    for (auto [w, h] : kInputs) {
        const Img in = random_image(w, h, 3);
        for (auto [tw, th] : kTargets) {
            for (const char* foco : {"centro", "abajo-derecha", "atencion", "entropy"}) {
                const Img out = run("rellenar", in, {{"ancho", tw}, {"alto", th}, {"foco", foco}});
                EXPECT_EQ(out.width, tw) << w << "x" << h << " -> " << tw << "x" << th << foco;
                EXPECT_EQ(out.height, th) << w << "x" << h << " -> " << tw << "x" << th << foco;
                EXPECT_EQ(out.bands, 3);
            }
        }
    }
}

TEST(Rellenar, CoversWithoutBarsAndCropsByGravity) {
    const Img in = halves(400, 200);
    const Img centre = run("fill", in, {{"width", 100}, {"height", 100}});
    // A centred square of a half-black, half-white image is half of each.
    EXPECT_NEAR(mean(centre), 127.5, 4);
    const Img left = run("cover", in, {{"ancho", 100}, {"alto", 100}, {"foco", "left"}});
    EXPECT_LT(mean(left), 2);
    const Img right = run("rellenar", in, {{"ancho", 100}, {"alto", 100}, {"foco", "derecha"}});
    EXPECT_GT(mean(right), 253);
}

TEST(Rellenar, KeepsAlphaAndGrey) {
    const Img rgba = uniform(300, 200, 4, 77);
    const Img out = run("rellenar", rgba, {{"ancho", 64}, {"alto", 80}});
    EXPECT_EQ(out.bands, 4);
    EXPECT_EQ(out.at(40, 30, 3), 77);
    const Img grey = uniform(50, 90, 1, 10);
    const Img g = run("rellenar", grey, {{"ancho", 500}, {"alto", 200}});
    EXPECT_EQ(g.bands, 1);
    EXPECT_EQ(g.width, 500);
    EXPECT_EQ(g.height, 200);
}

// A flat, quiet photo with one small high-contrast subject far from the centre.
Img quiet_with_subject(int w, int h, int sx, int sy, int size) {
    Img img(w, h, 3);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const bool inside = x >= sx && x < sx + size && y >= sy && y < sy + size;
            const bool check = ((x - sx) / 6 + (y - sy) / 6) % 2 == 0;
            img.at(y, x, 0) = inside ? (check ? 255 : 20) : 110;
            img.at(y, x, 1) = inside ? (check ? 40 : 20) : 120;
            img.at(y, x, 2) = inside ? (check ? 30 : 20) : 115;
        }
    return img;
}

// Pixels of the checked subject (saturated red) in the image.
int subject_pixels(const Img& img) {
    int n = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x)
            if (img.at(y, x, 0) > 200 && img.at(y, x, 1) < 90) ++n;
    return n;
}

TEST(Rellenar, SmartFocusKeepsAnOffCentreSubject) {
    // The subject sits at x 470..530 of 600: a centred 300-wide window (150..450) misses it.
    const Img in = quiet_with_subject(600, 300, 470, 200, 60);
    const int whole = subject_pixels(in);
    ASSERT_GT(whole, 1000);
    const Img centred = run("rellenar", in, {{"ancho", 300}, {"alto", 300}});
    EXPECT_EQ(subject_pixels(centred), 0);
    for (const char* focus : {"atencion", "entropia", "attention"}) {
        const Img out = run("rellenar", in, {{"ancho", 300}, {"alto", 300}, {"foco", focus}});
        EXPECT_GT(subject_pixels(out), whole * 9 / 10) << focus;
        const Img crop = run("recortar", in, {{"proporcion", "1:1"}, {"foco", focus}});
        EXPECT_EQ(crop.width, 300);
        EXPECT_GT(subject_pixels(crop), whole * 9 / 10) << focus;
    }
}

TEST(Lienzo, PadsToExactlyTheSizeWithTheColour) {
    for (auto [w, h] : kInputs) {
        const Img in = uniform(w, h, 3, 128);
        for (auto [tw, th] : kTargets) {
            const Img out = run("lienzo", in, {{"ancho", tw}, {"alto", th}, {"color", "#FF0000"}});
            ASSERT_EQ(out.width, tw) << w << "x" << h << " -> " << tw << "x" << th;
            ASSERT_EQ(out.height, th) << w << "x" << h << " -> " << tw << "x" << th;
            ASSERT_EQ(out.bands, 3);
        }
    }
    const Img wide = run("pad", uniform(400, 200, 3, 128),
                         {{"width", 300}, {"height", 300}, {"colour", "#0f0"}});
    // Fitted to 300x150, centred: bars of 75 rows above and below.
    EXPECT_EQ(wide.at(10, 150, 0), 0);
    EXPECT_EQ(wide.at(10, 150, 1), 255);
    EXPECT_EQ(wide.at(150, 150, 1), 128);
    EXPECT_EQ(wide.at(74, 150, 1), 255);
    EXPECT_EQ(wide.at(75, 150, 1), 128);
    EXPECT_EQ(wide.at(224, 150, 1), 128);
    EXPECT_EQ(wide.at(225, 150, 1), 255);
}

TEST(Lienzo, TransparentWithoutAColour) {
    const Img out = run("contain", uniform(200, 100, 3, 90), {{"ancho", 100}, {"alto", 100}});
    ASSERT_EQ(out.bands, 4);
    EXPECT_EQ(out.at(5, 50, 3), 0);     // padding
    EXPECT_EQ(out.at(50, 50, 3), 255);  // image
    EXPECT_EQ(out.at(50, 50, 0), 90);
    const Img grey = run("lienzo", uniform(200, 100, 1, 90), {{"ancho", 100}, {"alto", 100}});
    EXPECT_EQ(grey.bands, 2);
}

TEST(Lienzo, GreyImagesTakeAColouredPaddingAsColour) {
    const Img grey = uniform(100, 50, 1, 40);
    const Img neutral = run("lienzo", grey, {{"ancho", 100}, {"alto", 100}, {"color", "#808080"}});
    EXPECT_EQ(neutral.bands, 1);
    EXPECT_EQ(neutral.at(0, 0, 0), 128);
    const Img red = run("lienzo", grey, {{"ancho", 100}, {"alto", 100}, {"color", "#C00000"}});
    ASSERT_EQ(red.bands, 3);
    EXPECT_EQ(red.at(0, 0, 0), 192);
    EXPECT_EQ(red.at(0, 0, 1), 0);
    EXPECT_EQ(red.at(50, 50, 1), 40);
}

TEST(Lienzo, PlacementAndShrinkOnly) {
    const Img small = uniform(40, 20, 3, 200);
    const Img kept = run("lienzo", small,
                         {{"ancho", 100},
                          {"alto", 100},
                          {"color", "#000000"},
                          {"solo_reducir", true},
                          {"posicion", "arriba-izquierda"}});
    EXPECT_EQ(kept.at(0, 0, 0), 200);
    EXPECT_EQ(kept.at(19, 39, 0), 200);
    EXPECT_EQ(kept.at(20, 0, 0), 0);
    EXPECT_EQ(kept.at(0, 40, 0), 0);
    const Img enlarged = run("lienzo", small, {{"ancho", 100}, {"alto", 100}, {"color", "#000"}});
    EXPECT_EQ(enlarged.at(30, 50, 0), 200);  // 100x50 in the middle
    EXPECT_EQ(enlarged.at(24, 50, 0), 0);
}

TEST(Recortar, AspectRatioOnEveryOrientation) {
    for (auto [w, h] : kInputs) {
        const Img in = random_image(w, h, 3);
        for (const char* ratio : {"4:5", "16:9", "1:1", "1.91:1"}) {
            const auto r = *parse_ratio(ratio);
            const WideSize expected = aspect_size({w, h}, r);
            const Img out = run("crop", in, {{"ratio", ratio}});
            EXPECT_EQ(out.width, expected.width) << w << "x" << h << " " << ratio;
            EXPECT_EQ(out.height, expected.height) << w << "x" << h << " " << ratio;
            EXPECT_TRUE(out.width == w || out.height == h) << w << "x" << h << " " << ratio;
        }
    }
    EXPECT_EQ(aspect_size({1000, 1000}, {4, 5}), (WideSize{800, 1000}));
    EXPECT_EQ(aspect_size({1000, 1000}, {16, 9}), (WideSize{1000, 563}));
    EXPECT_EQ(aspect_size({6000, 4000}, {4, 5}), (WideSize{3200, 4000}));
}

TEST(Recortar, ExactRectangleAndPlacedWindow) {
    const Img in = random_image(50, 40, 3);
    const Img out = run("recortar", in, {{"x", 10}, {"y", 5}, {"ancho", 20}, {"alto", 30}});
    ASSERT_EQ(out.width, 20);
    ASSERT_EQ(out.height, 30);
    for (int y = 0; y < 30; ++y)
        for (int x = 0; x < 20; ++x)
            for (int c = 0; c < 3; ++c) ASSERT_EQ(out.at(y, x, c), in.at(y + 5, x + 10, c));
    const Img corner = run("recortar", in, {{"ancho", 10}, {"alto", 10}, {"foco", "bottom-right"}});
    EXPECT_EQ(corner.at(0, 0, 0), in.at(30, 40, 0));
    EXPECT_THROW(run("recortar", in, {{"x", 45}, {"y", 0}, {"ancho", 10}, {"alto", 10}}),
                 vips::VError);
    EXPECT_THROW(run("recortar", in, {{"ancho", 60}, {"alto", 10}}), vips::VError);
}

TEST(Recortar, RefusesContradictoryOrIncompleteRequests) {
    const FilterSpec& crop = filter_named("recortar");
    const nlohmann::json bad[] = {
        nlohmann::json::object(),
        {{"proporcion", "4:5"}, {"ancho", 10}},
        {{"proporcion", "4-5"}},
        {{"proporcion", "0:5"}},
        {{"proporcion", "4:"}},
        {{"proporcion", "1:2000"}},
        {{"proporcion", "-4:5"}},
        {{"ancho", 10}},
        {{"ancho", 10}, {"alto", 10}, {"x", 3}},
        {{"ancho", 0}, {"alto", 10}},
    };
    for (const auto& given : bad) {
        auto params = Registry::instance().validate(crop, given);
        EXPECT_FALSE(params) << given.dump();
        if (!params) {
            EXPECT_NE(params.message().find("recortar"), std::string::npos) << params.message();
        }
    }
}

TEST(Framing, WidthAndHeightAreRequiredAndChecked) {
    for (const char* id : {"rellenar", "lienzo"}) {
        const FilterSpec& f = filter_named(id);
        auto missing = Registry::instance().validate(f, {{"ancho", 100}});
        ASSERT_FALSE(missing);
        EXPECT_NE(missing.message().find("\"alto\" is required"), std::string::npos)
            << missing.message();
        EXPECT_FALSE(Registry::instance().validate(f, {{"ancho", 70000}, {"alto", 10}}));
        EXPECT_FALSE(Registry::instance().validate(f, {{"ancho", 10.5}, {"alto", 10}}));
    }
}

TEST(Framing, ResultsOverThePixelLimitAreRefusedBeforeAnyPixel) {
    const Img in = uniform(4, 4, 3, 1);
    EXPECT_THROW(run("rellenar", in, {{"ancho", 65535}, {"alto", 65535}}), vips::VError);
    EXPECT_THROW(run("lienzo", in, {{"ancho", 65535}, {"alto", 65535}}), vips::VError);
    try {
        run("rellenar", in, {{"ancho", 65535}, {"alto", 65535}});
    } catch (const vips::VError& e) {
        EXPECT_NE(std::string(e.what()).find("more than the limit"), std::string::npos);
    }
}

TEST(FramingGeometry, CoverAndContainSizes) {
    EXPECT_EQ(covering_size({6000, 4000}, {1080, 1350}), (WideSize{2025, 1350}));
    EXPECT_EQ(covering_size({4000, 6000}, {1080, 1350}), (WideSize{1080, 1620}));
    EXPECT_EQ(covered_region({100, 50}, {1000, 1000}), (WideSize{50, 50}));
    EXPECT_EQ(contained_size({400, 200}, {300, 300}, false), (WideSize{300, 150}));
    EXPECT_EQ(contained_size({40, 20}, {300, 300}, false), (WideSize{300, 150}));
    EXPECT_EQ(contained_size({40, 20}, {300, 300}, true), (WideSize{40, 20}));
    EXPECT_EQ(contained_size({1, 10000}, {300, 300}, false), (WideSize{1, 300}));
    ASSERT_TRUE(parse_ratio("1.91:1"));
    EXPECT_DOUBLE_EQ(parse_ratio("1.91:1")->width, 1.91);
    for (const char* bad : {"", ":", "4", "4:5:6", "a:b", "4 : 5", "1e3:1", "nan:1", "4:0"}) {
        EXPECT_FALSE(parse_ratio(bad)) << bad;
    }
}

}  // namespace
}  // namespace lote::test
