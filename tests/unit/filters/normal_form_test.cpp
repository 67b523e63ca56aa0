// Every filter on every shape of the normal form: RGB, RGB + alpha, grey, grey + alpha, and
// images of 1×1 and 2×2 pixels. Alpha passes through; colour results do not depend on it.

#include <gtest/gtest.h>

#include "logo_files.hpp"
#include "test_image.hpp"

namespace lote::test {
namespace {

const std::string& test_logo() {
    static TempFolder folder;
    static const std::string logo = write_logo(folder.file("logo.png"), 8, 4, 200, 30, 60, 180);
    return logo;
}

// Parameters that make each filter do something visible on a small image.
nlohmann::json params_for(const std::string& id) {
    if (id == "ajustar") return {{"ancho", 4}};
    if (id == "redimensionar") return {{"porcentaje", 60}};
    if (id == "rellenar") return {{"ancho", 5}, {"alto", 2}};
    if (id == "lienzo") return {{"ancho", 5}, {"alto", 9}, {"color", "#808080"}};
    if (id == "recortar") return {{"proporcion", "1:1"}};
    if (id == "logo") return {{"archivo", test_logo()}, {"tamano", 50}, {"opacidad", 0.7}};
    return nlohmann::json::object();
}

bool keeps_geometry(const std::string& id) {
    return id != "ajustar" && id != "redimensionar" && id != "rotar" && id != "voltear" &&
           id != "rellenar" && id != "lienzo" && id != "recortar";
}

// A logo drawn over a partly transparent pixel blends with it by that pixel's alpha.
bool colour_ignores_alpha(const std::string& id) {
    return id != "logo";
}

Img colour_of(const Img& img, int channels) {
    Img out(img.width, img.height, channels);
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x)
            for (int c = 0; c < channels; ++c) out.at(y, x, c) = img.at(y, x, c);
    return out;
}

Img with_alpha(const Img& colour, unsigned seed) {
    const Img alpha = random_image(colour.width, colour.height, 1, seed);
    Img out(colour.width, colour.height, colour.bands + 1);
    for (int y = 0; y < colour.height; ++y)
        for (int x = 0; x < colour.width; ++x) {
            for (int c = 0; c < colour.bands; ++c) out.at(y, x, c) = colour.at(y, x, c);
            out.at(y, x, colour.bands) = alpha.at(y, x, 0);
        }
    return out;
}

class EveryFilter : public ::testing::TestWithParam<std::string> {};

TEST_P(EveryFilter, AlphaPassesThroughAndColourIsUnaffectedByIt) {
    const std::string id = GetParam();
    for (int channels : {1, 3}) {
        const Img colour = random_image(9, 7, channels, 41);
        const Img rgba = with_alpha(colour, 43);
        const Img plain = run(id.c_str(), colour, params_for(id));
        const Img out = run(id.c_str(), rgba, params_for(id));
        ASSERT_EQ(out.bands, plain.bands + 1) << id << " channels " << channels;
        if (colour_ignores_alpha(id)) {
            EXPECT_EQ(colour_of(out, plain.bands).data, plain.data) << id;
        }
        if (keeps_geometry(id) && colour_ignores_alpha(id)) {
            for (int y = 0; y < rgba.height; ++y)
                for (int x = 0; x < rgba.width; ++x)
                    ASSERT_EQ(out.at(y, x, out.bands - 1), rgba.at(y, x, channels)) << id;
        }
    }
}

TEST_P(EveryFilter, AcceptsGreyscale) {
    const std::string id = GetParam();
    const Img grey = random_image(9, 7, 1, 47);
    const Img out = run(id.c_str(), grey, params_for(id));
    EXPECT_EQ(out.bands, id == "sepia" ? 3 : 1) << id;
}

TEST_P(EveryFilter, TinyImagesDoNotBreakIt) {
    const std::string id = GetParam();
    for (auto [w, h] : {std::pair{1, 1}, {2, 2}, {1, 3}, {3, 1}}) {
        for (int bands : {1, 2, 3, 4}) {
            const Img in = random_image(w, h, bands, 53);
            Img out;
            ASSERT_NO_THROW(out = run(id.c_str(), in, params_for(id)))
                << id << " " << w << "x" << h;
            EXPECT_GE(out.width, 1);
            EXPECT_GE(out.height, 1);
            if (keeps_geometry(id)) {
                EXPECT_EQ(out.width, w) << id;
                EXPECT_EQ(out.height, h) << id;
            }
        }
    }
}

TEST_P(EveryFilter, OutputIsInTheNormalForm) {
    const std::string id = GetParam();
    const FilterSpec& f = filter_named(id.c_str());
    auto params = Registry::instance().validate(f, params_for(id));
    ASSERT_TRUE(params.ok());
    for (int bands : {1, 2, 3, 4}) {
        const vips::VImage out = f.apply(to_vips(random_image(6, 5, bands, 59)), *params);
        EXPECT_EQ(out.format(), VIPS_FORMAT_UCHAR) << id;
        EXPECT_TRUE(out.bands() >= 1 && out.bands() <= 4) << id;
        const auto kind = out.interpretation();
        EXPECT_TRUE(out.bands() >= 3 ? kind == VIPS_INTERPRETATION_sRGB
                                     : kind == VIPS_INTERPRETATION_B_W)
            << id << " bands " << out.bands() << " interpretation " << kind;
    }
}

std::vector<std::string> all_ids() {
    std::vector<std::string> ids;
    for (const auto& f : Registry::instance().all()) ids.push_back(f.id);
    return ids;
}

INSTANTIATE_TEST_SUITE_P(Filters, EveryFilter, ::testing::ValuesIn(all_ids()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace lote::test
