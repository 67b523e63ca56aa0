#include "exec/redis/share_check.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "exec/redis/share_marker.hpp"
#include "exec_fixtures.hpp"

namespace lote {
namespace {

namespace fs = std::filesystem;

class ShareCheck : public ::testing::Test {
  protected:
    void SetUp() override {
        fs::create_directories(dir.path() / "share" / "in");
        fs::create_directories(dir.path() / "share" / "out");
        fs::create_directory_symlink(dir.path() / "share", dir.path() / "mount");
        fs::create_directories(dir.path() / "empty");
        in = *find_or_mark_share(dir.path() / "share" / "in");
        out = *find_or_mark_share(dir.path() / "share" / "out");
        shares = {{"/studio/share/in", in.id}, {"/studio/share/out", out.id}};
    }
    testing::ScratchDir dir;
    Share in, out;
    std::vector<ShareView> shares;
};

TEST_F(ShareCheck, AMarkerIsWrittenOnceAndFoundAgainFromBelow) {
    EXPECT_EQ(in.root, dir.path() / "share" / "in");
    EXPECT_EQ(read_share_marker(in.root), in.id);
    EXPECT_NE(in.id, out.id);
    auto again = find_or_mark_share(dir.path() / "share" / "in");
    EXPECT_EQ(again->id, in.id);
    fs::create_directories(dir.path() / "share" / "in" / "2024" / "june");
    auto below = find_or_mark_share(dir.path() / "share" / "in" / "2024" / "june");
    ASSERT_TRUE(below);
    EXPECT_EQ(below->root, in.root) << "a folder inside a share belongs to it";
    EXPECT_FALSE(fs::exists(dir.path() / "share" / "in" / "2024" / "june" / kShareMarkerName));
}

TEST_F(ShareCheck, AMapAboveTheSharesServesThem) {
    std::vector<PathMapping> maps{{"/studio/share", dir.path() / "mount"}};
    EXPECT_EQ(check_maps_at_start(maps, shares).kind, StartVerdict::Kind::Serve);
    CheckedShare checked = check_share(shares[0], maps);
    EXPECT_EQ(checked.sight, ShareSight::Seen);
    EXPECT_EQ(checked.root.from, "/studio/share/in");
    EXPECT_EQ(checked.root.to, dir.path() / "mount" / "in");
}

TEST_F(ShareCheck, AMapOfAFolderInsideAShareFindsTheMarkerAbove) {
    fs::create_directories(dir.path() / "share" / "in" / "2024");
    std::vector<PathMapping> maps{{"/studio/share/in/2024", dir.path() / "mount" / "in" / "2024"}};
    CheckedShare checked = check_share(shares[0], maps);
    EXPECT_EQ(checked.sight, ShareSight::Seen) << describe_sight(checked);
    EXPECT_EQ(checked.root.from, "/studio/share/in/2024");
}

TEST_F(ShareCheck, AMapToTheWrongFolderIsRefused) {
    auto verdict = check_maps_at_start({{"/studio/share", dir.path() / "empty"}}, shares);
    EXPECT_EQ(verdict.kind, StartVerdict::Kind::Refuse);
    EXPECT_NE(verdict.message.find("wrong map"), std::string::npos) << verdict.message;
    fs::create_directories(dir.path() / "empty" / "in");
    verdict = check_maps_at_start({{"/studio/share", dir.path() / "empty"}}, shares);
    EXPECT_EQ(verdict.kind, StartVerdict::Kind::Refuse);
    EXPECT_NE(verdict.message.find("no share marker"), std::string::npos) << verdict.message;
    verdict = check_maps_at_start({{"/elsewhere", dir.path() / "mount"}}, shares);
    EXPECT_EQ(verdict.kind, StartVerdict::Kind::Refuse);
    EXPECT_NE(verdict.message.find("neither inside nor above"), std::string::npos)
        << verdict.message;
    verdict = check_maps_at_start({{"/studio/share", dir.path() / "missing"}}, shares);
    EXPECT_EQ(verdict.kind, StartVerdict::Kind::Refuse);
    EXPECT_NE(verdict.message.find("not a folder"), std::string::npos) << verdict.message;
}

TEST_F(ShareCheck, AnotherSharesMarkerIsAMismatch) {
    fs::create_directories(dir.path() / "other" / "in");
    std::ofstream(dir.path() / "other" / "in" / kShareMarkerName)
        << "lote-share ffffffffffffffffffffffffffffffff\n";
    auto verdict = check_maps_at_start({{"/studio/share", dir.path() / "other"}}, shares);
    EXPECT_EQ(verdict.kind, StartVerdict::Kind::Refuse);
    EXPECT_NE(verdict.message.find("share marker mismatch"), std::string::npos) << verdict.message;
}

TEST_F(ShareCheck, WithoutMapsTheCoordinatorsPathsMustBeHereWithTheirMarkers) {
    std::vector<ShareView> same_paths{{in.root, in.id}, {out.root, out.id}};
    EXPECT_EQ(check_maps_at_start({}, same_paths).kind, StartVerdict::Kind::Serve);
    EXPECT_EQ(check_maps_at_start({}, shares).kind, StartVerdict::Kind::Refuse);
    EXPECT_EQ(check_maps_at_start({}, {}).kind, StartVerdict::Kind::Wait);
}

}  // namespace
}  // namespace lote
