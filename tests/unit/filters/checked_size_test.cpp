// Size arithmetic of every step that makes a new size: 64-bit, checked against the pixel limit
// in force before anything is allocated, refused with the step, the size and the kind.

#include <gtest/gtest.h>

#include "filters/geometry.hpp"
#include "test_image.hpp"

namespace lote::test {
namespace {

// A lazy image that is never computed here: a step that refuses must do so while building.
vips::VImage lazy(int width, int height) {
    return vips::VImage::black(width, height, vips::VImage::option()->set("bands", 3))
        .cast(VIPS_FORMAT_UCHAR)
        .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

Params params_of(const char* filter, const nlohmann::json& given) {
    auto p = Registry::instance().validate(filter_named(filter), given);
    if (!p) throw std::runtime_error(p.message());
    return *p;
}

// Runs the step and returns its refusal (fails the test when it does not refuse).
Error refusal_of(const char* filter, const vips::VImage& image, const nlohmann::json& given) {
    try {
        filter_named(filter).apply(image, params_of(filter, given));
    } catch (const SizeRefused& e) {
        return e.error();
    }
    ADD_FAILURE() << filter << " did not refuse " << given.dump();
    return {};
}

TEST(CheckedSize, AcceptsValidSizesAndRefusesTheRestByKind) {
    EXPECT_EQ(*check_size("s", {1, 1}, 1), (Size{1, 1}));
    EXPECT_EQ(*check_size("s", {13000, 13000}, 179'000'000), (Size{13000, 13000}));
    auto zero = check_size("recortar", {0, 10}, 100);
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.kind(), ErrorKind::invalid);
    EXPECT_NE(zero.message().find("recortar: the result would be 0x10 pixels"), std::string::npos)
        << zero.message();
    auto negative = check_size("s", {-5, 10}, 100);
    EXPECT_EQ(negative.kind(), ErrorKind::invalid);
    auto over = check_size("lienzo", {20000, 10000}, 179'000'000);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.kind(), ErrorKind::too_large);
    EXPECT_NE(
        over.message().find("20000x10000 = 200000000 pixels, more than the limit of 179000000"),
        std::string::npos)
        << over.message();
    // Under the pixel limit but longer than any image side libvips allows.
    auto long_side = check_size("s", {20'000'000, 1}, 179'000'000);
    EXPECT_EQ(long_side.kind(), ErrorKind::too_large);
    EXPECT_NE(long_side.message().find("no side may be longer"), std::string::npos);
    // Products far beyond 64 bits are still refused, never wrapped into a small number.
    auto huge = check_size("s", {INT64_MAX, INT64_MAX}, UINT64_MAX);
    EXPECT_EQ(huge.kind(), ErrorKind::too_large);
}

TEST(CheckedSize, WholePixelsNeverWraps) {
    EXPECT_EQ(whole_pixels(6553500000.0), 6553500000);
    EXPECT_GT(whole_pixels(1e300), kMaxSide);
    EXPECT_LT(whole_pixels(-1e300), 0);
    EXPECT_LT(whole_pixels(std::nan("")), 1);
    EXPECT_GT(whole_pixels(HUGE_VAL), kMaxSide);
}

TEST(CheckedSize, TheLimitInForceIsScoped) {
    EXPECT_EQ(pixel_limit(), kMaxOutputPixels);
    {
        PixelLimitScope outer(1000);
        EXPECT_EQ(pixel_limit(), 1000u);
        {
            PixelLimitScope inner(10);
            EXPECT_THROW(checked_size("s", {4, 4}), SizeRefused);
        }
        EXPECT_EQ(checked_size("s", {4, 4}), (Size{4, 4}));
    }
    EXPECT_EQ(pixel_limit(), kMaxOutputPixels);
}

// The case a hostile file was built for: 1x100000 px fitted to a width of 65535 makes a height
// of 6553500000, which 32-bit arithmetic wrapped into something that passed the limit.
TEST(CheckedSize, AFitThatWouldWrapIsRefusedBeforeAnythingIsAllocated) {
    EXPECT_EQ(fitted_size({1, 100000}, params_of("ajustar", {{"ancho", 65535}, {"ampliar", true}})),
              (WantedSize{65535, 6553500000}));
    const std::size_t before = vips_tracked_get_mem_highwater();
    Error refused = refusal_of("ajustar", lazy(1, 100000), {{"ancho", 65535}, {"ampliar", true}});
    EXPECT_EQ(refused.kind, ErrorKind::too_large);
    EXPECT_NE(refused.message.find(
                  "ajustar: the result would be 65535x6553500000 = 429483622500000 pixels"),
              std::string::npos)
        << refused.message;
    EXPECT_LT(vips_tracked_get_mem_highwater(), before + (64u << 20));
    // The mirror: a tall result from a wide input.
    Error tall = refusal_of("ajustar", lazy(100000, 1), {{"alto", 65535}, {"ampliar", true}});
    EXPECT_NE(tall.message.find("6553500000x65535"), std::string::npos) << tall.message;
}

TEST(CheckedSize, PercentResizeIsCheckedAgainstTheLimitInForce) {
    EXPECT_EQ(percent_size({1, 100000}, 1000), (WantedSize{10, 1000000}));
    EXPECT_EQ(percent_size({3, 3}, 1), (WantedSize{1, 1}));  // the spec's "at least 1x1"
    {
        PixelLimitScope limit(5'000'000);  // LoadOptions::max_pixels of a task
        Error refused = refusal_of("redimensionar", lazy(1000, 1000), {{"porcentaje", 300}});
        EXPECT_EQ(refused.kind, ErrorKind::too_large);
        EXPECT_NE(refused.message.find("3000x3000"), std::string::npos) << refused.message;
        EXPECT_NE(refused.message.find("limit of 5000000"), std::string::npos) << refused.message;
    }
    Img out = run("redimensionar", random_image(1000, 10, 3), {{"porcentaje", 300}});
    EXPECT_EQ(out.width, 3000);
}

TEST(CheckedSize, AFitThatRoundsBelowOnePixelKeepsOne) {
    // 100000 x 1 fitted to 50 wide: the height rounds to 0 and is kept at 1, as the spec says.
    Img out = run("ajustar", random_image(2000, 1, 3), {{"ancho", 50}});
    EXPECT_EQ(out.width, 50);
    EXPECT_EQ(out.height, 1);
}

// Lanczos enlarges rows first (as Pillow does); when that intermediate would be over the limit,
// columns go first, so no buffer larger than the result is made.
TEST(CheckedSize, LanczosNeverMakesAnIntermediateLargerThanItNeedsTo) {
    const Img tall = random_image(4, 400, 3);
    const vips::VImage source = to_vips(tall);
    const Size target{40, 20};  // 10x wider, 20x shorter: rows first would be 40x400
    Img rows_first = from_vips(resize_exactly(source, target));
    Img columns_first;
    {
        PixelLimitScope limit(40 * 100);  // under 40x400, over 4x20
        columns_first = from_vips(resize_exactly(source, target));
    }
    ASSERT_EQ(columns_first.width, 40);
    ASSERT_EQ(columns_first.height, 20);
    EXPECT_LE(max_difference(rows_first, columns_first), 2);  // rounding between the passes
}

TEST(CheckedSize, WatermarkTextIsSizedWithinTheImage) {
    for (auto [w, h] : {std::pair{1, 2000}, std::pair{2000, 1}, std::pair{3, 3}}) {
        Img out = run("marca_agua", random_image(w, h, 3), {{"texto", "ACME"}});
        EXPECT_EQ(out.width, w);
        EXPECT_EQ(out.height, h);
    }
    // Only a zero-width character: nothing to draw, the image is unchanged.
    const Img in = random_image(60, 40, 3);
    EXPECT_EQ(run("marca_agua", in, {{"texto", "\u200b"}}).data, in.data);
}

// The framing steps choose their size from their parameters: the same check, against the limit
// in force for the task (the user's --max-pixels), not only the default one.
TEST(CheckedSize, FramingStepsHonourTheLimitInForce) {
    PixelLimitScope limit(1'000'000);
    for (const char* step : {"rellenar", "lienzo"}) {
        Error refused = refusal_of(step, lazy(100, 100), {{"ancho", 2000}, {"alto", 1000}});
        EXPECT_EQ(refused.kind, ErrorKind::too_large) << step;
        EXPECT_NE(refused.message.find(std::string(step) + ": the result would be 2000x1000"),
                  std::string::npos)
            << refused.message;
        EXPECT_NE(refused.message.find("limit of 1000000"), std::string::npos) << refused.message;
    }
    Img fitted = run("lienzo", random_image(10, 10, 3), {{"ancho", 1000}, {"alto", 1000}});
    EXPECT_EQ(fitted.width, 1000);  // exactly the limit is allowed
}

// Nothing visible to draw, wherever and however it is placed: the image comes back unchanged.
TEST(CheckedSize, AnInvisibleWatermarkLeavesTheImageUnchangedInEveryStyle) {
    const Img in = random_image(80, 50, 3);
    for (const nlohmann::json& style :
         {nlohmann::json{{"mosaico", true}}, nlohmann::json{{"sombra", true}},
          nlohmann::json{{"posicion", "abajo-derecha"}}}) {
        nlohmann::json given = style;
        given["texto"] = "\u200b\u200b";
        EXPECT_EQ(run("marca_agua", in, given).data, in.data) << style.dump();
    }
}

}  // namespace
}  // namespace lote::test
