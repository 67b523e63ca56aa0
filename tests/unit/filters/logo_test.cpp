// logo: the box the logo covers is where and as large as asked (every placement, landscape,
// portrait, tiny and grey images), the alpha and opacity maths of the compositing, colour
// spaces, decoding once per job, and the refusal of every kind of bad logo file.

#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "filters/chain.hpp"
#include "filters/chain_resources.hpp"
#include "filters/logo_layout.hpp"
#include "filters/logo_source.hpp"
#include "filters/placement.hpp"
#include "logo_files.hpp"
#include "test_image.hpp"

namespace lote::test {
namespace {

struct Changed {
    int left = 0, top = 0, right = -1, bottom = -1;  // inclusive; empty when right < left
    int width() const { return right - left + 1; }
    int height() const { return bottom - top + 1; }
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

Img uniform(int w, int h, std::vector<std::uint8_t> pixel) {
    Img img(w, h, static_cast<int>(pixel.size()));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < img.bands; ++c) img.at(y, x, c) = pixel[c];
    return img;
}

class LogoTest : public ::testing::Test {
  protected:
    TempFolder folder;
    // Opaque blue, twice as wide as high.
    std::string blue = write_logo(folder.file("blue.png"), 200, 100, 0, 0, 255, 255);
};

// Where a logo of `logo_w` × `logo_h` is expected, from the parameters alone.
Box expected_box(int w, int h, int logo_w, int logo_h, double percent, const char* where,
                 double margin_percent = 3) {
    const Placement p = *placement_named(where);
    const int margin =
        p.centred() ? 0 : static_cast<int>(std::lround(std::min(w, h) * margin_percent / 100.0));
    int lw = std::max(1, static_cast<int>(std::lround(w * percent / 100.0)));
    int lh = std::max(1, static_cast<int>(std::lround(lw * double(logo_h) / logo_w)));
    if (lw + 2 * margin > w || lh + 2 * margin > h) {
        const Size fitted = logo_size({w, h}, {logo_w, logo_h}, percent, margin);
        lw = fitted.width, lh = fitted.height;
        EXPECT_LE(lw, std::max(1, w - 2 * margin));
        EXPECT_LE(lh, std::max(1, h - 2 * margin));
    }
    const int left = p.horizontal < 0 ? margin : p.horizontal > 0 ? w - lw - margin : (w - lw) / 2;
    const int top = p.vertical < 0 ? margin : p.vertical > 0 ? h - lh - margin : (h - lh) / 2;
    // Too large to keep its margin: centred on that axis.
    return {lw + margin > w ? (w - lw) / 2 : left, lh + margin > h ? (h - lh) / 2 : top, lw, lh};
}

TEST_F(LogoTest, EveryPlacementOnLandscapePortraitTinyAndGreyImages) {
    const std::pair<int, int> sizes[] = {{1000, 600}, {600, 1000}, {333, 333}, {40, 30}, {7, 5}};
    const std::vector<std::vector<std::uint8_t>> bases = {
        {128, 128, 128}, {128}, {128, 128, 128, 255}, {128, 255}};
    for (auto [w, h] : sizes) {
        for (const auto& pixel : bases) {
            const Img in = uniform(w, h, pixel);
            for (const auto& name : placement_names()) {
                const Img out = run("logo", in, {{"archivo", blue}, {"posicion", name.english}});
                ASSERT_EQ(out.width, w);
                ASSERT_EQ(out.bands, in.bands);
                const Changed got = changed_box(in, out);
                const Box want = expected_box(w, h, 200, 100, 15, name.id);
                const std::string what = std::to_string(w) + "x" + std::to_string(h) + " bands " +
                                         std::to_string(in.bands) + " " + name.id;
                EXPECT_EQ(got.left, want.left) << what;
                EXPECT_EQ(got.top, want.top) << what;
                EXPECT_EQ(got.width(), want.width) << what;
                EXPECT_EQ(got.height(), want.height) << what;
            }
        }
    }
}

TEST_F(LogoTest, DefaultsAreBottomRightAtFifteenPercentWithAThreePercentMargin) {
    const Img in = uniform(1000, 800, {10, 10, 10});
    const Changed got = changed_box(in, run("logo", in, {{"archivo", blue}}));
    EXPECT_EQ(got.width(), 150);
    EXPECT_EQ(got.height(), 75);
    EXPECT_EQ(got.right, 1000 - 24 - 1);
    EXPECT_EQ(got.bottom, 800 - 24 - 1);
}

TEST_F(LogoTest, SizeAndMarginAreAsAsked) {
    const Img in = uniform(1200, 900, {10, 10, 10});
    for (double percent : {1.0, 12.0, 33.3, 50.0}) {
        const Changed got = changed_box(
            in, run("logo", in, {{"archivo", blue}, {"tamano", percent}, {"margen", 5}}));
        EXPECT_EQ(got.width(), std::lround(1200 * percent / 100)) << percent;
        EXPECT_EQ(got.right, 1200 - 45 - 1) << percent;
        EXPECT_EQ(got.bottom, 900 - 45 - 1) << percent;
    }
    // As wide as the image less its margins at most, still in proportion.
    const Changed whole =
        changed_box(in, run("logo", in, {{"archivo", blue}, {"tamano", 100}, {"margen", 0}}));
    EXPECT_EQ(whole.width(), 1200);
    EXPECT_EQ(whole.height(), 600);
    const Changed held = changed_box(in, run("logo", in, {{"archivo", blue}, {"tamano", 100}}));
    EXPECT_EQ(held.width(), 1200 - 2 * 27);
    EXPECT_EQ(held.left, 27);
}

// Straight-alpha "over": out = L·a + B·(1 − a) with a = alpha/255 · opacity.
TEST_F(LogoTest, OpacityAndAlphaMathsOverAnOpaqueImage) {
    const std::string half = write_logo(folder.file("half.png"), 40, 20, 200, 50, 0, 128);
    const Img in = uniform(400, 300, {20, 100, 240});
    for (double opacity : {1.0, 0.5, 0.25}) {
        const Img out =
            run("logo", in, {{"archivo", half}, {"opacidad", opacity}, {"posicion", "centro"}});
        const double a = 128 / 255.0 * opacity;
        const double want[] = {200 * a + 20 * (1 - a), 50 * a + 100 * (1 - a), 240 * (1 - a)};
        for (int c = 0; c < 3; ++c) EXPECT_NEAR(out.at(150, 200, c), want[c], 1.0) << opacity;
    }
    const Img solid =
        run("logo", in, {{"archivo", blue}, {"opacidad", 1.0}, {"posicion", "centro"}});
    EXPECT_EQ(solid.at(150, 200, 0), 0);
    EXPECT_EQ(solid.at(150, 200, 2), 255);
    EXPECT_EQ(run("logo", in, {{"archivo", blue}, {"opacidad", 0.0}}).data, in.data);
}

TEST_F(LogoTest, AlphaMathsOverATransparentImage) {
    const std::string half = write_logo(folder.file("half.png"), 40, 20, 200, 50, 0, 128);
    const Img in = uniform(400, 300, {20, 100, 240, 100});
    const Img out = run("logo", in, {{"archivo", half}, {"opacidad", 0.5}, {"posicion", "centro"}});
    const double a = 128 / 255.0 * 0.5;
    const double b = 100 / 255.0;
    const double out_a = a + b * (1 - a);
    EXPECT_NEAR(out.at(150, 200, 3), out_a * 255, 1.0);
    const double logo[] = {200, 50, 0};
    const double base[] = {20, 100, 240};
    for (int c = 0; c < 3; ++c) {
        EXPECT_NEAR(out.at(150, 200, c), (logo[c] * a + base[c] * b * (1 - a)) / out_a, 1.0) << c;
    }
    EXPECT_EQ(out.at(0, 0, 3), 100);  // outside the logo: untouched
}

TEST_F(LogoTest, GreyImagesGetTheLogoInGrey) {
    const std::string red = write_logo(folder.file("red.png"), 40, 20, 255, 0, 0, 255);
    const Img in = uniform(300, 300, {200});
    const Img out = run("logo", in, {{"archivo", red}, {"posicion", "centro"}});
    ASSERT_EQ(out.bands, 1);
    // libvips' own conversion of that red to grey.
    const vips::VImage probe =
        to_vips(uniform(1, 1, {255, 0, 0})).colourspace(VIPS_INTERPRETATION_B_W);
    EXPECT_NEAR(out.at(150, 150, 0), from_vips(probe).at(0, 0, 0), 1.0);
    EXPECT_EQ(out.at(0, 0, 0), 200);
}

TEST_F(LogoTest, TransparentPartsOfTheLogoLeaveTheImageAlone) {
    Img mark(100, 50, 4);
    for (int y = 0; y < 50; ++y)
        for (int x = 0; x < 100; ++x) {
            mark.at(y, x, 0) = 255, mark.at(y, x, 1) = 255, mark.at(y, x, 2) = 0;
            mark.at(y, x, 3) = x < 50 ? 0 : 255;
        }
    const std::string path = folder.file("halfclear.png");
    to_vips(mark).pngsave(path.c_str());
    const Img in = uniform(1000, 1000, {30, 30, 30});
    const Img out = run("logo", in, {{"archivo", path}, {"tamano", 10}, {"posicion", "centro"}});
    const Changed got = changed_box(in, out);
    // The logo spans 450..549; its clear left half (resampling may bleed a pixel or two).
    EXPECT_GE(got.left, 497);
    EXPECT_LE(got.left, 500);
    EXPECT_EQ(got.right, 549);
    EXPECT_EQ(out.at(500, 460, 0), 30);
    EXPECT_EQ(out.at(500, 540, 0), 255);
}

TEST_F(LogoTest, WebPLogosAndTheImagesProfileAreHonoured) {
    const std::string webp = write_logo(folder.file("red.webp"), 40, 20, 255, 0, 0, 255);
    Img plain = uniform(300, 300, {128, 128, 128});
    const Img srgb = run("logo", plain, {{"archivo", webp}, {"posicion", "centro"}});
    EXPECT_EQ(srgb.at(150, 150, 0), 255);
    EXPECT_EQ(srgb.at(150, 150, 1), 0);
    // The same image tagged as Display P3: the logo's red is converted into that space.
    VipsBlob* p3 = nullptr;
    ASSERT_EQ(vips_profile_load("p3", &p3, nullptr), 0);
    std::size_t length = 0;
    const void* bytes = vips_blob_get(p3, &length);
    vips::VImage tagged = to_vips(plain).copy();
    vips_image_set_blob_copy(tagged.get_image(), VIPS_META_ICC_NAME, bytes, length);
    const FilterSpec& f = filter_named("logo");
    auto params = Registry::instance().validate(f, {{"archivo", webp}, {"posicion", "centro"}});
    ASSERT_TRUE(params);
    const Img out = from_vips(f.apply(tagged, *params));
    vips::VImage red = to_vips(uniform(1, 1, {255, 0, 0}));
    const std::string profile = folder.file("p3.icc");
    write_bytes(profile, std::string(static_cast<const char*>(bytes), length));
    vips_area_unref(VIPS_AREA(p3));
    const Img want = from_vips(red.icc_transform(
        profile.c_str(), vips::VImage::option()->set("input_profile", "srgb")->set("depth", 8)));
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(out.at(150, 150, c), want.at(0, 0, c), 1.0) << c;
    EXPECT_LT(out.at(150, 150, 0), 250);  // not sRGB's red copied as is
    EXPECT_EQ(out.at(0, 0, 0), 128);
}

TEST_F(LogoTest, DecodedOncePerJobAndSharedByThreads) {
    const std::string path = write_logo(folder.file("once.png"), 64, 32, 9, 99, 199, 255);
    auto chain = parse_chain("logo:archivo='" + path + "'");
    ASSERT_TRUE(chain) << chain.message();
    const std::uint64_t before = LogoCache::instance().decodes();
    ASSERT_TRUE(prepare_chain_resources({*chain}));  // the job's set-up
    EXPECT_EQ(LogoCache::instance().decodes(), before + 1);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&chain, t] {
            for (int i = 0; i < 5; ++i) {
                const Img in = uniform(300 + 10 * t + i, 200, {1, 2, 3});
                (void)from_vips(apply_chain(to_vips(in), *chain));
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(LogoCache::instance().decodes(), before + 1);
    // The next job's set-up decodes it again only when the file changed.
    ASSERT_TRUE(prepare_chain_resources({*chain}));
    EXPECT_EQ(LogoCache::instance().decodes(), before + 1);
    const std::string stamp = chain_fingerprint(*chain);
    write_logo(path, 64, 32, 250, 0, 0, 255);
    fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(2));
    ASSERT_TRUE(prepare_chain_resources({*chain}));
    EXPECT_EQ(LogoCache::instance().decodes(), before + 2);
    EXPECT_NE(chain_fingerprint(*chain), stamp);  // outputs made with the old logo are redone
    const Img out = from_vips(apply_chain(to_vips(uniform(400, 400, {0, 0, 0})), *chain));
    EXPECT_EQ(out.at(400 - 12 - 5, 400 - 12 - 5, 0), 250);
}

std::string be32(std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string png_chunk(const std::string& type, const std::string& data) {
    const std::string body = type + data;
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char c : body) {
        crc ^= c;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return be32(static_cast<std::uint32_t>(data.size())) + body + be32(~crc);
}

// A well-formed PNG announcing width × height whose pixel data holds one byte: a decoder reads
// its header, and would need gigabytes for its pixels.
std::string png_announcing(std::uint32_t width, std::uint32_t height) {
    const std::string header = be32(width) + be32(height) + std::string("\x08\x06\x00\x00\x00", 5);
    // A zlib stream of one stored block holding a single zero byte.
    const std::string pixels("\x78\x01\x01\x01\x00\xfe\xff\x00\x00\x01\x00\x01", 12);
    return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", header) +
           png_chunk("IDAT", pixels) + png_chunk("IEND", "");
}

TEST_F(LogoTest, BadLogoFilesAreRefusedBeforeAnyWorkNamingTheParameter) {
    const std::string good = write_logo(folder.file("good.png"), 10, 10, 1, 2, 3, 255);
    std::string png_bytes;
    {
        std::ifstream in(good, std::ios::binary);
        png_bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    const std::string big = folder.file("huge.png");
    write_bytes(big, "\x89PNG\r\n\x1a\n");
    fs::resize_file(big, kMaxLogoBytes + 1);  // sparse
    vips::VImage::black(16, 16).jpegsave(folder.file("photo.jpg").c_str());
    fs::create_directory(folder.file("folder.png"));
    const std::pair<std::string, std::string> cases[] = {
        {folder.file("missing.png"), "does not exist"},
        {folder.file("folder.png"), "is a folder"},
        {write_bytes(folder.file("empty.png"), ""), "is empty"},
        {write_bytes(folder.file("notes.png"), "just some words\n"), "not a PNG or WebP"},
        {folder.file("photo.jpg"), "is a JPEG image"},
        {write_bytes(folder.file("cut.png"), png_bytes.substr(0, png_bytes.size() / 2)),
         "cannot be decoded"},
        {write_bytes(folder.file("giant.png"), png_announcing(9000, 9000)),
         "more than a logo's limit"},
        {big, "more than a logo's limit"},
    };
    for (const auto& [path, reason] : cases) {
        auto chain = parse_chain("nitidez | logo:archivo='" + path + "'", "web");
        ASSERT_TRUE(chain) << chain.message();  // the text is fine; the file is not
        const Status ready = prepare_chain_resources({*chain});
        ASSERT_FALSE(ready) << path;
        EXPECT_NE(ready.message().find("chain \"web\", step 2: logo: parameter \"archivo\""),
                  std::string::npos)
            << ready.message();
        EXPECT_NE(ready.message().find(reason), std::string::npos) << ready.message();
        EXPECT_NE(ready.message().find(fs::path(path).filename().string()), std::string::npos)
            << ready.message();
    }
    auto single = parse_chain("logo:archivo='" + folder.file("missing.png") + "'");
    ASSERT_TRUE(single);
    const Status missing = prepare_chain_resources({*single});
    EXPECT_EQ(missing.message().rfind("logo: parameter \"archivo\": ", 0), 0u) << missing.message();
    EXPECT_EQ(missing.kind(), ErrorKind::not_found);
}

TEST_F(LogoTest, FileParametersGoThroughTheResolver) {
    auto chain = parse_chain("logo:archivo=marca.png,tamano=20");
    ASSERT_TRUE(chain);
    std::vector<Chain> chains{*chain};
    ASSERT_TRUE(resolve_step_files(chains, [this](const std::string& given) -> Result<std::string> {
        return folder.file(given);
    }));
    EXPECT_EQ(chains[0].steps[0].params.text("archivo"), folder.file("marca.png"));
    EXPECT_EQ(files_read_by(chains), std::vector<std::string>{folder.file("marca.png")});
    const Status refused =
        resolve_step_files(chains, [](const std::string&) -> Result<std::string> {
            return fail(ErrorKind::refused, "outside the input folder");
        });
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.kind(), ErrorKind::refused);
    EXPECT_EQ(refused.message(), "logo: parameter \"archivo\": outside the input folder");
}

TEST(LogoLayout, KeepsTheLogosProportionsAndFitsTinyImages) {
    EXPECT_EQ(logo_size({1000, 800}, {200, 100}, 15, 24), (Size{150, 75}));
    EXPECT_EQ(logo_size({1080, 1350}, {512, 512}, 12, 32), (Size{130, 130}));
    EXPECT_EQ(logo_size({1, 1}, {200, 100}, 15, 0), (Size{1, 1}));
    EXPECT_EQ(logo_size({100, 10}, {100, 100}, 50, 0), (Size{10, 10}));  // tall logo, flat image
    const Size tiny = logo_size({7, 5}, {200, 100}, 100, 2);
    EXPECT_LE(tiny.width, 3);
    EXPECT_LE(tiny.height, 1);
    EXPECT_GE(tiny.width, 1);
}

}  // namespace
}  // namespace lote::test
