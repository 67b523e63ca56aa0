// `lote watch`: a folder processed, then every photo that lands in it, each once and only whole.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    auto deadline = Clock::now() + limit;
    while (!done()) {
        if (Clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

std::vector<nlohmann::json> events_of(const std::string& out) {
    std::vector<nlohmann::json> events;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        auto event = nlohmann::json::parse(line, nullptr, false);
        if (!event.is_discarded()) {
            events.push_back(std::move(event));
        }
    }
    return events;
}

// How many times each image was worked on, by the `image` events.
std::map<std::string, int> times_processed(const std::string& out) {
    std::map<std::string, int> times;
    for (const auto& event : events_of(out)) {
        if (event.value("event", "") == "image") {
            ++times[event["image"].get<std::string>()];
        }
    }
    return times;
}

std::size_t count_events(const std::string& out, const std::string& kind) {
    std::size_t n = 0;
    for (const auto& event : events_of(out)) {
        n += event.value("event", "") == kind ? 1 : 0;
    }
    return n;
}

std::string bytes_of(const fs::path& path) {
    return read_text(path);
}

void write_bytes(const fs::path& path, const std::string& bytes) {
    std::ofstream file(path, std::ios::binary);
    file << bytes;
}

// CPU time (user + system, in clock ticks) a process has used so far.
long cpu_ticks(pid_t pid) {
    std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat");
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    long utime = 0, stime = 0;
    for (int i = 3; fields >> field; ++i) {
        if (i == 14) {
            utime = std::stol(field);
        } else if (i == 15) {
            stime = std::stol(field);
            break;
        }
    }
    return utime + stime;
}

class CliWatch : public ::testing::Test {
  protected:
    void SetUp() override { fs::create_directories(in()); }
    fs::path in() const { return dir_.path() / "in"; }
    fs::path out() const { return dir_.path() / "out"; }
    fs::path staging() const {
        fs::create_directories(dir_.path() / "staging");
        return dir_.path() / "staging";
    }
    fs::path output_of(const std::string& stem) const {
        return out() / "grises" / (stem + "_grises.jpg");
    }
    // The bytes of a JPEG whose pixels depend on `seed`.
    std::string jpeg(int seed, int width = 96, int height = 64) const {
        fs::path made = staging() / ("made-" + std::to_string(seed) + ".jpg");
        write_image(made, seed, width, height);
        std::string bytes = bytes_of(made);
        fs::remove(made);
        return bytes;
    }
    // A file written elsewhere, then renamed into the watched folder in one step.
    void drop(const std::string& name, const std::string& bytes) const {
        fs::path temp = staging() / ("drop-" + name);
        write_bytes(temp, bytes);
        fs::rename(temp, in() / name);
    }
    std::unique_ptr<Lote> watch(std::vector<std::string> extra = {}) const {
        std::vector<std::string> args = {"watch", in().string(), "-o",     out().string(),
                                         "-f",    "grises",      "--json", "--workers",
                                         "2",     "--settle",    "1"};
        args.insert(args.end(), extra.begin(), extra.end());
        return std::make_unique<Lote>(args, dir_.path());
    }
    bool outputs_appear(const std::vector<std::string>& stems,
                        std::chrono::milliseconds limit = 20s) const {
        return wait_until(
            [&] {
                return std::all_of(stems.begin(), stems.end(),
                                   [&](const std::string& s) { return fs::exists(output_of(s)); });
            },
            limit);
    }
    // SIGTERM: the watch must end by itself with status 0.
    Finished stop(Lote& lote) const {
        lote.signal(SIGTERM);
        return lote.wait(30s);
    }
    static int output_width(const fs::path& path) {
        vips_cache_set_max(0);  // the file may have been replaced since it was last read
        return vips::VImage::new_from_file(path.string().c_str()).width();
    }
    TempDir dir_;
};

TEST_F(CliWatch, ProcessesWhatIsThereThenEachFileThatLandsOnce) {
    write_bytes(in() / "there.jpg", jpeg(1));
    auto lote = watch();
    ASSERT_TRUE(outputs_appear({"there"})) << lote->out_so_far();
    write_bytes(staging() / "copy.jpg", jpeg(16));
    fs::copy_file(staging() / "copy.jpg", in() / "copied.jpg");  // copied in
    drop("renamed.jpg", jpeg(2));                                // renamed in
    {
        // Written in place, then opened again, touched and re-read: more events, one batch.
        write_bytes(in() / "touched.jpg", jpeg(3));
        std::this_thread::sleep_for(100ms);
        fs::permissions(in() / "touched.jpg", fs::perms::owner_all, fs::perm_options::add);
        (void)bytes_of(in() / "touched.jpg");
        int fd = ::open((in() / "touched.jpg").c_str(), O_RDWR);
        ASSERT_GE(fd, 0);
        ::close(fd);  // closed without writing
    }
    write_bytes(in() / "notes.txt", "not a photo");
    ASSERT_TRUE(outputs_appear({"copied", "renamed", "touched"})) << lote->out_so_far();
    std::this_thread::sleep_for(2500ms);  // time for any duplicate to show up
    Finished done = stop(*lote);
    EXPECT_EQ(done.status, 0) << done.err;
    auto times = times_processed(done.out);
    EXPECT_EQ(times,
              (std::map<std::string, int>{
                  {"copied.jpg", 1}, {"renamed.jpg", 1}, {"there.jpg", 1}, {"touched.jpg", 1}}))
        << done.out;
    EXPECT_FALSE(fs::exists(out() / "grises" / "notes_grises.jpg"));
    EXPECT_GE(count_events(done.out, "watching"), 1u);
    auto last = events_of(done.out).back();
    EXPECT_EQ(last["event"], "watching");
    EXPECT_EQ(last["state"], "stopped");
    EXPECT_EQ(count_temporaries(out()), 0u);
}

TEST_F(CliWatch, RecursiveWatchFollowsNewSubFolders) {
    auto lote = watch({"-r"});
    ASSERT_TRUE(wait_until([&] { return count_events(lote->out_so_far(), "watching") > 0; }, 10s));
    // A folder made and filled at once (the file may land before its watch exists), and a
    // folder tree moved in whole.
    fs::create_directories(in() / "day1" / "shoot");
    write_bytes(in() / "day1" / "shoot" / "deep.jpg", jpeg(17));
    fs::create_directories(staging() / "tree" / "inner");
    write_bytes(staging() / "tree" / "inner" / "moved.jpg", jpeg(18));
    fs::rename(staging() / "tree", in() / "tree");
    auto made = [&](const std::string& name) {
        for (const auto& path : files_under(out())) {
            if (path.filename() == name) {
                return true;
            }
        }
        return false;
    };
    ASSERT_TRUE(
        wait_until([&] { return made("deep_grises.jpg") && made("moved_grises.jpg"); }, 20s))
        << lote->out_so_far();
    // A file added later to the moved-in tree is seen too: its folder is watched now.
    write_bytes(in() / "tree" / "inner" / "later.jpg", jpeg(19));
    ASSERT_TRUE(wait_until([&] { return made("later_grises.jpg"); }, 20s)) << lote->out_so_far();
    std::this_thread::sleep_for(1500ms);
    Finished done = stop(*lote);
    EXPECT_EQ(done.status, 0) << done.err;
    EXPECT_EQ(times_processed(done.out), (std::map<std::string, int>{{"day1/shoot/deep.jpg", 1},
                                                                     {"tree/inner/later.jpg", 1},
                                                                     {"tree/inner/moved.jpg", 1}}))
        << done.out;
}

TEST_F(CliWatch, APresetDecidesWhatIsMade) {
    Lote lote({"watch", in().string(), "-o", out().string(), "--preset", "thumbnails", "--json",
               "--settle", "1"},
              dir_.path());
    drop("big.jpg", jpeg(30, 640, 480));
    fs::path made = out() / "thumbnails" / "big_thumbnails.jpg";
    ASSERT_TRUE(wait_until([&] { return fs::exists(made); }, 20s)) << lote.out_so_far();
    Finished done = stop(lote);
    EXPECT_EQ(done.status, 0) << done.err;
    EXPECT_EQ(output_width(made), 256);
}

TEST_F(CliWatch, AFileWrittenSlowlyIsTakenOnlyWhenWhole) {
    std::string big = jpeg(4, 640, 480);
    std::string other = jpeg(5, 320, 240);
    auto lote = watch();
    ASSERT_TRUE(wait_until([&] { return count_events(lote->out_so_far(), "watching") > 0; }, 10s));
    // One writer keeps its file open between chunks; the other opens, appends and closes each
    // time (a close after writing, yet the JPEG is cut short until the last chunk).
    int fd = ::open((in() / "held.jpg").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ASSERT_GE(fd, 0);
    const std::size_t chunks = 5;
    for (std::size_t i = 0; i < chunks; ++i) {
        std::size_t from = big.size() * i / chunks, to = big.size() * (i + 1) / chunks;
        ASSERT_EQ(::write(fd, big.data() + from, to - from), static_cast<ssize_t>(to - from));
        std::size_t from2 = other.size() * i / chunks, to2 = other.size() * (i + 1) / chunks;
        std::ofstream append(in() / "appended.jpg", std::ios::binary | std::ios::app);
        append.write(other.data() + from2, static_cast<std::streamsize>(to2 - from2));
        append.close();
        std::this_thread::sleep_for(400ms);
        EXPECT_FALSE(fs::exists(output_of("held"))) << "taken while still open, chunk " << i;
    }
    ::close(fd);
    ASSERT_TRUE(outputs_appear({"held", "appended"})) << lote->out_so_far();
    std::this_thread::sleep_for(1500ms);
    Finished done = stop(*lote);
    EXPECT_EQ(done.status, 0) << done.err;
    auto times = times_processed(done.out);
    EXPECT_EQ(times["held.jpg"], 1) << done.out;
    EXPECT_EQ(times["appended.jpg"], 1) << done.out;
    EXPECT_EQ(output_width(output_of("held")), 640);
    EXPECT_EQ(output_width(output_of("appended")), 320);
    for (const auto& event : events_of(done.out)) {
        if (event.value("event", "") == "image") {
            EXPECT_EQ(event["state"], "completado") << event.dump();
        }
    }
}

TEST_F(CliWatch, AReplacedInputIsRedoneOnceAndADeletedOneIsForgotten) {
    auto lote = watch();
    drop("photo.jpg", jpeg(6));
    ASSERT_TRUE(outputs_appear({"photo"})) << lote->out_so_far();
    std::string first = bytes_of(output_of("photo"));
    std::this_thread::sleep_for(300ms);
    drop("photo.jpg", jpeg(7, 120, 80));  // replaced by another photo
    ASSERT_TRUE(wait_until([&] { return output_width(output_of("photo")) == 120; }, 20s))
        << lote->out_so_far();
    // A file deleted before it settles is never processed and is no failure.
    {
        int fd = ::open((in() / "gone.jpg").c_str(), O_WRONLY | O_CREAT, 0644);
        std::string part = jpeg(8).substr(0, 200);
        ASSERT_EQ(::write(fd, part.data(), part.size()), static_cast<ssize_t>(part.size()));
        fs::remove(in() / "gone.jpg");
        ::close(fd);
    }
    drop("after.jpg", jpeg(9));
    ASSERT_TRUE(outputs_appear({"after"})) << lote->out_so_far();
    std::this_thread::sleep_for(1500ms);
    Finished done = stop(*lote);
    EXPECT_EQ(done.status, 0) << done.err;
    auto times = times_processed(done.out);
    EXPECT_EQ(times, (std::map<std::string, int>{{"after.jpg", 1}, {"photo.jpg", 2}})) << done.out;
    EXPECT_NE(bytes_of(output_of("photo")), first);
    EXPECT_EQ(done.out.find("\"state\":\"error\""), std::string::npos) << done.out;
}

TEST_F(CliWatch, ABurstOfTwoThousandIsBatchedAndEachDoneOnce) {
    const int count = 2000;
    std::string bytes = jpeg(10, 32, 24);
    fs::path wait_room = dir_.path() / "burst";
    fs::create_directories(wait_room);
    for (int i = 0; i < count; ++i) {
        write_bytes(wait_room / ("b" + std::to_string(i) + ".jpg"), bytes);
    }
    auto lote = watch({"--batch", "500"});
    ASSERT_TRUE(wait_until([&] { return count_events(lote->out_so_far(), "watching") > 0; }, 10s));
    for (int i = 0; i < count; ++i) {
        std::string name = "b" + std::to_string(i) + ".jpg";
        fs::rename(wait_room / name, in() / name);
    }
    bool all = wait_until([&] { return count_outputs(out() / "grises") >= count; }, 150s);
    ASSERT_TRUE(all) << count_outputs(out() / "grises") << " outputs";
    std::string status = read_text("/proc/" + std::to_string(lote->pid()) + "/status");
    std::size_t at = status.find("VmHWM:");
    ASSERT_NE(at, std::string::npos);
    long peak_kib = std::stol(status.substr(at + 6));
    std::this_thread::sleep_for(1500ms);
    Finished done = stop(*lote);
    EXPECT_EQ(done.status, 0) << done.err;
    auto times = times_processed(done.out);
    EXPECT_EQ(times.size(), std::size_t{count});
    EXPECT_TRUE(
        std::all_of(times.begin(), times.end(), [](const auto& t) { return t.second == 1; }));
    EXPECT_GE(count_events(done.out, "finished"), 4u);  // at most 500 a batch
    EXPECT_LT(peak_kib, 600 * 1024) << "peak memory " << peak_kib << " KiB";
}

TEST_F(CliWatch, WhatArrivedWhileStoppedIsProcessedAtTheNextStart) {
    write_bytes(in() / "first.jpg", jpeg(11));
    {
        auto lote = watch();
        ASSERT_TRUE(outputs_appear({"first"})) << lote->out_so_far();
        Finished done = stop(*lote);
        ASSERT_EQ(done.status, 0) << done.err;
    }
    write_bytes(in() / "second.jpg", jpeg(12));
    drop("third.jpg", jpeg(13));
    auto lote = watch();
    ASSERT_TRUE(outputs_appear({"second", "third"})) << lote->out_so_far();
    std::this_thread::sleep_for(1500ms);
    Finished done = stop(*lote);
    EXPECT_EQ(done.status, 0) << done.err;
    EXPECT_EQ(times_processed(done.out),
              (std::map<std::string, int>{{"second.jpg", 1}, {"third.jpg", 1}}))
        << done.out;
}

TEST_F(CliWatch, PollModeWaitsForSizeAndTimeToStandStill) {
    std::string bytes = jpeg(14, 400, 300);
    auto lote = watch({"--poll", "1"});
    ASSERT_TRUE(wait_until([&] { return count_events(lote->out_so_far(), "watching") > 0; }, 10s));
    EXPECT_NE(lote->out_so_far().find("\"mode\":\"poll\""), std::string::npos);
    const std::size_t chunks = 6;
    for (std::size_t i = 0; i < chunks; ++i) {
        std::size_t from = bytes.size() * i / chunks, to = bytes.size() * (i + 1) / chunks;
        std::ofstream append(in() / "share.jpg", std::ios::binary | std::ios::app);
        append.write(bytes.data() + from, static_cast<std::streamsize>(to - from));
        append.close();
        std::this_thread::sleep_for(500ms);
        EXPECT_FALSE(fs::exists(output_of("share"))) << "taken while arriving, chunk " << i;
    }
    ASSERT_TRUE(outputs_appear({"share"})) << lote->out_so_far();
    Finished done = stop(*lote);
    EXPECT_EQ(done.status, 0) << done.err;
    EXPECT_EQ(times_processed(done.out)["share.jpg"], 1) << done.out;
    EXPECT_EQ(output_width(output_of("share")), 400);
}

TEST_F(CliWatch, AFolderThatDisappearsIsSaidAndWaitedForWithoutSpinning) {
    auto lote = watch();
    ASSERT_TRUE(wait_until([&] { return count_events(lote->out_so_far(), "watching") > 0; }, 10s));
    fs::remove_all(in());
    ASSERT_TRUE(wait_until(
        [&] { return lote->out_so_far().find("\"state\":\"missing\"") != std::string::npos; }, 10s))
        << lote->out_so_far();
    std::string said = lote->out_so_far();
    EXPECT_NE(said.find(in().string()), std::string::npos);
    long before = cpu_ticks(lote->pid());
    std::this_thread::sleep_for(3s);
    long used = cpu_ticks(lote->pid()) - before;
    EXPECT_LT(used, 30) << "ticks of CPU while the folder was missing";
    fs::create_directories(in());
    drop("back.jpg", jpeg(15));
    ASSERT_TRUE(outputs_appear({"back"})) << lote->out_so_far();
    Finished done = stop(*lote);
    EXPECT_EQ(done.status, 0) << done.err;
}

TEST_F(CliWatch, AFolderThatIsNotThereIsAClearError) {
    Finished done =
        Lote({"watch", (dir_.path() / "nowhere").string(), "-o", out().string(), "-f", "grises"},
             dir_.path())
            .wait(30s);
    EXPECT_EQ(done.status, 2);
    EXPECT_NE(done.err.find("nowhere"), std::string::npos) << done.err;
    EXPECT_FALSE(fs::exists(out()));
}

TEST_F(CliWatch, SigtermMidBatchLeavesNothingPartialAndExitsZero) {
    for (int i = 0; i < 16; ++i) {
        write_bytes(in() / ("big" + std::to_string(i) + ".jpg"), jpeg(20 + i, 900, 700));
    }
    std::vector<std::string> args = {"watch", in().string(),   "-o",      out().string(),
                                     "-f",    "blur:radio=30", "--json",  "--workers",
                                     "1",     "--mode",        "procesos"};
    Lote lote(args, dir_.path());
    ASSERT_TRUE(wait_until([&] { return count_outputs(out() / "blur") >= 1; }, 60s));
    lote.signal(SIGTERM);
    Finished done = lote.wait(60s);
    EXPECT_EQ(done.status, 0) << done.err;
    EXPECT_EQ(count_temporaries(out()), 0u);
    std::size_t made = count_outputs(out() / "blur");
    EXPECT_LT(made, 16u);
    for (const auto& path : files_under(out() / "blur")) {
        if (path.filename().string().front() != '.') {
            EXPECT_EQ(output_width(path), 900) << path;  // whole, decodable
        }
    }
    Finished rerun = run_lote(
        {"run", in().string(), "-o", out().string(), "-f", "blur:radio=30", "--json"}, dir_.path());
    EXPECT_EQ(rerun.status, 0) << rerun.err;
    EXPECT_EQ(count_outputs(out() / "blur"), 16u);
}

TEST_F(CliWatch, InputsAreMovedAwayWithoutReplacingAnything) {
    fs::path done_dir = dir_.path() / "processed";
    fs::path failed_dir = dir_.path() / "errors";
    fs::create_directories(done_dir);
    write_bytes(done_dir / "good.jpg", "an older file, kept");
    write_bytes(in() / "good.jpg", jpeg(40));
    write_bytes(in() / "broken.jpg", "this is text, not a JPEG");
    auto lote = watch({"--move-done", done_dir.string(), "--move-failed", failed_dir.string()});
    ASSERT_TRUE(wait_until([&] { return fs::exists(failed_dir / "broken.jpg"); }, 20s))
        << lote->out_so_far();
    ASSERT_TRUE(wait_until([&] { return fs::exists(done_dir / "good-1.jpg"); }, 20s))
        << lote->out_so_far();
    Finished done = stop(*lote);
    EXPECT_EQ(done.status, 0) << done.err;
    EXPECT_EQ(bytes_of(done_dir / "good.jpg"), "an older file, kept");
    EXPECT_EQ(bytes_of(done_dir / "good-1.jpg"), jpeg(40));
    EXPECT_EQ(bytes_of(failed_dir / "broken.jpg"), "this is text, not a JPEG");
    EXPECT_FALSE(fs::exists(in() / "good.jpg"));
    EXPECT_FALSE(fs::exists(in() / "broken.jpg"));
    EXPECT_TRUE(fs::exists(output_of("good")));
    EXPECT_EQ(count_events(done.out, "moved"), 2u);
}

}  // namespace
}  // namespace lote::cli_testing
