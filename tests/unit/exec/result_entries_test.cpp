// What the coordinator believes of a node's result: the paths it planned, and for a name only the
// node can render ({w}, {h}, {date}) a name of that pattern directly in the planned folder;
// anything else a node reports is that output failed, never a path taken on trust.
#include "exec/redis/result_entries.hpp"

#include <gtest/gtest.h>

namespace lote {
namespace {

NamePattern width_by_height() {
    NamePattern pattern;
    pattern.pieces = {{NamePieceKind::Text, "img_"},
                      {NamePieceKind::Width, ""},
                      {NamePieceKind::Text, "x"},
                      {NamePieceKind::Height, ""}};
    pattern.extension = ".png";
    return pattern;
}

ImageTask task_with(OutputRequest output) {
    ImageTask task;
    task.id = 7;
    task.input = "/share/in/img.png";
    output.chain.name = "grises";
    task.outputs.push_back(std::move(output));
    return task;
}

OutputRequest rendered_in(const std::string& folder) {
    OutputRequest request;
    request.folder = folder;
    request.name = width_by_height();
    return request;
}

StreamEntry done_entry(const std::string& reported_path) {
    ImageResult sent;
    sent.id = 7;
    OutputResult output;
    output.chain = "grises";
    output.path = reported_path;
    output.ok = true;
    sent.outputs.push_back(output);
    return {"1-0",
            {{"kind", "done"}, {"task", "7"}, {"node", "n1"}, {"result", to_json(sent).dump()}}};
}

TEST(PlannedResult, ARenderedNameInThePlannedFolderIsTaken) {
    for (const std::string folder : {"/share/out/grises/", "/share/out/grises"}) {
        auto result = planned_result(done_entry("/share/out/grises/img_64x40.png"),
                                     task_with(rendered_in(folder)));
        ASSERT_EQ(result.outputs.size(), 1u);
        EXPECT_TRUE(result.outputs[0].ok) << folder << ": " << result.outputs[0].message;
        EXPECT_EQ(result.outputs[0].path, "/share/out/grises/img_64x40.png") << folder;
        EXPECT_EQ(result.node, "n1");
    }
    // Renamed away from a file the user had there ("-1" before the extension).
    auto renamed = planned_result(done_entry("/share/out/grises/img_64x40-1.png"),
                                  task_with(rendered_in("/share/out/grises/")));
    EXPECT_TRUE(renamed.outputs[0].ok) << renamed.outputs[0].message;
}

TEST(PlannedResult, AnyOtherPathANodeReportsFailsThatOutput) {
    for (const std::string forged :
         {"/etc/passwd", "/share/out/grises/sub/img_64x40.png", "/share/out/grises/../img_1x1.png",
          "/share/out/sepia/img_64x40.png", "/share/out/grises/other.png", "img_64x40.png", ""}) {
        auto result =
            planned_result(done_entry(forged), task_with(rendered_in("/share/out/grises/")));
        ASSERT_EQ(result.outputs.size(), 1u);
        EXPECT_FALSE(result.outputs[0].ok) << forged;
        EXPECT_TRUE(result.outputs[0].path.empty()) << forged;
        EXPECT_NE(result.outputs[0].message.find("outside its folder"), std::string::npos)
            << forged << ": " << result.outputs[0].message;
    }
}

TEST(PlannedResult, APlannedPathIsKeptWhateverTheNodeSays) {
    OutputRequest planned;
    planned.path = "/share/out/grises/img_grises.png";
    auto result = planned_result(done_entry("/tmp/elsewhere.png"), task_with(planned));
    ASSERT_EQ(result.outputs.size(), 1u);
    EXPECT_TRUE(result.outputs[0].ok);
    EXPECT_EQ(result.outputs[0].path, "/share/out/grises/img_grises.png");
}

}  // namespace
}  // namespace lote
