#include "pipeline/samples.hpp"

#include "pipeline/load_image.hpp"
#include "pipeline_fixture.hpp"

namespace lote::testing {
namespace {

using SamplesTest = PipelineTest;

TEST_F(SamplesTest, WritesTheAskedNumberOfJpegsOfTheAskedSize) {
    ASSERT_TRUE(generate_samples(path("samples"), 7, 96, 64, 5).ok());
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path("samples"))) {
        names.push_back(entry.path().filename().string());
        VImage image = VImage::new_from_file(entry.path().c_str());
        EXPECT_EQ(std::string(image.get_string("vips-loader")), "jpegload");
        EXPECT_EQ(image.width(), 96);
        EXPECT_EQ(image.height(), 64);
        EXPECT_GT(image.deviate(), 5.0) << entry.path() << " should not be flat";
    }
    std::sort(names.begin(), names.end());
    ASSERT_EQ(names.size(), 7u);
    EXPECT_EQ(names[0], "sample_001_gradient.jpg");
    EXPECT_EQ(names[1], "sample_002_shapes.jpg");
    EXPECT_EQ(names[2], "sample_003_checkerboard.jpg");
    EXPECT_EQ(names[6], "sample_007_gradient.jpg");
}

TEST_F(SamplesTest, SameSeedSamePicturesOtherSeedOtherPictures) {
    ASSERT_TRUE(generate_samples(path("a"), 6, 64, 48, 42).ok());
    ASSERT_TRUE(generate_samples(path("b"), 6, 64, 48, 42).ok());
    ASSERT_TRUE(generate_samples(path("c"), 6, 64, 48, 43).ok());
    int differing = 0;
    for (const auto& entry : fs::directory_iterator(path("a"))) {
        std::string name = entry.path().filename().string();
        EXPECT_EQ(read_bytes(path("a/" + name)), read_bytes(path("b/" + name))) << name;
        differing += read_bytes(path("a/" + name)) != read_bytes(path("c/" + name)) ? 1 : 0;
    }
    EXPECT_EQ(differing, 6);
}

TEST_F(SamplesTest, RefusesSillyRequests) {
    EXPECT_FALSE(check_sample_request(0, 100, 100).ok());
    EXPECT_FALSE(check_sample_request(10001, 100, 100).ok());
    EXPECT_FALSE(check_sample_request(1, 10001, 100).ok());
    EXPECT_FALSE(check_sample_request(1, 100, 0).ok());
    EXPECT_TRUE(check_sample_request(10000, 10000, 1).ok());
    Status refused = generate_samples(path("x"), 1, 20000, 20000, 1);
    EXPECT_FALSE(refused.ok());
    EXPECT_NE(refused.message().find("--size"), std::string::npos);
    EXPECT_FALSE(fs::exists(path("x")));
}

TEST_F(SamplesTest, UnwritableFolderFailsWithAMessage) {
    write_bytes(path("file"), "x");
    Status made = generate_samples(path("file/sub"), 2, 16, 16, 1);
    EXPECT_FALSE(made.ok());
    EXPECT_NE(made.message().find("cannot create"), std::string::npos) << made.message();
}

}  // namespace
}  // namespace lote::testing
