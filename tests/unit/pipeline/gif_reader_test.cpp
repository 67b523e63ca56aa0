// lote's GIF reader: the first frame's exact pixels, where it sits, transparency, interlacing,
// damaged files, and a cost in memory no higher than a PNG's of the same size.

#include "pipeline/gif_reader.hpp"

#include "pipeline/image_diagnostics.hpp"
#include "pipeline/load_image.hpp"
#include "pipeline/process_image.hpp"
#include "pipeline_fixture.hpp"
#include "support/gif_writer.hpp"

namespace lote::testing {
namespace {

int pattern(int x, int y) {
    return (x * 3 + y * 5) % 200;  // never 250, the transparent index of these tests
}

std::vector<double> pixel(const VImage& image, int x, int y) {
    return image.getpoint(x, y);
}

std::vector<double> colour(int index, bool alpha) {
    auto c = test_gif_colour(index);
    std::vector<double> expected{double(c[0]), double(c[1]), double(c[2])};
    if (alpha) expected.push_back(255);
    return expected;
}

class GifReader : public PipelineTest {
  protected:
    VImage decoded(const std::string& name, LoadOptions options = {}) {
        auto image = decode_image(path(name), options);
        EXPECT_TRUE(image.ok()) << image.message();
        return image ? image->image : VImage();
    }
};

TEST_F(GifReader, AnOpaqueFrameDecodesToItsPaletteColours) {
    write_plain_gif(path("plain.gif"), 37, 23, pattern);
    VImage image = decoded("plain.gif");
    ASSERT_EQ(image.width(), 37);
    ASSERT_EQ(image.height(), 23);
    EXPECT_EQ(image.bands(), 3);
    for (auto [x, y] : {std::pair{0, 0}, {36, 22}, {10, 7}, {20, 11}}) {
        EXPECT_EQ(pixel(image, x, y), colour(pattern(x, y), false)) << x << "," << y;
    }
}

// A transparent index that no pixel uses (encoders often declare one) keeps three bands; one
// that is used makes an alpha band, 0 exactly on those pixels.
TEST_F(GifReader, TransparencyMakesAnAlphaBandOnlyWhenAPixelUsesIt) {
    write_gif(path("declared.gif"), 16, 16, {{0, 0, 16, 16, false, 250, pattern}});
    EXPECT_EQ(decoded("declared.gif").bands(), 3);
    auto holes = [](int x, int y) { return (x + y) % 4 == 0 ? 250 : pattern(x, y); };
    write_gif(path("holes.gif"), 16, 16, {{0, 0, 16, 16, false, 250, holes}});
    VImage image = decoded("holes.gif");
    ASSERT_EQ(image.bands(), 4);
    EXPECT_EQ(pixel(image, 0, 0)[3], 0);
    EXPECT_EQ(pixel(image, 1, 0), colour(pattern(1, 0), true));
}

TEST_F(GifReader, AFrameSmallerThanTheScreenSitsInPlaceOnTransparency) {
    write_gif(path("inset.gif"), 20, 10, {{5, 2, 8, 4, false, -1, pattern}});
    VImage image = decoded("inset.gif");
    ASSERT_EQ(image.width(), 20);
    ASSERT_EQ(image.height(), 10);
    ASSERT_EQ(image.bands(), 4);
    EXPECT_EQ(pixel(image, 0, 0), (std::vector<double>{0, 0, 0, 0}));
    EXPECT_EQ(pixel(image, 5, 2), colour(pattern(0, 0), true));
    EXPECT_EQ(pixel(image, 12, 5), colour(pattern(7, 3), true));
    EXPECT_EQ(pixel(image, 13, 5)[3], 0);
    // A frame reaching past the screen is cut at its edge.
    write_gif(path("overhang.gif"), 10, 10, {{6, 6, 9, 9, false, -1, pattern}});
    VImage cut = decoded("overhang.gif");
    EXPECT_EQ(cut.width(), 10);
    EXPECT_EQ(pixel(cut, 9, 9), colour(pattern(3, 3), true));
}

TEST_F(GifReader, InterlacedRowsLandInTheirPlaces) {
    write_gif(path("interlaced.gif"), 13, 29, {{0, 0, 13, 29, true, -1, pattern}});
    write_plain_gif(path("progressive.gif"), 13, 29, pattern);
    VImage interlaced = decoded("interlaced.gif");
    VImage plain = decoded("progressive.gif");
    ASSERT_EQ(interlaced.height(), 29);
    EXPECT_EQ((interlaced - plain).abs().max(), 0);
}

TEST_F(GifReader, OnlyTheFirstFrameOfAnAnimationIsRead) {
    std::vector<GifFrameSpec> frames;
    for (int f = 0; f < 40; ++f) {
        frames.push_back(
            {0, 0, 64, 48, false, -1, [f](int x, int y) { return (x + y + f) % 199; }});
    }
    write_gif(path("animated.gif"), 64, 48, frames);
    VImage image = decoded("animated.gif");
    EXPECT_EQ(image.height(), 48);  // one frame, not the 40 stacked
    EXPECT_EQ(pixel(image, 3, 4), colour(7, false));
}

TEST_F(GifReader, ATruncatedGifFailsWithItsReasonOrKeepsItsRowsWhenAsked) {
    write_plain_gif(path("whole.gif"), 300, 200, [](int x, int y) { return (x * y) % 251; });
    std::string bytes = read_bytes(path("whole.gif"));
    write_bytes(path("cut.gif"), bytes.substr(0, bytes.size() / 2));
    auto refused = decode_image(path("cut.gif"), LoadOptions{});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.kind(), ErrorKind::corrupt);
    EXPECT_NE(refused.message().find("truncated or corrupt GIF data"), std::string::npos)
        << refused.message();
    LoadOptions accept;
    accept.accept_damaged = true;
    auto kept = decode_image(path("cut.gif"), accept);
    ASSERT_TRUE(kept.ok()) << kept.message();
    EXPECT_EQ(kept->image.height(), 200);
    EXPECT_NE(kept->warning.find("damaged GIF data"), std::string::npos) << kept->warning;
    EXPECT_EQ(pixel(kept->image, 5, 3), colour((5 * 3) % 251, false));  // a row that decoded
}

TEST_F(GifReader, HeadersAndLimitsAreCheckedBeforeAnyPixel) {
    write_plain_gif(path("wide.gif"), 3000, 2000, pattern);
    auto header = read_image_header(path("wide.gif"), {});
    ASSERT_TRUE(header.ok()) << header.message();
    EXPECT_EQ(header->format.name, "gif");
    EXPECT_EQ(header->width, 3000);
    LoadOptions small;
    small.max_pixels = 1'000'000;
    auto refused = read_image_header(path("wide.gif"), small);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.kind(), ErrorKind::too_large);
    EXPECT_FALSE(open_gif(path("wide.gif"), small).ok());
    write_bytes(path("junk.gif"), "GIF89a\x10");
    EXPECT_FALSE(open_gif(path("junk.gif"), {}).ok());
}

