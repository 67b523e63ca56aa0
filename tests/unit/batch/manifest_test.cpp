#include "batch/manifest.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

#include "batch/freshness.hpp"
#include "batch/task_list.hpp"
#include "batch_test_support.hpp"

namespace lote {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;
using testing::write_file;

std::unique_ptr<Manifest> open_manifest(const fs::path& root) {
    auto manifest = Manifest::open(root);
    EXPECT_TRUE(manifest.ok()) << (manifest.ok() ? "" : manifest.message());
    return std::move(*manifest);
}

TEST(Manifest, RecordsAndFindsOutputsAcrossReopening) {
    TempDir dir;
    {
        auto manifest = open_manifest(dir.path());
        OutputRecord record{"g/a_g.jpg", "/in/a.jpg", "abc", "settings", 123, 456};
        ASSERT_TRUE(manifest->record_image("/in/a.jpg", {10, 20, "abc"}, {record}, {}).ok());
    }
    auto manifest = open_manifest(dir.path());
    auto found = manifest->find_output("g/a_g.jpg");
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->input_hash, "abc");
    EXPECT_EQ(found->settings, "settings");
    EXPECT_EQ(found->output_size, 123u);
    auto input = manifest->find_input("/in/a.jpg");
    ASSERT_TRUE(input.has_value());
    EXPECT_EQ(input->size, 10u);
    EXPECT_EQ(input->hash, "abc");
    EXPECT_FALSE(manifest->find_output("g/other.jpg").has_value());
    EXPECT_TRUE(fs::exists(dir.path() / kManifestFileName));
}

TEST(Manifest, AFailedOutputIsForgotten) {
    TempDir dir;
    auto manifest = open_manifest(dir.path());
    OutputRecord record{"g/a_g.jpg", "/in/a.jpg", "abc", "s", 1, 1};
    ASSERT_TRUE(manifest->record_image("/in/a.jpg", {1, 1, "abc"}, {record}, {}).ok());
    ASSERT_TRUE(manifest->record_image("/in/a.jpg", {1, 1, "abc"}, {}, {"g/a_g.jpg"}).ok());
    EXPECT_FALSE(manifest->find_output("g/a_g.jpg").has_value());
}

TEST(Manifest, ManyThreadsRecordSafely) {
    TempDir dir;
    auto manifest = open_manifest(dir.path());
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 20; ++i) {
                std::string name = "g/" + std::to_string(t) + "_" + std::to_string(i);
                OutputRecord record{name, "/in/x", "h", "s", 1, 1};
                EXPECT_TRUE(manifest->record_image("/in/" + name, {1, 1, "h"}, {record}, {}).ok());
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_TRUE(manifest->find_output("g/7_19").has_value());
    EXPECT_TRUE(manifest->find_output("g/0_0").has_value());
}

TEST(Manifest, UnwritableFolderFailsWithAMessage) {
    TempDir dir;
    auto manifest = Manifest::open(dir.path() / "missing" / "folder");
    ASSERT_FALSE(manifest.ok());
    EXPECT_NE(manifest.message().find("manifest"), std::string::npos);
}

// make_task_list decides what to redo from the manifest; these tests stand in for the worker by
// writing the output files themselves.
class TaskListTest : public ::testing::Test {
  protected:
    void SetUp() override {
        write_file(in_.path() / "a.jpg", testing::jpeg_magic() + "first");
        write_file(in_.path() / "b.jpg", testing::jpeg_magic() + "second");
        chains_ = {Chain{"g", {}}, Chain{"s", {}}};
        settings_ = {"g-v1", "s-v1"};
        manifest_ = open_manifest(out_.path());
    }

    TaskList plan(bool force = false) {
        std::vector<InputFile> files = {{in_.path() / "a.jpg", "a.jpg"},
                                        {in_.path() / "b.jpg", "b.jpg"}};
        auto images = plan_outputs(files, {"g", "s"}, out_.path(),
                                   [](const fs::path& p) { return p.extension().string(); });
        return make_task_list(images, {&chains_, &settings_, {}, {}, force}, *manifest_);
    }

    // What run_batch does with a result: write the file (the worker) and record it.
    void complete(const TaskList& list) {
        for (const ImageTask& task : list.tasks) {
            const TaskNote& note = list.notes[task.id];
            std::vector<OutputRecord> written;
            for (const OutputRequest& request : task.outputs) {
                write_file(request.path, "output of " + request.chain.name);
                auto stat = stat_file(request.path);
                const OutputNote& output = note.outputs.at(request.chain.name);
                written.push_back({output.relative, note.input_key, note.stamp.hash,
                                   output.settings, stat->size, stat->mtime_ns});
            }
            ASSERT_TRUE(manifest_->record_image(note.input_key, note.stamp, written, {}).ok());
        }
    }

    // The task of one input, whatever the hand-out order.
    static const ImageTask& task_of(const TaskList& list, const std::string& image) {
        for (const ImageTask& task : list.tasks) {
            if (list.notes[task.id].image == image) {
                return task;
            }
        }
        throw std::runtime_error("no task for " + image);
    }

