#include "batch/scan_inputs.hpp"

#include <gtest/gtest.h>

#include <map>

#include "batch_test_support.hpp"

namespace lote {
namespace {

namespace fs = std::filesystem;
using testing::jpeg_magic;
using testing::png_magic;
using testing::TempDir;
using testing::write_file;

std::vector<std::string> names(const InputScan& scan) {
    std::vector<std::string> result;
    for (const auto& image : scan.images) {
        result.push_back(image.relative);
    }
    return result;
}

TEST(ScanInputs, ListsImagesSortedAndCountsOtherFiles) {
    TempDir dir;
    write_file(dir.path() / "b.jpg", jpeg_magic());
    write_file(dir.path() / "a.png", png_magic());
    write_file(dir.path() / "C.jpg", jpeg_magic());
    write_file(dir.path() / "notes.txt", "not an image");
    write_file(dir.path() / "Thumbs.db", "");
    write_file(dir.path() / "noext", jpeg_magic());  // found by content, not by name
    auto scan = scan_inputs(dir.path(), {});
    ASSERT_TRUE(scan.ok()) << scan.message();
    EXPECT_EQ(names(*scan), (std::vector<std::string>{"C.jpg", "a.png", "b.jpg", "noext"}));
    EXPECT_EQ(scan->not_images, 2u);
}

// Its name promises an image: the batch takes it, so its failure is reported rather than the
// file being skipped without a word.
TEST(ScanInputs, AFileNamedLikeAnImageIsTakenWhateverItHolds) {
    TempDir dir;
    write_file(dir.path() / "fake.jpg", "text with an image name");
    write_file(dir.path() / "EMPTY.PNG", "");
    write_file(dir.path() / "scan.TIFF", "II");
    write_file(dir.path() / "photo.jpg.txt", "not an image");
    auto scan = scan_inputs(dir.path(), {});
    ASSERT_TRUE(scan.ok()) << scan.message();
    EXPECT_EQ(names(*scan), (std::vector<std::string>{"EMPTY.PNG", "fake.jpg", "scan.TIFF"}));
    EXPECT_EQ(scan->not_images, 1u);
}

TEST(ScanInputs, IgnoresHiddenAndTemporaryFiles) {
    TempDir dir;
    write_file(dir.path() / "a.jpg", jpeg_magic());
    write_file(dir.path() / ".hidden.jpg", jpeg_magic());
    write_file(dir.path() / ".a.jpg.lote-tmp-1234", jpeg_magic());
    write_file(dir.path() / ".lote-manifest.sqlite", "SQLite format 3");
    auto scan = scan_inputs(dir.path(), {});
    ASSERT_TRUE(scan.ok());
    EXPECT_EQ(names(*scan), std::vector<std::string>{"a.jpg"});
    EXPECT_EQ(scan->hidden, 3u);
    EXPECT_EQ(scan->not_images, 0u);
}

TEST(ScanInputs, SubFoldersOnlyWhenRecursive) {
    TempDir dir;
    write_file(dir.path() / "a.jpg", jpeg_magic());
    write_file(dir.path() / "sub" / "b.jpg", jpeg_magic());
    write_file(dir.path() / "sub" / "deeper" / "c.jpg", jpeg_magic());
    write_file(dir.path() / ".git" / "d.jpg", jpeg_magic());
    auto flat = scan_inputs(dir.path(), {});
    ASSERT_TRUE(flat.ok());
    EXPECT_EQ(names(*flat), std::vector<std::string>{"a.jpg"});
    auto deep = scan_inputs(dir.path(), {true, {}});
    ASSERT_TRUE(deep.ok());
    EXPECT_EQ(names(*deep), (std::vector<std::string>{"a.jpg", "sub/b.jpg", "sub/deeper/c.jpg"}));
}

TEST(ScanInputs, SkipsTheOutputTreeInsideTheInput) {
    TempDir dir;
    write_file(dir.path() / "a.jpg", jpeg_magic());
    write_file(dir.path() / "out" / "grises" / "a_grises.jpg", jpeg_magic());
    auto scan = scan_inputs(dir.path(), {true, {dir.path() / "out"}});
    ASSERT_TRUE(scan.ok());
    EXPECT_EQ(names(*scan), std::vector<std::string>{"a.jpg"});
}

// Links out of the root or to nothing are listed refused (so a batch reports them, unread);
// folder links out of the root are not entered, and are listed refused where the scan goes into
// sub-folders.
TEST(ScanInputs, RefusesFileLinksOutOfTheRootAndDanglingOnesNeverEntersFolderLinksOut) {
    TempDir outside;
    write_file(outside.path() / "elsewhere.jpg", jpeg_magic());
    TempDir dir;
    write_file(dir.path() / "sub" / "a.jpg", jpeg_magic());
    fs::create_symlink(outside.path() / "elsewhere.jpg", dir.path() / "linked.jpg");
    fs::create_directory_symlink(outside.path(), dir.path() / "out-link");
    fs::create_directory_symlink(dir.path(), dir.path() / "sub" / "loop");  // back to the root
    fs::create_symlink(dir.path() / "missing.jpg", dir.path() / "dangling.jpg");
    fs::create_symlink(dir.path() / "sub" / "a.jpg", dir.path() / "inside.jpg");
    fs::create_symlink(outside.path() / "elsewhere.jpg", dir.path() / "notes.txt");
    fs::create_symlink(dir.path() / "round.jpg", dir.path() / "round.jpg");
    auto scan = scan_inputs(dir.path(), {true, {}});
    ASSERT_TRUE(scan.ok());
    EXPECT_EQ(names(*scan), (std::vector<std::string>{"dangling.jpg", "inside.jpg", "linked.jpg",
                                                      "out-link", "round.jpg", "sub/a.jpg"}));
    std::map<std::string, std::string> refusals;
    for (const auto& image : scan->images) refusals[image.relative] = image.refusal;
    EXPECT_NE(refusals["linked.jpg"].find("out of the input folder"), std::string::npos);
    EXPECT_NE(refusals["dangling.jpg"].find("leads nowhere"), std::string::npos);
    EXPECT_NE(refusals["round.jpg"].find("loop"), std::string::npos);
    EXPECT_NE(refusals["out-link"].find("out of the input folder"), std::string::npos);
    auto flat = scan_inputs(dir.path(), {false, {}});
    ASSERT_TRUE(flat.ok());
    for (const auto& image : flat->images) EXPECT_NE(image.relative, "out-link");
    EXPECT_EQ(refusals["inside.jpg"], "");
    EXPECT_EQ(refusals["sub/a.jpg"], "");
    EXPECT_EQ(scan->not_images, 1u);  // notes.txt: a link out, but no image by its name
}

// A server job on a sub-folder may follow links anywhere inside the server's input root.
TEST(ScanInputs, LinksAreConfinedToTheGivenFolder) {
    TempDir dir;
    write_file(dir.path() / "b" / "x.jpg", jpeg_magic());
    fs::create_directories(dir.path() / "a");
    fs::create_symlink(dir.path() / "b" / "x.jpg", dir.path() / "a" / "from-b.jpg");
    auto alone = scan_inputs(dir.path() / "a", {});
    ASSERT_TRUE(alone.ok());
    ASSERT_EQ(alone->images.size(), 1u);
    EXPECT_FALSE(alone->images[0].refusal.empty());
    ScanOptions wider;
    wider.confine_to = dir.path();
    auto confined = scan_inputs(dir.path() / "a", wider);
    ASSERT_TRUE(confined.ok());
    ASSERT_EQ(confined->images.size(), 1u);
    EXPECT_EQ(confined->images[0].refusal, "");
}

TEST(ScanInputs, MissingInputFails) {
    TempDir dir;
    auto scan = scan_inputs(dir.path() / "nope", {});
    ASSERT_FALSE(scan.ok());
    EXPECT_NE(scan.message().find("not found"), std::string::npos);
}

TEST(ScanInputs, OneFileIsItsOwnBatch) {
    TempDir dir;
    write_file(dir.path() / "a.jpg", jpeg_magic());
    write_file(dir.path() / "notes.txt", "named by the user: taken, and its failure reported");
    auto scan = scan_inputs(dir.path() / "a.jpg", {});
    ASSERT_TRUE(scan.ok());
    EXPECT_EQ(names(*scan), std::vector<std::string>{"a.jpg"});
    auto text = scan_inputs(dir.path() / "notes.txt", {});
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(names(*text), std::vector<std::string>{"notes.txt"});
}

}  // namespace
}  // namespace lote
