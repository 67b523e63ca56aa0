// `lote run` end to end: exit statuses and messages, failures, -f all, --json, both executors.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

class CliRun : public ::testing::Test {
  protected:
    void SetUp() override {
        for (int i = 0; i < 3; ++i) {
            write_image(in() / ("img" + std::to_string(i) + ".jpg"), i * 40);
        }
        write_image(in() / "pic.png", 7);
    }
    fs::path in() const { return dir_.path() / "in"; }
    fs::path out() const { return dir_.path() / "out"; }
    Finished run(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
        args.insert(args.begin(), {"run", in().string(), "-o", out().string()});
        return run_lote(args, dir_.path(), env);
    }
    TempDir dir_;
};

TEST_F(CliRun, SucceedsWithTheSeedLayoutAndATable) {
    std::ofstream(in() / "notes.txt") << "not an image";
    Finished done = run({"-f", "grises", "-f", "blur:radio=2", "--workers", "2"});
    ASSERT_EQ(done.status, 0) << done.err;
    EXPECT_TRUE(fs::exists(out() / "grises" / "img0_grises.jpg"));
    EXPECT_TRUE(fs::exists(out() / "blur" / "pic_blur.png"));
    EXPECT_EQ(count_outputs(out() / "blur"), 4u);
    EXPECT_NE(done.out.find("succeeded"), std::string::npos);
    EXPECT_NE(done.out.find("ignored: 1 files that are not images"), std::string::npos);
}

TEST_F(CliRun, UsageErrorsExit2NamingTheProblemBeforeAnyWork) {
    Finished unknown = run({"-f", "nope"});
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.err.find("nope"), std::string::npos);
    Finished range = run({"-f", "blur:radio=999"});
    EXPECT_EQ(range.status, 2);
    EXPECT_NE(range.err.find("radio"), std::string::npos);
    Finished none = run({});
    EXPECT_EQ(none.status, 2);
    EXPECT_NE(none.err.find("no filters"), std::string::npos);
    Finished format = run({"-f", "grises", "--format", "bmpx"});
    EXPECT_EQ(format.status, 2);
    EXPECT_NE(format.err.find("bmpx"), std::string::npos);
    Finished missing =
        run_lote({"run", (dir_.path() / "nowhere").string(), "-o", out().string(), "-f", "grises"},
                 dir_.path());
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.err.find("nowhere"), std::string::npos);
    Finished chain = run({"--chain", "grises | blur:radio=-1"});
    EXPECT_EQ(chain.status, 2);
    EXPECT_NE(chain.err.find("radio"), std::string::npos);
    EXPECT_FALSE(fs::exists(out()));
}

TEST_F(CliRun, ACorruptFileFailsAloneWithExit1) {
    std::ofstream(in() / "broken.jpg", std::ios::binary)
        << std::string("\xFF\xD8\xFF\xE0", 4) << "truncated";
    Finished done = run({"-f", "grises", "--workers", "2"});
    EXPECT_EQ(done.status, 1) << done.err;
    EXPECT_NE(done.out.find("broken.jpg"), std::string::npos);
    EXPECT_EQ(count_outputs(out() / "grises"), 4u);
}

// Text saved under an image's name is a failure the user hears about, with the reason, in both
// modes; the good images are all written.
TEST_F(CliRun, AFileNamedLikeAnImageButNotOneFailsWithItsReason) {
    std::ofstream(in() / "notes.jpg") << "just some text";
    std::ofstream(in() / "empty.png") << "";
    for (const char* mode : {"threads", "procesos"}) {
        Finished done = run({"-f", "grises", "--mode", mode, "--json", "--force"});
        EXPECT_EQ(done.status, 1) << mode << done.err;
        std::map<std::string, std::string> failed;
        std::istringstream lines(done.out);
        for (std::string line; std::getline(lines, line);) {
            auto e = nlohmann::json::parse(line, nullptr, false);
            if (e.is_object() && e.value("event", "") == "image" &&
                e.value("state", "") == "error") {
                failed[e["image"].get<std::string>()] = e.value("message", "");
            }
        }
        ASSERT_EQ(failed.size(), 2u) << mode << done.out;
        EXPECT_NE(failed["notes.jpg"].find("not an image"), std::string::npos)
            << failed["notes.jpg"];
        EXPECT_NE(failed["empty.png"].find("empty"), std::string::npos) << failed["empty.png"];
        EXPECT_EQ(count_outputs(out() / "grises"), 4u) << mode;
        EXPECT_FALSE(fs::exists(out() / "grises" / "notes_grises.jpg"));
    }
}

