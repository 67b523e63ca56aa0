#include "server/api/folder_listing.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <vips/vips8>

#include "pipeline/init_image_io.hpp"
#include "server/api/header_cache.hpp"
#include "support/temp_dir.hpp"

using namespace lote::server;
namespace fs = std::filesystem;

namespace {

struct Folder {
    void touch(const std::string& name, const std::string& bytes = "x") {
        lote::test_support::write_file(path / name, bytes);
    }
    lote::test_support::TempDir dir;
    fs::path path = dir.path();
};

}  // namespace

TEST(FolderListing, ListsImageNamesSortedWithoutHiddenOrOtherFiles) {
    Folder f;
    for (auto name : {"b.jpg", "a.PNG", ".hidden.jpg", "notes.txt", "c.tiff", "sub/d.jpg"})
        f.touch(name);
    auto names = list_image_names(f.path);
    ASSERT_TRUE(names);
    EXPECT_EQ(*names, (std::vector<std::string>{"a.PNG", "b.jpg", "c.tiff"}));
    EXPECT_FALSE(list_image_names(f.path / "missing"));
}

// A batch takes files by their first bytes; the listing shows those without an image extension
// too, and still skips other files.
TEST(FolderListing, ListsImagesWithoutAnImageExtensionByTheirFirstBytes) {
    Folder f;
    f.touch("photo", std::string("\xFF\xD8\xFF\xE0", 4) + std::string(20, '\0'));
    f.touch("scan.dat", std::string("\x89PNG\r\n\x1A\n", 8) + std::string(20, '\0'));
    f.touch("notes.txt", "just some text, not an image");
    f.touch("empty", "");
    f.touch(".hidden", std::string("\xFF\xD8\xFF\xE0", 4) + std::string(20, '\0'));
    auto names = list_image_names(f.path);
    ASSERT_TRUE(names);
    EXPECT_EQ(*names, (std::vector<std::string>{"photo", "scan.dat"}));
}

TEST(FolderListing, ListsTenThousandNamesQuickly) {
    Folder f;
    for (int i = 0; i < 10000; ++i) f.touch("img" + std::to_string(i) + ".jpg", "");
    auto start = std::chrono::steady_clock::now();
    auto names = list_image_names(f.path);
    auto took = std::chrono::steady_clock::now() - start;
    ASSERT_TRUE(names);
    // Empty files would fail a sniff: all listed means none was opened for its name's sake.
    EXPECT_EQ(names->size(), 10000u);
    EXPECT_LT(took, std::chrono::seconds(5));  // a gross bound only: CI hosts are noisy
}

TEST(FolderListing, FoldersAreDepthLimitedAndSkipHiddenAndOutput) {
    Folder f;
    f.touch("a/b/c/d/deep.jpg");
    f.touch(".secret/x.jpg");
    f.touch("out/y.jpg");
    f.touch("z/file.jpg");
    auto list = list_folders(f.path, f.path / "out", 3, 100);
    EXPECT_EQ(list, (std::vector<std::string>{"", "a", "a/b", "a/b/c", "z"}));
    EXPECT_EQ(list_folders(f.path, {}, 3, 2).size(), 2u);
}

TEST(HeaderCache, ReadsHeadersOnceAndAgainWhenTheFileChanges) {
    Folder f;
    auto image = vips::VImage::black(40, 30, vips::VImage::option()->set("bands", 3));
    image.write_to_file((f.path / "a.png").c_str());
    f.touch("text.jpg", "hello, this is no image");
    lote::init_image_io();  // as the server does: no libvips cache of opened files
    HeaderCache cache;
    auto info = cache.info(f.path / "a.png");
    EXPECT_FALSE(info.refused);
    EXPECT_EQ(info.width, 40);
    EXPECT_EQ(info.height, 30);
    EXPECT_EQ(info.format, "png");
    cache.info(f.path / "a.png");
    EXPECT_EQ(cache.header_reads(), 1u);
    auto text = cache.info(f.path / "text.jpg");
    EXPECT_TRUE(text.refused);
    EXPECT_FALSE(text.reason.empty());
    // A new file under the same name (other size) is read again.
    vips::VImage::black(50, 20).write_to_file((f.path / "a.png").c_str());
    EXPECT_EQ(cache.info(f.path / "a.png").width, 50);
    EXPECT_EQ(cache.header_reads(), 3u);
}

TEST(HeaderCache, StaysBounded) {
    Folder f;
    f.touch("n.jpg", "not an image");
    HeaderCache cache(10);
    for (int i = 0; i < 25; ++i) {
        auto copy = f.path / std::string("c").append(std::to_string(i)).append(".jpg");
        fs::copy_file(f.path / "n.jpg", copy);
        cache.info(copy);
    }
    EXPECT_LE(cache.size(), 10u);
}
