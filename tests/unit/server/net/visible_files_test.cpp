#include "server/net/visible_files.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace lote::server {
namespace {

namespace fs = std::filesystem;

struct Root {
    Root() {
        std::string pattern = (fs::temp_directory_path() / "lote-visible-XXXXXX").string();
        path = fs::canonical(mkdtemp(pattern.data()));
    }
    ~Root() { fs::remove_all(path); }
    void touch(const std::string& name) {
        fs::create_directories((path / name).parent_path());
        std::ofstream(path / name) << "x";
    }
    fs::path path;
};

TEST(VisibleFiles, HiddenAndLoteOwnFilesArePrivate) {
    Root r;
    fs::path state = r.path / "jobs.sqlite";
    for (const char* name :
         {".lote-server.sqlite", ".lote-server.sqlite-wal", ".lote-manifest.sqlite-shm",
          ".lote-cache/thumbs/ab.jpg", "grises/.x.jpg.lote-tmp-12-3", "grises/.hidden.jpg",
          ".git/config", "jobs.sqlite", "jobs.sqlite-wal", "jobs.sqlite-shm",
          "jobs.sqlite-journal"}) {
        EXPECT_TRUE(is_private_file(r.path, r.path / name, state)) << name;
        auto refused = confine_visible(r.path, name, state);
        ASSERT_FALSE(refused) << name;
        EXPECT_NE(refused.message().find("not served"), std::string::npos) << refused.message();
    }
    for (const char* name : {"grises/a_grises.jpg", "A/grises/x.jpg", "jobs.sqlite.jpg",
                             "a.b/c.jpg", "x.lote-tmp-1-2.jpg"}) {
        EXPECT_FALSE(is_private_file(r.path, r.path / name, state)) << name;
    }
    EXPECT_TRUE(confine_visible(r.path, "grises/a_grises.jpg", state));
    EXPECT_TRUE(confine_visible(r.path, "", state));  // the root itself
}

TEST(VisibleFiles, LinksOutOrToNothingAreRefusedWithTheirReason) {
    Root r;
    Root outside;
    outside.touch("secret.jpg");
    r.touch("sub/a.jpg");
    fs::create_symlink(outside.path / "secret.jpg", r.path / "leak.jpg");
    fs::create_symlink(r.path / "nothing.jpg", r.path / "gone.jpg");
    fs::create_symlink(r.path / "sub/a.jpg", r.path / "inside.jpg");
    fs::create_symlink(r.path / ".lote-server.sqlite", r.path / "store.jpg");
    r.touch(".lote-server.sqlite");
    EXPECT_FALSE(confine_visible(r.path, "leak.jpg", {}));
    auto gone = confine_visible(r.path, "gone.jpg", {});
    ASSERT_FALSE(gone);
    EXPECT_NE(gone.message().find("nowhere"), std::string::npos) << gone.message();
    EXPECT_TRUE(confine_visible(r.path, "inside.jpg", {}));
    // A visible name that leads to a hidden file is refused for what it leads to.
    EXPECT_FALSE(confine_visible(r.path, "store.jpg", {}));
}

}  // namespace
}  // namespace lote::server
