// When a watched folder's file counts as whole, and what a batch's end does to it.
#include "watch/file_table.hpp"

#include <gtest/gtest.h>

#include <map>

namespace lote::watch {
namespace {

constexpr Nanos kSecond = 1'000'000'000;
constexpr Nanos kSettle = 2 * kSecond;
constexpr Nanos kT0 = 1000 * kSecond;

// Files as a probe would find them; a missing name is a file that is gone.
struct FakeDisk {
    std::map<std::string, FileLook> files;
    Probe probe() {
        return [this](const std::filesystem::path& path, bool) -> std::optional<FileLook> {
            auto it = files.find(path.string());
            if (it == files.end()) {
                return std::nullopt;
            }
            return it->second;
        };
    }
};

FileState state_of(const FileTable& table, const std::string& name) {
    const FileEntry* entry = table.find(name);
    EXPECT_NE(entry, nullptr) << name;
    return entry ? entry->state : FileState::failed;
}

TEST(FileTable, AClosedWholeFileIsReadyAtOnce) {
    FileTable table(kSettle);
    FakeDisk disk;
    disk.files["a.jpg"] = {1000, kT0, true};
    table.written("a.jpg", "a.jpg", kT0);
    table.closed("a.jpg", "a.jpg", kT0);
    table.settle(kT0 + 1, disk.probe());
    EXPECT_EQ(state_of(table, "a.jpg"), FileState::ready);
}

TEST(FileTable, AClosedButCutShortFileWaitsForStillness) {
    FileTable table(kSettle);
    FakeDisk disk;
    disk.files["a.jpg"] = {500, kT0, false};
    table.closed("a.jpg", "a.jpg", kT0);
    table.settle(kT0 + 1, disk.probe());
    EXPECT_EQ(state_of(table, "a.jpg"), FileState::arriving);
    table.settle(kT0 + kSettle - 1, disk.probe());
    EXPECT_EQ(state_of(table, "a.jpg"), FileState::arriving);
    table.settle(kT0 + kSettle, disk.probe());
    EXPECT_EQ(state_of(table, "a.jpg"), FileState::ready);
}

TEST(FileTable, AFileStillOpenForWritingIsNeverReady) {
    FileTable table(kSettle);
    FakeDisk disk;
    disk.files["a.jpg"] = {500, kT0, true};
    table.written("a.jpg", "a.jpg", kT0);
    table.settle(kT0 + 10 * kSettle, disk.probe());
    EXPECT_EQ(state_of(table, "a.jpg"), FileState::arriving);
    EXPECT_FALSE(table.next_deadline().has_value());  // nothing to wake up for
    table.closed("a.jpg", "a.jpg", kT0 + 11 * kSettle);
    table.settle(kT0 + 11 * kSettle, disk.probe());
    EXPECT_EQ(state_of(table, "a.jpg"), FileState::ready);
}

TEST(FileTable, AScannedFileIsReadyWhenSizeAndTimeStoodStill) {
    FileTable table(kSettle);
    FakeDisk disk;
    disk.files["a.jpg"] = {100, kT0, false};
    table.seen("a.jpg", "a.jpg", 100, kT0, kT0, false);
    disk.files["a.jpg"] = {200, kT0 + kSecond, false};  // still growing
    table.settle(kT0 + kSecond, disk.probe());
    table.settle(kT0 + 2 * kSecond, disk.probe());
    EXPECT_EQ(state_of(table, "a.jpg"), FileState::arriving);
    ASSERT_TRUE(table.next_deadline().has_value());
    EXPECT_EQ(*table.next_deadline(), kT0 + kSecond + kSettle);
    table.settle(kT0 + kSecond + kSettle, disk.probe());
    EXPECT_EQ(state_of(table, "a.jpg"), FileState::ready);
}

TEST(FileTable, AnOldFileFoundAtStartIsReadyAtOnce) {
    FileTable table(kSettle);
    FakeDisk disk;
    disk.files["old.jpg"] = {100, kT0 - 60 * kSecond, false};
    table.seen("old.jpg", "old.jpg", 100, kT0 - 60 * kSecond, kT0, true);
    table.settle(kT0, disk.probe());
    EXPECT_EQ(state_of(table, "old.jpg"), FileState::ready);
}

TEST(FileTable, AFileGoneBeforeItSettlesIsForgotten) {
    FileTable table(kSettle);
    FakeDisk disk;
    table.written("a.jpg", "a.jpg", kT0);
    table.removed("a.jpg");
    EXPECT_EQ(table.find("a.jpg"), nullptr);
    table.seen("b.jpg", "b.jpg", 100, kT0, kT0, false);
    table.settle(kT0 + kSettle, disk.probe());  // the probe finds it gone
    EXPECT_EQ(table.find("b.jpg"), nullptr);
}

TEST(FileTable, BatchesTakeTheOldestReadyFirstUpToTheLimit) {
    FileTable table(kSettle);
    FakeDisk disk;
    for (int i = 0; i < 5; ++i) {
        std::string name = "f" + std::to_string(i) + ".jpg";
        disk.files[name] = {100, kT0, true};
        table.closed(name, name, kT0);
        table.settle(kT0 + (5 - i), disk.probe());  // f4 ready first, f0 last
    }
    auto batch = table.take_batch(2);
    EXPECT_EQ(batch, (std::vector<std::string>{"f3.jpg", "f4.jpg"}));
    EXPECT_EQ(table.counts().in_batch, 2u);
    EXPECT_EQ(table.counts().ready, 3u);
}

TEST(FileTable, AFileChangedDuringItsBatchArrivesAgainAndEventsAfterDoneDoNotDuplicate) {
    FileTable table(kSettle);
    FakeDisk disk;
    disk.files["a.jpg"] = {100, kT0, true};
    disk.files["b.jpg"] = {100, kT0, true};
    table.closed("a.jpg", "a.jpg", kT0);
    table.closed("b.jpg", "b.jpg", kT0);
    table.settle(kT0, disk.probe());
    ASSERT_EQ(table.take_batch(10).size(), 2u);
    table.closed("a.jpg", "a.jpg", kT0 + kSecond);  // replaced while processed
    table.finish("a.jpg", BatchOutcome::done);
    table.finish("b.jpg", BatchOutcome::done);
    EXPECT_EQ(state_of(table, "a.jpg"), FileState::arriving);
    EXPECT_EQ(state_of(table, "b.jpg"), FileState::done);
    // A scan that finds b as it was leaves it done: no second batch.
    table.seen("b.jpg", "b.jpg", 100, kT0, kT0 + 2 * kSecond, false);
    table.settle(kT0 + 10 * kSettle, disk.probe());
    EXPECT_EQ(state_of(table, "b.jpg"), FileState::done);
    EXPECT_EQ(table.take_batch(10), (std::vector<std::string>{"a.jpg"}));
}

TEST(FileTable, AFolderRemovedTakesItsFilesButNotThoseInABatch) {
    FileTable table(kSettle);
    FakeDisk disk;
    for (const char* name : {"sub/a.jpg", "sub/b.jpg", "top.jpg"}) {
        disk.files[name] = {100, kT0, true};
        table.closed(name, name, kT0);
    }
    table.settle(kT0, disk.probe());
    ASSERT_EQ(table.take_batch(1), (std::vector<std::string>{"sub/a.jpg"}));
    table.removed_below("sub/");
    EXPECT_NE(table.find("sub/a.jpg"), nullptr);  // its batch reports on it
    EXPECT_EQ(table.find("sub/b.jpg"), nullptr);
    EXPECT_NE(table.find("top.jpg"), nullptr);
}

}  // namespace
}  // namespace lote::watch
