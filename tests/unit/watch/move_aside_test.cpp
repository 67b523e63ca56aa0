// Moving a processed input away: never replacing what is there, never half-moved.
#include "watch/move_aside.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace lote::watch {
namespace {

namespace fs = std::filesystem;

class MoveAside : public ::testing::Test {
  protected:
    void SetUp() override {
        root_ = fs::temp_directory_path() / ("lote-move-aside-" + std::to_string(::getpid()));
        fs::remove_all(root_);
        fs::create_directories(root_ / "in");
    }
    void TearDown() override { fs::remove_all(root_); }
    static void write(const fs::path& path, const std::string& text) {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
    }
    static std::string read(const fs::path& path) {
        std::ifstream file(path, std::ios::binary);
        std::stringstream text;
        text << file.rdbuf();
        return text.str();
    }
    fs::path root_;
};

TEST_F(MoveAside, MovesIntoSubFoldersItMakes) {
    write(root_ / "in" / "a" / "x.jpg", "one");
    auto moved = move_aside(root_ / "in" / "a" / "x.jpg", root_ / "done", "a/x.jpg");
    ASSERT_TRUE(moved) << moved.message();
    EXPECT_EQ(*moved, root_ / "done" / "a" / "x.jpg");
    EXPECT_EQ(read(*moved), "one");
    EXPECT_FALSE(fs::exists(root_ / "in" / "a" / "x.jpg"));
}

TEST_F(MoveAside, NeverReplacesAFileAlreadyThere) {
    write(root_ / "done" / "x.jpg", "old");
    write(root_ / "done" / "x-1.jpg", "older");
    write(root_ / "in" / "x.jpg", "new");
    auto moved = move_aside(root_ / "in" / "x.jpg", root_ / "done", "x.jpg");
    ASSERT_TRUE(moved) << moved.message();
    EXPECT_EQ(moved->filename(), "x-2.jpg");
    EXPECT_EQ(read(root_ / "done" / "x.jpg"), "old");
    EXPECT_EQ(read(root_ / "done" / "x-1.jpg"), "older");
    EXPECT_EQ(read(*moved), "new");
}

TEST_F(MoveAside, AFileThatIsGoneIsAClearErrorAndNothingIsMade) {
    auto moved = move_aside(root_ / "in" / "nothing.jpg", root_ / "done", "nothing.jpg");
    ASSERT_FALSE(moved);
    EXPECT_NE(moved.message().find("nothing.jpg"), std::string::npos) << moved.message();
    EXPECT_FALSE(fs::exists(root_ / "done" / "nothing.jpg"));
}

}  // namespace
}  // namespace lote::watch
