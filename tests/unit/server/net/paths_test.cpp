#include "server/net/paths.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "support/temp_dir.hpp"

namespace lote::server {
namespace {

class ConfineTest : public ::testing::Test {
  protected:
    void SetUp() override {
        base_ = dir_.path();
        root_ = base_ / "root";
        fs::create_directories(root_ / "sub");
        fs::create_directories(base_ / "root2");
        fs::create_directories(base_ / "outside");
        std::ofstream(root_ / "sub" / "a.jpg") << "x";
    }
    test_support::TempDir dir_;
    fs::path base_, root_;
};

TEST_F(ConfineTest, AcceptsPathsInsideTheRoot) {
    auto real_root = fs::canonical(root_);
    EXPECT_EQ(*confine(root_, ""), real_root);
    EXPECT_EQ(*confine(root_, "sub"), real_root / "sub");
    EXPECT_EQ(*confine(root_, "sub/a.jpg"), real_root / "sub" / "a.jpg");
    EXPECT_EQ(*confine(root_, "sub/new.jpg"), real_root / "sub" / "new.jpg");  // need not exist
    EXPECT_EQ(*confine(root_, "./sub"), real_root / "sub");
}

TEST_F(ConfineTest, RefusesEveryWayOut) {
    for (const std::string& bad :
         std::vector<std::string>{"..", "../root2", "sub/../..", "/etc/passwd", "sub/../../outside",
                                  "sub\\..\\..", std::string("a\0b", 3), std::string("\xff\xfe"),
                                  std::string("\xc0\xaf"), std::string("\xed\xa0\x80")}) {
        auto r = confine(root_, bad);
        EXPECT_FALSE(r.ok()) << bad;
        if (!r.ok()) {
            EXPECT_FALSE(r.message().empty());
        }
    }
}

TEST_F(ConfineTest, RefusesSymlinksLeadingOut) {
    fs::create_directory_symlink(base_ / "outside", root_ / "out");
    fs::create_directory_symlink(base_ / "root2", root_ / "sibling");
    fs::create_symlink("/etc/passwd", root_ / "pw");
    EXPECT_FALSE(confine(root_, "out").ok());
    EXPECT_FALSE(confine(root_, "out/x.jpg").ok());
    EXPECT_FALSE(confine(root_, "sibling").ok());  // "root2" shares the prefix "root"
    EXPECT_FALSE(confine(root_, "pw").ok());
}

TEST_F(ConfineTest, AcceptsSymlinksStayingInside) {
    fs::create_directory_symlink(root_ / "sub", root_ / "alias");
    EXPECT_EQ(*confine(root_, "alias/a.jpg"), fs::canonical(root_) / "sub" / "a.jpg");
}

TEST(Utf8, ChecksWellFormedness) {
    EXPECT_TRUE(is_valid_utf8("imágenes ñ 日本 😀"));
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_FALSE(is_valid_utf8("\x80"));
    EXPECT_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
    EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong
}

}  // namespace
}  // namespace lote::server
