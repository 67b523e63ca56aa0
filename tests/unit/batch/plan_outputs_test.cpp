#include "batch/plan_outputs.hpp"

#include <gtest/gtest.h>

namespace lote {
namespace {

namespace fs = std::filesystem;

std::vector<InputFile> inputs(std::initializer_list<const char*> relatives) {
    std::vector<InputFile> files;
    for (const char* relative : relatives) {
        files.push_back({fs::path("/in") / relative, relative});
    }
    return files;
}

ExtensionFor own_extension() {
    return [](const fs::path& input) { return input.extension().string(); };
}

ExtensionFor always(const std::string& ext) {
    return [ext](const fs::path&) { return ext; };
}

std::vector<std::string> relatives_of(const std::vector<PlannedImage>& plan,
                                      std::size_t chain = 0) {
    std::vector<std::string> result;
    for (const auto& image : plan) {
        result.push_back(image.outputs.at(chain).relative);
    }
    return result;
}

TEST(PlanOutputs, FollowsTheSeedLayoutForEveryChain) {
    auto plan =
        plan_outputs(inputs({"a.jpg", "b.png"}), {"grises", "web"}, "/out", own_extension());
    ASSERT_EQ(plan.size(), 2u);
    EXPECT_EQ(relatives_of(plan, 0),
              (std::vector<std::string>{"grises/a_grises.jpg", "grises/b_grises.png"}));
    EXPECT_EQ(relatives_of(plan, 1), (std::vector<std::string>{"web/a_web.jpg", "web/b_web.png"}));
    EXPECT_EQ(plan[0].outputs[1].path, fs::path("/out/web/a_web.jpg"));
    EXPECT_EQ(plan[1].outputs[1].chain, 1u);
}

TEST(PlanOutputs, MirrorsSubFolders) {
    auto plan = plan_outputs(inputs({"x/y/a.jpg"}), {"sepia"}, "/out", own_extension());
    EXPECT_EQ(plan[0].outputs[0].relative, "sepia/x/y/a_sepia.jpg");
}

TEST(PlanOutputs, SameStemSameFormatGetsTheOriginalExtension) {
    auto plan = plan_outputs(inputs({"a.jpg", "a.png"}), {"grises"}, "/out", always(".webp"));
    EXPECT_EQ(relatives_of(plan),
              (std::vector<std::string>{"grises/a_grises.webp", "grises/a_png_grises.webp"}));
}

TEST(PlanOutputs, DifferentFormatsDoNotCollide) {
    auto plan = plan_outputs(inputs({"a.jpg", "a.png"}), {"grises"}, "/out", own_extension());
    EXPECT_EQ(relatives_of(plan),
              (std::vector<std::string>{"grises/a_grises.jpg", "grises/a_grises.png"}));
}

TEST(PlanOutputs, CaseOnlyDifferencesCollideOnEveryFileSystem) {
    auto plan = plan_outputs(inputs({"A.jpg", "a.jpg"}), {"grises"}, "/out", own_extension());
    EXPECT_EQ(relatives_of(plan),
              (std::vector<std::string>{"grises/A_grises.jpg", "grises/a_jpg_grises.jpg"}));
}

TEST(PlanOutputs, ARenamedOutputThatStillCollidesGetsACounter) {
    auto plan = plan_outputs(inputs({"a.jpg", "a.png", "a_png.jpg", "a_png.png"}), {"g"}, "/out",
                             always(".webp"));
    EXPECT_EQ(relatives_of(plan),
              (std::vector<std::string>{"g/a_g.webp", "g/a_png_g.webp", "g/a_png_jpg_g.webp",
                                        "g/a_png_png_g.webp"}));
    auto no_ext = plan_outputs(inputs({"a", "a.png", "b.png", "b"}), {"g"}, "/out", always(".png"));
    EXPECT_EQ(relatives_of(no_ext),
              (std::vector<std::string>{"g/a_g.png", "g/a_png_g.png", "g/b_g.png", "g/b_2_g.png"}));
}

TEST(PlanOutputs, SameNameInOtherFoldersIsNoCollision) {
    auto plan = plan_outputs(inputs({"a.jpg", "sub/a.jpg"}), {"g"}, "/out", own_extension());
    EXPECT_EQ(relatives_of(plan), (std::vector<std::string>{"g/a_g.jpg", "g/sub/a_g.jpg"}));
}

TEST(PlanOutputs, NamesAreDeterministic) {
    auto files = inputs({"A.jpg", "a.jpg", "a.png", "b.gif"});
    EXPECT_EQ(relatives_of(plan_outputs(files, {"g"}, "/out", always(".webp"))),
              relatives_of(plan_outputs(files, {"g"}, "/out", always(".webp"))));
}

}  // namespace
}  // namespace lote
