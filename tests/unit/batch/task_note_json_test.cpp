#include "batch/task_note_json.hpp"

#include <gtest/gtest.h>

namespace lote {
namespace {

TEST(TaskNoteJson, ComesBackAsItWent) {
    TaskNote note;
    note.image = "2024/ñandú.jpg";
    note.input_key = "/photos/2024/ñandú.jpg";
    note.stamp = {123456, 1700000000123456789LL, "abc123"};
    note.outputs["grises"] = {"grises/2024/ñandú.jpg", "grises|q=90"};
    note.outputs["web"] = {"web/2024/ñandú.webp", "fit 1600"};
    auto back = task_note_from_text(task_note_to_text(note));
    ASSERT_TRUE(back) << back.message();
    EXPECT_EQ(back->image, note.image);
    EXPECT_EQ(back->input_key, note.input_key);
    EXPECT_EQ(back->stamp.size, note.stamp.size);
    EXPECT_EQ(back->stamp.mtime_ns, note.stamp.mtime_ns);
    EXPECT_EQ(back->stamp.hash, note.stamp.hash);
    ASSERT_EQ(back->outputs.size(), 2u);
    EXPECT_EQ(back->outputs["web"].relative, "web/2024/ñandú.webp");
    EXPECT_EQ(back->outputs["web"].settings, "fit 1600");
}

TEST(TaskNoteJson, RefusesWhatIsNotANote) {
    for (const char* text : {"", "[]", "{}", R"({"image": 1})", "not json"}) {
        auto note = task_note_from_text(text);
        EXPECT_FALSE(note) << text;
    }
}

}  // namespace
}  // namespace lote
