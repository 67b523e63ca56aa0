// The project's real photographs (LOTE_PHOTOS_DIR) decode cleanly with the strict settings
// (fail_on=error must not refuse ordinary camera files), and shrink-on-load gives exact sizes.
#include "filters/geometry.hpp"
#include "pipeline/load_image.hpp"
#include "pipeline/normal_form.hpp"
#include "pipeline/process_image.hpp"
#include "pipeline_fixture.hpp"

namespace lote::testing {
namespace {

using RealPhotosTest = PipelineTest;

std::vector<fs::path> photos() {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(LOTE_PHOTOS_DIR, ec)) {
        found.push_back(entry.path());
    }
    std::sort(found.begin(), found.end());
    return found;
}

TEST_F(RealPhotosTest, EveryPhotoDecodesToNormalForm) {
    auto all = photos();
    if (all.empty()) {
        GTEST_SKIP() << "no photos in " << LOTE_PHOTOS_DIR;
    }
    for (const auto& photo : all) {
        auto decoded = decode_image(photo.string(), {}, 8);  // shrunk: keeps the test fast
        ASSERT_TRUE(decoded.ok()) << photo << ": " << decoded.message();
        EXPECT_TRUE(is_normal_form(decoded->image)) << photo;
    }
}

TEST_F(RealPhotosTest, FitOfARealPhotoHasTheSizeComputedFromTheOriginal) {
    auto all = photos();
    if (all.empty()) {
        GTEST_SKIP() << "no photos in " << LOTE_PHOTOS_DIR;
    }
    auto header = read_image_header(all.front().string(), {});
    ASSERT_TRUE(header.ok()) << header.message();
    auto fit = parse_chain("ajustar:ancho=301");
    ASSERT_TRUE(fit.ok());
    WantedSize expected = fitted_size({header->width, header->height}, fit->steps.front().params);
    ImageTask task{1, all.front().string(), {{*fit, path("fit.jpg")}}, {}, {}};
    ImageResult result = process_image(task);
    ASSERT_TRUE(result.outputs.at(0).ok) << result.outputs[0].message;
    VImage out = VImage::new_from_file(path("fit.jpg").c_str());
    EXPECT_EQ(out.width(), expected.width);
    EXPECT_EQ(out.height(), expected.height);
}

}  // namespace
}  // namespace lote::testing