// A GIF costs what a PNG of the same size costs: its decoded image is the only full-size buffer
// (libvips 8.14's loader kept a second, 4-byte-per-pixel one). Both count in libvips' tracked
// memory, whose high-water mark a PNG decode sets first.
TEST_F(GifReader, DecodingCostsNoMoreThanAPngOfTheSameSize) {
    const int width = 3000;
    const int height = 2500;
    write_plain_gif(path("big.gif"), width, height, pattern);
    VImage::black(width, height, VImage::option()->set("bands", 3))
        .cast(VIPS_FORMAT_UCHAR)
        .pngsave(path("big.png").c_str(), VImage::option()->set("compression", 1));
    {
        auto png = decode_image(path("big.png"), {});
        ASSERT_TRUE(png.ok()) << png.message();
    }
    const std::size_t after_png = vips_tracked_get_mem_highwater();
    const std::size_t image_bytes = std::size_t{3} * width * height;
    ASSERT_GE(after_png, image_bytes);
    {
        auto gif = decode_image(path("big.gif"), {});
        ASSERT_TRUE(gif.ok()) << gif.message();
        EXPECT_EQ(gif->image.bands(), 3);
        EXPECT_EQ(vips_image_get_typeof(gif->image.get_image(), "n-pages"), 0u);
    }
    EXPECT_LE(vips_tracked_get_mem_highwater(), after_png + image_bytes / 20);
}

// One output that starts by making the image smaller: the GIF streams through the fit as a PNG
// does, so the full-size image never exists at once.
TEST_F(GifReader, AStreamedFitCostsWhatAPngsCosts) {
    const int width = 4000;
    const int height = 3000;
    write_plain_gif(path("stream.gif"), width, height, pattern);
    // Written strip by strip: no full-size buffer before the measures (libvips' high-water mark
    // only goes up, so the PNG goes first and the GIF may not raise it).
    rgb_picture(width, height)
        .pngsave(path("stream.png").c_str(), VImage::option()->set("compression", 1));
    auto fit = parse_chain("ajustar:ancho=400");
    ASSERT_TRUE(fit.ok());
    auto streamed_peak = [&](const std::string& input, const std::string& output) {
        ImageResult result = process_image({1, path(input), {{*fit, path(output)}}, {}, {}});
        EXPECT_TRUE(result.outputs.at(0).ok) << result.outputs[0].message;
        EXPECT_EQ(VImage::new_from_file(path(output).c_str()).width(), 400);
        return vips_tracked_get_mem_highwater();
    };
    const std::size_t png = streamed_peak("stream.png", "small-png.png");
    const std::size_t frame = std::size_t{3} * width * height;
    ASSERT_LT(png, frame * 3 / 4);  // the PNG did stream
    EXPECT_LE(streamed_peak("stream.gif", "small-gif.png"), png + png / 10);
}

}  // namespace
}  // namespace lote::testing
