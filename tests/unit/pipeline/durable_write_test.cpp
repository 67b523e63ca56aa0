// write_file_atomically's promises beyond atomicity: the file and every folder entry it made are
// flushed to the disk before it reports success, and names near the 255-byte limit are written.
// fsync is observed by defining it in this test program (calls from lote's code bind to it
// first); it records which file or folder each call flushed and then does the real flush.
#include <dlfcn.h>
#include <limits.h>
#include <unistd.h>

#include <mutex>
#include <string>
#include <vector>

#include "pipeline/atomic_write.hpp"
#include "pipeline_fixture.hpp"

namespace {

std::mutex flushed_mutex;
std::vector<std::string> flushed_paths;

std::string path_of_descriptor(int fd) {
    char target[PATH_MAX];
    std::string link = "/proc/self/fd/" + std::to_string(fd);
    ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
    return n > 0 ? std::string(target, static_cast<std::size_t>(n)) : std::string();
}

}  // namespace

extern "C" int fsync(int fd) {
    using Fsync = int (*)(int);
    static auto real = reinterpret_cast<Fsync>(dlsym(RTLD_NEXT, "fsync"));
    {
        std::lock_guard lock(flushed_mutex);
        flushed_paths.push_back(path_of_descriptor(fd));
    }
    return real(fd);
}

namespace lote::testing {
namespace {

class DurableWrite : public PipelineTest {
  protected:
    void SetUp() override {
        PipelineTest::SetUp();
        std::lock_guard lock(flushed_mutex);
        flushed_paths.clear();
    }
    std::vector<std::string> flushed() const {
        std::lock_guard lock(flushed_mutex);
        return flushed_paths;
    }
    std::string canonical(const std::string& p) const { return fs::canonical(p).string(); }
};

TEST_F(DurableWrite, FlushesTheFileThenEveryFolderEntryItMade) {
    const std::string target = path("made/here/out.jpg");
    ASSERT_TRUE(write_file_atomically(target, "pixels").ok());
    EXPECT_EQ(read_bytes(target), "pixels");
    auto calls = flushed();
    ASSERT_GE(calls.size(), 4u);
    // The file is flushed under its temporary name, before the rename.
    auto file = std::find_if(calls.begin(), calls.end(), [](const std::string& p) {
        return p.find(".lote-tmp-") != std::string::npos;
    });
    ASSERT_NE(file, calls.end());
    EXPECT_NE(file + 1, calls.end());
    auto flushed_folder = [&](const std::string& folder) {
        return std::find(calls.begin(), calls.end(), canonical(folder)) != calls.end();
    };
    EXPECT_TRUE(flushed_folder(path("made/here")));  // holds the renamed file
    EXPECT_TRUE(flushed_folder(path("made")));       // holds the new folder "here"
    EXPECT_TRUE(flushed_folder(dir().string()));     // holds the new folder "made"
    // The folder holding the file is flushed after the rename, so last.
    EXPECT_EQ(calls.back(), canonical(path("made/here")));
}

TEST_F(DurableWrite, ANameCloseToTheLimitIsWrittenThroughAShortTemporaryName) {
    const std::string name = std::string(200, 'x') + "\xC3\xA9" + std::string(49, 'y') + ".jpg";
    ASSERT_EQ(name.size(), 255u);
    Status written = write_file_atomically(path(name), "data");
    ASSERT_TRUE(written.ok()) << written.message();
    EXPECT_EQ(read_bytes(path(name)), "data");
    auto calls = flushed();
    ASSERT_GE(calls.size(), 2u);
    std::string temporary = fs::path(calls.front()).filename().string();
    EXPECT_LE(temporary.size(), 80u) << temporary;
    EXPECT_TRUE(is_temporary_output_name(temporary)) << temporary;
    EXPECT_EQ(count_files(dir()), 1u);
}

TEST_F(DurableWrite, ANameOverTheLimitIsRefusedWithItsLengthAndLeavesNothing) {
    const std::string name = std::string(252, 'z') + ".jpg";
    Status written = write_file_atomically(path("sub/" + name), "data");
    ASSERT_FALSE(written.ok());
    EXPECT_EQ(written.kind(), ErrorKind::invalid);
    EXPECT_NE(written.message().find("256 bytes, more than the 255"), std::string::npos)
        << written.message();
    EXPECT_EQ(count_files(dir()), 0u);
}

TEST_F(DurableWrite, TemporaryNamesNeverSplitACharacter) {
    const std::string name = std::string(39, 'a') + "\xC3\xA9" + "tail.png";
    ASSERT_TRUE(write_file_atomically(path(name), "x").ok());
    std::string temporary = fs::path(flushed().front()).filename().string();
    EXPECT_EQ(temporary.rfind("." + std::string(39, 'a') + ".lote-tmp-", 0), 0u) << temporary;
}

}  // namespace
}  // namespace lote::testing