    static std::size_t output_count(const TaskList& list) {
        std::size_t count = 0;
        for (const auto& task : list.tasks) {
            count += task.outputs.size();
        }
        return count;
    }

    TempDir in_;
    TempDir out_;
    std::vector<Chain> chains_;
    std::vector<std::string> settings_;
    std::unique_ptr<Manifest> manifest_;
};

TEST_F(TaskListTest, FirstRunDoesEverything) {
    TaskList list = plan();
    EXPECT_EQ(list.tasks.size(), 2u);
    EXPECT_EQ(output_count(list), 4u);
    EXPECT_EQ(list.skipped_images, 0u);
    EXPECT_EQ(list.notes[0].image, "a.jpg");
    for (const ImageTask& task : list.tasks) {
        ASSERT_LT(task.id, list.notes.size());
        EXPECT_EQ(fs::path(task.input).filename(), list.notes[task.id].image);
    }
}

// b.jpg is the bigger file, so it is handed out first: a big image started last would keep one
// core busy alone at the end of the batch.
TEST_F(TaskListTest, BiggestInputsGoFirst) {
    TaskList list = plan();
    ASSERT_EQ(list.tasks.size(), 2u);
    EXPECT_EQ(list.notes[list.tasks[0].id].image, "b.jpg");
    EXPECT_EQ(list.notes[list.tasks[1].id].image, "a.jpg");
    write_file(in_.path() / "a.jpg", testing::jpeg_magic() + std::string(100, 'x'));
    TaskList again = plan(true);
    EXPECT_EQ(again.notes[again.tasks[0].id].image, "a.jpg");
}

TEST_F(TaskListTest, SecondRunSkipsEverything) {
    complete(plan());
    TaskList again = plan();
    EXPECT_TRUE(again.tasks.empty());
    EXPECT_EQ(again.skipped_images, 2u);
    EXPECT_EQ(again.skipped_outputs, (std::vector<std::uint64_t>{2, 2}));
}

TEST_F(TaskListTest, ForceRedoesEverything) {
    complete(plan());
    TaskList forced = plan(true);
    EXPECT_EQ(output_count(forced), 4u);
    EXPECT_EQ(forced.skipped_images, 0u);
}

TEST_F(TaskListTest, ChangedSettingsRedoOnlyThatChain) {
    complete(plan());
    settings_[1] = "s-v2";
    TaskList list = plan();
    ASSERT_EQ(list.tasks.size(), 2u);
    for (const auto& task : list.tasks) {
        ASSERT_EQ(task.outputs.size(), 1u);
        EXPECT_EQ(task.outputs[0].chain.name, "s");
    }
    EXPECT_EQ(list.skipped_outputs, (std::vector<std::uint64_t>{2, 0}));
    EXPECT_EQ(list.skipped_images, 0u);
}

TEST_F(TaskListTest, ChangedInputRedoesOnlyThatImage) {
    complete(plan());
    write_file(in_.path() / "b.jpg", testing::jpeg_magic() + "edited!");
    TaskList list = plan();
    ASSERT_EQ(list.tasks.size(), 1u);
    EXPECT_EQ(list.notes[0].image, "b.jpg");
    EXPECT_EQ(list.tasks[0].outputs.size(), 2u);
    EXPECT_EQ(list.skipped_images, 1u);
}

TEST_F(TaskListTest, TouchedButIdenticalInputIsStillUpToDate) {
    complete(plan());
    fs::last_write_time(in_.path() / "a.jpg",
                        fs::last_write_time(in_.path() / "a.jpg") + std::chrono::hours(1));
    EXPECT_TRUE(plan().tasks.empty());
}

TEST_F(TaskListTest, MissingOrResizedOutputIsRedone) {
    complete(plan());
    fs::remove(out_.path() / "g" / "a_g.jpg");
    write_file(out_.path() / "s" / "b_s.jpg", "truncated");
    TaskList list = plan();
    ASSERT_EQ(list.tasks.size(), 2u);
    ASSERT_EQ(task_of(list, "a.jpg").outputs.size(), 1u);
    EXPECT_EQ(task_of(list, "a.jpg").outputs[0].chain.name, "g");
    ASSERT_EQ(task_of(list, "b.jpg").outputs.size(), 1u);
    EXPECT_EQ(task_of(list, "b.jpg").outputs[0].chain.name, "s");
}

TEST_F(TaskListTest, AnInterruptedBatchResumesWhereItStopped) {
    TaskList first = plan();
    std::erase_if(first.tasks,
                  [&](const ImageTask& task) {  // the batch died before b.jpg's result arrived
                      return first.notes[task.id].image == "b.jpg";
                  });
    complete(first);
    TaskList resumed = plan();
    ASSERT_EQ(resumed.tasks.size(), 1u);
    EXPECT_EQ(resumed.notes[0].image, "b.jpg");
}

}  // namespace
}  // namespace lote
