#pragma once
// A shared folder seen by "machines" at different paths (symbolic links standing for mounts of
// one NAS), a broker, and the helpers every distributed test checks with: each image done once,
// every output there once, no temporary file, nothing of the run left on the broker.

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>

#include "integration/cli_test_support.hpp"
#include "integration/distributed_support.hpp"

namespace lote::distributed_testing {

class DistributedTest : public ::testing::Test {
  protected:
    void SetUp() override {
        static std::atomic<int> counter{0};
        root_ = fs::temp_directory_path() /
                ("lote-dist-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(root_);
        share_ = root_ / "share";
        in_ = share_ / "in";
        out_ = share_ / "out";
        fs::create_directories(in_);
        for (const char* mount : {"mnt1", "mnt2", "mnt3", "mnt4"}) {
            fs::create_directory_symlink(share_, root_ / mount);
        }
    }
    void TearDown() override {
        processes_.clear();
        redis_.reset();
        std::error_code ec;
        if (!HasFailure()) fs::remove_all(root_, ec);
    }

    void start_redis(RedisConfig config = {}) {
        redis_ = std::make_unique<RedisServer>(root_ / "redis", std::move(config));
    }
    std::string url() const { return redis_->url(); }

    // `count` small generated images, named img00.png... (and `photos` real JPEGs).
    void make_images(int count, int photos = 0) {
        for (int i = 0; i < count; ++i) {
            char name[32];
            std::snprintf(name, sizeof name, "img%02d.png", i);
            cli_testing::write_image(in_ / name, i + 1, 64 + i, 40 + i);
        }
        const char* real[] = {"FreshFlower.jpg", "GreenMeadow.jpg", "Aqua.jpg"};
        for (int i = 0; i < photos && i < 3; ++i) {
            fs::copy_file(fs::path(LOTE_PHOTOS_DIR) / real[i], in_ / real[i]);
        }
        images_ = count + std::min(photos, 3);
    }

    std::vector<std::string> run_args(const fs::path& output) const {
        return {LOTE_BINARY, "run",    in_.string(), "-o",  output.string(),   "-f", "grises", "-f",
                "sepia",     "--json", "--broker",   url(), "--claim-timeout", "2"};
    }
    Process& coordinator(std::vector<std::string> extra = {}) {
        auto args = run_args(out_);
        args.insert(args.end(), extra.begin(), extra.end());
        return spawn(args, "coordinator");
    }
    // A node "on another machine": its own working folder, the share reached through `mount`.
    Process& node(const std::string& name, const std::string& mount,
                  const std::vector<std::string>& env = {}, const std::string& slots = "1") {
        fs::create_directories(root_ / name);
        std::vector<std::string> args{
            LOTE_BINARY,    "node",
            "--broker",     url(),
            "--slots",      slots,
            "--name",       name,
            "--map",        share_.string() + "=" + (root_ / mount).string(),
            "--stop-grace", "5"};
        return spawn(args, name, root_ / name, env);
    }
    Process& spawn(const std::vector<std::string>& args, const std::string& label,
                   fs::path cwd = {}, const std::vector<std::string>& env = {}) {
        if (cwd.empty()) cwd = root_;
        processes_.push_back(std::make_unique<Process>(
            args, cwd, root_ / (label + "-" + std::to_string(processes_.size())), env));
        return *processes_.back();
    }

    // The --json lines of a finished `lote run`.
    static std::vector<nlohmann::json> events(const Process& run) { return json_lines(run.out()); }
    static nlohmann::json summary(const Process& run) {
        for (const auto& line : events(run)) {
            if (line.value("event", "") == "finished") return line["summary"];
        }
        return nullptr;
    }
    static std::map<std::string, int> images_reported(const Process& run) {
        std::map<std::string, int> seen;
        for (const auto& line : events(run)) {
            if (line.value("event", "") == "image") ++seen[line.value("image", "")];
        }
        return seen;
    }
    // Images finished so far, from what the coordinator printed.
    static std::size_t images_done(const Process& run) {
        std::size_t n = 0;
        for (const auto& line : events(run)) n += line.value("event", "") == "image" ? 1 : 0;
        return n;
    }
    long long pending_tasks() const {
        auto lines = redis_->lines("XPENDING lote:tasks workers");
        return lines.empty() ? 0 : std::atoll(lines.front().c_str());
    }

    // Every image's two outputs there, once, and nothing else but the manifest and markers.
    void expect_every_output_once() const {
        for (const char* chain : {"grises", "sepia"}) {
            std::set<std::string> names;
            for (const auto& entry : fs::directory_iterator(out_ / chain)) {
                std::string name = entry.path().filename().string();
                EXPECT_NE(name.front(), '.') << "left in " << chain << ": " << name;
                names.insert(entry.path().stem().string());
            }
            EXPECT_EQ(names.size(), static_cast<std::size_t>(images_)) << chain;
            for (const auto& entry : fs::directory_iterator(in_)) {
                if (entry.path().filename().string().front() == '.') continue;
                std::string stem = entry.path().stem().string();
                bool found = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
                    return n.rfind(stem, 0) == 0;
                });
                EXPECT_TRUE(found) << stem << " has no " << chain << " output";
            }
        }
    }
    void expect_no_temporaries() const { EXPECT_EQ(cli_testing::count_temporaries(share_), 0u); }
    // Nothing of any run left: no run keys, empty task and dead-letter streams, nothing pending.
    void expect_broker_empty() const {
        EXPECT_EQ(redis_->cli("KEYS lote:run:*"), "");
        EXPECT_EQ(redis_->cli("SMEMBERS lote:runs"), "");
        EXPECT_EQ(redis_->number("XLEN lote:tasks"), 0);
        EXPECT_EQ(redis_->number("XLEN lote:dead"), 0);
        EXPECT_EQ(pending_tasks(), 0);
    }
    // Each image reported exactly once, all of them.
    void expect_each_image_once(const Process& run) const {
        auto seen = images_reported(run);
        EXPECT_EQ(seen.size(), static_cast<std::size_t>(images_));
        for (const auto& [image, times] : seen) EXPECT_EQ(times, 1) << image;
    }
    // A local run over the same output finds everything up to date: the manifest knows it all.
    void expect_manifest_complete() {
        std::vector<std::string> args{LOTE_BINARY, "run",    in_.string(), "-o",    out_.string(),
                                      "-f",        "grises", "-f",         "sepia", "--json"};
        Process& again = spawn(args, "again");
        ASSERT_EQ(again.wait(60s), 0) << again.err();
        auto done = summary(again);
        ASSERT_TRUE(done.is_object()) << again.out();
        EXPECT_EQ(done["processed"], 0) << again.out();
        EXPECT_EQ(done["skipped"], images_) << again.out();
    }
    void expect_all_good(const Process& run) {
        expect_each_image_once(run);
        expect_every_output_once();
        expect_no_temporaries();
        expect_broker_empty();
    }

    fs::path root_, share_, in_, out_;
    int images_ = 0;
    std::unique_ptr<RedisServer> redis_;
    std::vector<std::unique_ptr<Process>> processes_;
};

}  // namespace lote::distributed_testing
