// Telling a whole image file from one cut short, by its container alone.
#include "pipeline/file_structure.hpp"

#include "pipeline_fixture.hpp"

namespace lote::testing {
namespace {

class FileStructureTest : public PipelineTest {
  protected:
    std::string bytes_of(const std::string& name) {
        std::ifstream file(path(name), std::ios::binary);
        return {std::istreambuf_iterator<char>(file), {}};
    }
    // Writes the first `fraction` of `name`'s bytes to `cut`.
    void cut(const std::string& name, const std::string& cut, double fraction) {
        std::string bytes = bytes_of(name);
        std::ofstream(path(cut), std::ios::binary)
            << bytes.substr(0, static_cast<std::size_t>(bytes.size() * fraction));
    }
};

TEST_F(FileStructureTest, WholeAndCutShortJpegPngGifWebp) {
    VImage picture = rgb_picture(120, 80);
    for (const char* name : {"a.jpg", "a.png", "a.gif", "a.webp"}) {
        picture.write_to_file(path(name).c_str());
        EXPECT_EQ(check_file_structure(path(name)).ending, FileEnding::complete) << name;
        for (double fraction : {0.3, 0.9}) {
            std::string part = std::string("part-") + std::to_string(fraction) + name;
            cut(name, part, fraction);
            FileStructure structure = check_file_structure(path(part));
            EXPECT_EQ(structure.ending, FileEnding::truncated) << part;
            EXPECT_FALSE(structure.problem.empty()) << part;
        }
    }
}

TEST_F(FileStructureTest, CountsAGifsFramesAndKnowsNothingOfText) {
    VImage frames = rgb_picture(30, 20)
                        .join(rgb_picture(30, 20).invert(), VIPS_DIRECTION_VERTICAL)
                        .join(rgb_picture(30, 20), VIPS_DIRECTION_VERTICAL)
                        .copy();
    frames.set("page-height", 20);
    frames.write_to_file(path("moving.gif").c_str());
    FileStructure gif = check_file_structure(path("moving.gif"));
    EXPECT_EQ(gif.ending, FileEnding::complete);
    EXPECT_EQ(gif.frames, 3);
    std::ofstream(path("notes.jpg")) << "not an image";
    EXPECT_EQ(check_file_structure(path("notes.jpg")).ending, FileEnding::unknown);
    EXPECT_EQ(check_file_structure(path("missing.jpg")).ending, FileEnding::unknown);
}

}  // namespace
}  // namespace lote::testing
