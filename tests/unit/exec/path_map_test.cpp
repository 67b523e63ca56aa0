#include "exec/redis/path_map.hpp"

#include <gtest/gtest.h>

#include "exec_fixtures.hpp"

namespace lote {
namespace {

namespace fs = std::filesystem;

TEST(PathMapping, ParsesAbsoluteSidesAndRefusesTheRest) {
    auto map = parse_path_mapping("/mnt/nas/=/Volumes/nas/./photos");
    ASSERT_TRUE(map) << map.message();
    EXPECT_EQ(map->from, "/mnt/nas");
    EXPECT_EQ(map->to, "/Volumes/nas/photos");
    for (const char* bad : {"/a", "=/b", "/a=", "a=/b", "/a=b", "/a/../b=/c", "/a=/c/../.."}) {
        EXPECT_FALSE(parse_path_mapping(bad)) << bad;
    }
}

TEST(PathMap, RewritesByTheLongestRootAndBack) {
    PathMap map(std::vector<PathMapping>{{"/srv/share", "/tmp/nowhere-a"},
                                         {"/srv/share/out", "/tmp/nowhere-b"}});
    EXPECT_EQ(*map.to_local("/srv/share/in/a.jpg"), "/tmp/nowhere-a/in/a.jpg");
    EXPECT_EQ(*map.to_local("/srv/share/out/g/a.jpg"), "/tmp/nowhere-b/g/a.jpg");
    EXPECT_EQ(map.to_coordinator("/tmp/nowhere-b/g/a.jpg"), "/srv/share/out/g/a.jpg");
    EXPECT_EQ(map.to_coordinator("/elsewhere/x"), "/elsewhere/x");
}

TEST(PathMap, RefusesPathsOutsideItsRoots) {
    PathMap map(std::vector<PathMapping>{{"/srv/share", "/tmp/nowhere"}});
    for (const char* path : {"/etc/passwd", "/srv/shared/x.jpg", "/srv/share/../etc/passwd",
                             "relative/x.jpg", "/srv"}) {
        auto local = map.to_local(path);
        ASSERT_FALSE(local) << path << " -> " << local.value();
        EXPECT_EQ(local.kind(), ErrorKind::refused);
    }
}

TEST(PathMap, RefusesASymbolicLinkLeadingOutOfTheShare) {
    testing::ScratchDir dir;
    fs::create_directories(dir.path() / "share" / "in");
    fs::create_directories(dir.path() / "secret");
    fs::create_directory_symlink(dir.path() / "secret", dir.path() / "share" / "in" / "escape");
    fs::create_directory_symlink(dir.path() / "share", dir.path() / "mount");
    PathMap map(std::vector<PathMapping>{{"/coordinator/share", dir.path() / "mount"}});
    EXPECT_TRUE(map.to_local("/coordinator/share/in/a.jpg"));
    auto out = map.to_local("/coordinator/share/in/escape/x.jpg");
    ASSERT_FALSE(out);
    EXPECT_NE(out.message().find("symbolic link"), std::string::npos) << out.message();
}

}  // namespace
}  // namespace lote
