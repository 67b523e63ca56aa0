// redimensionar, ajustar, rotar and voltear: exact output sizes and pixel positions.

#include "filters/geometry.hpp"

#include <gtest/gtest.h>

#include "test_image.hpp"

namespace lote::test {
namespace {

TEST(Redimensionar, SizeIsTruncatedPercentageAtLeastOnePixel) {
    struct Case {
        int w, h;
        double p;
        int ew, eh;
    };
    for (const Case& c :
         {Case{7, 5, 50, 3, 2}, Case{333, 211, 33, 109, 69}, Case{10, 10, 1000, 100, 100},
          Case{1, 1, 1, 1, 1}, Case{150, 3, 1, 1, 1}, Case{640, 480, 12.5, 80, 60},
          Case{101, 99, 99.9, 100, 98}, Case{97, 89, 250, 242, 222}}) {
        const Img out = run("redimensionar", random_image(c.w, c.h, 3), {{"porcentaje", c.p}});
        EXPECT_EQ(out.width, c.ew) << c.w << "x" << c.h << " at " << c.p;
        EXPECT_EQ(out.height, c.eh) << c.w << "x" << c.h << " at " << c.p;
        EXPECT_EQ(out.bands, 3);
    }
}

TEST(Redimensionar, OddShrinkSizesAreExact) {
    // Sizes where rounding of scale × size is delicate.
    for (int w : {3, 17, 199, 1001}) {
        for (double p : {1.0, 7.0, 33.3, 66.7}) {
            const Img out = run("resize", random_image(w, 5, 1), {{"percent", p}});
            EXPECT_EQ(out.width, std::max(1, static_cast<int>(w * p / 100))) << w << " " << p;
        }
    }
}

TEST(Redimensionar, FlatImageStaysFlat) {
    Img in(40, 30, 3);
    std::fill(in.data.begin(), in.data.end(), 140);
    for (double p : {25.0, 50.0, 300.0}) {
        const Img out = run("redimensionar", in, {{"porcentaje", p}});
        for (auto v : out.data) ASSERT_NEAR(v, 140, 1) << p;
    }
}

TEST(Redimensionar, RefusesResultsOverThePixelLimit) {
    const vips::VImage big =
        vips::VImage::black(20000, 10000, vips::VImage::option()->set("bands", 3))
            .cast(VIPS_FORMAT_UCHAR);
    const FilterSpec& f = filter_named("redimensionar");
    auto params = Registry::instance().validate(f, {{"porcentaje", 1000}});
    ASSERT_TRUE(params.ok());
    try {
        f.apply(big, *params);
        FAIL() << "expected a refusal";
    } catch (const vips::VError& e) {
        EXPECT_NE(std::string(e.what()).find("more than the limit"), std::string::npos) << e.what();
    }
}

Params fit_params(const nlohmann::json& j) {
    auto p = Registry::instance().validate(filter_named("ajustar"), j);
    if (!p) throw std::runtime_error(p.message());
    return *p;
}

TEST(Ajustar, FittedSizeKeepsAspectAndNeverEnlargesByDefault) {
    EXPECT_EQ(fitted_size({4000, 3000}, fit_params({{"ancho", 1600}})), (WantedSize{1600, 1200}));
    EXPECT_EQ(fitted_size({4000, 3000}, fit_params({{"alto", 1000}})), (WantedSize{1333, 1000}));
    EXPECT_EQ(fitted_size({4000, 3000}, fit_params({{"ancho", 1600}, {"alto", 1600}})),
              (WantedSize{1600, 1200}));
    EXPECT_EQ(fitted_size({3000, 4000}, fit_params({{"ancho", 1600}, {"alto", 1600}})),
              (WantedSize{1200, 1600}));
    EXPECT_EQ(fitted_size({800, 600}, fit_params({{"ancho", 1600}})), (WantedSize{800, 600}));
    EXPECT_EQ(fitted_size({800, 600}, fit_params({{"ancho", 1600}, {"ampliar", true}})),
              (WantedSize{1600, 1200}));
    EXPECT_EQ(fitted_size({800, 600}, fit_params({{"ancho", 1000}, {"alto", 300}})),
              (WantedSize{400, 300}));
    EXPECT_EQ(fitted_size({10000, 10}, fit_params({{"ancho", 100}})), (WantedSize{100, 1}));
    EXPECT_EQ(fitted_size({1, 1}, fit_params({{"alto", 5}, {"ampliar", true}})),
              (WantedSize{5, 5}));
}

TEST(Ajustar, OutputHasTheFittedSize) {
    const Img in = random_image(90, 60, 3);
    Img out = run("fit", in, {{"width", 45}});
    EXPECT_EQ(out.width, 45);
    EXPECT_EQ(out.height, 30);
    out = run("ajustar", in, {{"ancho", 200}});
    EXPECT_EQ(out.data, in.data);  // never enlarged: unchanged
    out = run("ajustar", in, {{"alto", 120}, {"ampliar", true}});
    EXPECT_EQ(out.width, 180);
    EXPECT_EQ(out.height, 120);
    out = run("ajustar", in, {{"ancho", 7}, {"alto", 7}});
    EXPECT_EQ(out.width, 7);
    EXPECT_EQ(out.height, 5);
}

TEST(Rotar, MovesPixelsClockwise) {
    const Img in = random_image(5, 3, 3);
    const Img r90 = run("rotar", in, {{"grados", "90"}});
    ASSERT_EQ(r90.width, 3);
    ASSERT_EQ(r90.height, 5);
    const Img r180 = run("rotate", in, {{"degrees", 180}});
    const Img r270 = run("rotar", in, {{"grados", "270"}});
    ASSERT_EQ(r270.width, 3);
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            for (int c = 0; c < 3; ++c) {
                // Clockwise: the top-left corner goes to the top-right.
                ASSERT_EQ(r90.at(x, in.height - 1 - y, c), in.at(y, x, c));
                ASSERT_EQ(r180.at(in.height - 1 - y, in.width - 1 - x, c), in.at(y, x, c));
                ASSERT_EQ(r270.at(in.width - 1 - x, y, c), in.at(y, x, c));
            }
        }
    }
    EXPECT_EQ(run("rotar", in).data, r90.data);  // default 90
}

TEST(Voltear, MirrorsHorizontallyOrVertically) {
    const Img in = random_image(5, 3, 1);
    const Img h = run("voltear", in);
    const Img v = run("flip", in, {{"direction", "vertical"}});
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            ASSERT_EQ(h.at(y, in.width - 1 - x, 0), in.at(y, x, 0));
            ASSERT_EQ(v.at(in.height - 1 - y, x, 0), in.at(y, x, 0));
        }
    }
}

}  // namespace
}  // namespace lote::test