TEST_F(CliRun, OneFileIsABatchOfOne) {
    auto single = [&](const fs::path& input, std::vector<std::string> args) {
        args.insert(args.begin(), {"run", input.string(), "-o", out().string()});
        return run_lote(args, dir_.path());
    };
    Finished done = single(in() / "pic.png", {"-f", "grises", "-f", "sepia"});
    ASSERT_EQ(done.status, 0) << done.err;
    EXPECT_EQ(count_outputs(out() / "grises"), 1u);
    EXPECT_TRUE(fs::exists(out() / "sepia" / "pic_sepia.png"));
    std::ofstream(dir_.path() / "notes.txt") << "named by the user, so tried and reported";
    Finished text = single(dir_.path() / "notes.txt", {"-f", "grises"});
    EXPECT_EQ(text.status, 1);
    EXPECT_NE(text.out.find("not an image"), std::string::npos) << text.out;
    Finished device = single("/dev/null", {"-f", "grises"});
    EXPECT_EQ(device.status, 2);
    EXPECT_NE(device.err.find("neither a folder nor a file"), std::string::npos) << device.err;
}

TEST_F(CliRun, AllWritesTheTwelveSeedFilters) {
    fs::remove_all(in());
    write_image(in() / "one.png", 3);
    Finished done = run({"-f", "all", "--mode", "threads"});
    ASSERT_EQ(done.status, 0) << done.err << done.out;
    std::size_t folders = 0;
    for (const auto& entry : fs::directory_iterator(out())) {
        if (entry.is_directory()) {
            ++folders;
            EXPECT_EQ(count_outputs(entry.path()), 1u) << entry.path();
        }
    }
    EXPECT_EQ(folders, 12u);
}

TEST_F(CliRun, JsonEventsParseAndCount) {
    Finished done = run({"-f", "grises", "-f", "sepia", "--json"});
    ASSERT_EQ(done.status, 0) << done.err;
    std::istringstream lines(done.out);
    std::vector<nlohmann::json> events;
    for (std::string line; std::getline(lines, line);) {
        events.push_back(nlohmann::json::parse(line));  // throws (and fails) on a bad line
    }
    ASSERT_GE(events.size(), 2u);
    EXPECT_EQ(events.front()["event"], "started");
    EXPECT_EQ(events.front()["total"], 4);
    EXPECT_EQ(events.back()["event"], "finished");
    int images = 0;
    int hundreds = 0;
    for (const auto& e : events) {
        images += e["event"] == "image" ? 1 : 0;
        hundreds += e["event"] == "image" && e["percent"] == 100.0 ? 1 : 0;
    }
    EXPECT_EQ(images, 4);
    EXPECT_EQ(hundreds, 1);
    const auto& summary = events.back()["summary"];
    EXPECT_EQ(summary["processed"], 4);
    EXPECT_EQ(summary["filters"].size(), 2u);
    EXPECT_EQ(summary["filters"][1]["filter"], "sepia");
    EXPECT_EQ(summary["filters"][1]["succeeded"], 4);
}

TEST_F(CliRun, BothExecutorsWriteIdenticalBytes) {
    Finished threads = run_lote({"run", in().string(), "-o", (dir_.path() / "t").string(), "-f",
                                 "blur:radio=2", "-f", "sepia", "--mode", "threads"},
                                dir_.path());
    Finished processes = run_lote({"run", in().string(), "-o", (dir_.path() / "p").string(), "-f",
                                   "blur:radio=2", "-f", "sepia", "--mode", "processes"},
                                  dir_.path());
    ASSERT_EQ(threads.status, 0) << threads.err;
    ASSERT_EQ(processes.status, 0) << processes.err;
    std::size_t compared = 0;
    for (const auto& file : files_under(dir_.path() / "t")) {
        if (file.filename().string().front() == '.') {
            continue;  // the manifest
        }
        fs::path twin = dir_.path() / "p" / fs::relative(file, dir_.path() / "t");
        EXPECT_EQ(read_text(file), read_text(twin)) << twin;
        ++compared;
    }
    EXPECT_EQ(compared, 8u);
}

TEST_F(CliRun, AWorkerKilledMidBatchCostsExactlyOneImage) {
    write_image(in() / "victim.png", 9);
    Finished done = run({"-f", "grises", "--mode", "procesos", "--workers", "2", "--json"},
                        {"LOTE_TEST_FAULT=crash:victim"});
    EXPECT_EQ(done.status, 1) << done.err;
    std::string last = done.out.substr(done.out.rfind("{\"event\""));
    auto summary = nlohmann::json::parse(last)["summary"];
    EXPECT_EQ(summary["failed_images"], 1);
    ASSERT_EQ(summary["failures"].size(), 1u);
    EXPECT_EQ(summary["failures"][0]["image"], "victim.png");
    EXPECT_EQ(summary["processed"], 5);
    EXPECT_EQ(count_outputs(out() / "grises"), 4u);
}

}  // namespace
}  // namespace lote::cli_testing
