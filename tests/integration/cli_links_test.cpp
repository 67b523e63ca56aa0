// Links among a batch's inputs, end to end with `lote run`: a link that leads out of the input
// folder or nowhere fails with its reason and is never opened (its target here is a FIFO, which
// would block whoever opened it), in both modes; links inside are followed; the rest is written.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

struct Outcome {
    std::map<std::string, std::string> failed;  // image -> message
    nlohmann::json summary;
};

Outcome read_events(const std::string& out) {
    Outcome o;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        auto e = nlohmann::json::parse(line, nullptr, false);
        if (!e.is_object()) continue;
        if (e.value("event", "") == "image" && e.value("state", "") == "error")
            o.failed[e["image"].get<std::string>()] = e.value("message", "");
        if (e.value("event", "") == "finished") o.summary = e["summary"];
    }
    return o;
}

TEST(CliLinks, LinksOutOfTheFolderOrNowhereFailUnreadInBothModes) {
    TempDir dir;
    fs::path in = dir.path() / "in";
    fs::path outside = dir.path() / "outside";
    for (int i = 0; i < 3; ++i) write_image(in / ("img" + std::to_string(i) + ".jpg"), i * 30);
    write_image(outside / "private.jpg", 99);
    ASSERT_EQ(::mkfifo((outside / "pipe").c_str(), 0600), 0);
    fs::create_symlink(outside / "private.jpg", in / "leak.jpg");
    fs::create_symlink(outside / "pipe", in / "blocker.png");
    fs::create_symlink(outside / "pipe", in / "blocker");  // no extension: could be an image
    fs::create_symlink(in / "deleted.jpg", in / "gone.jpg");
    fs::create_symlink(outside / "pipe", in / "notes.txt");  // no image by its name: ignored
    fs::create_symlink(in / "img0.jpg", in / "same.jpg");    // inside: followed
    for (const char* mode : {"threads", "procesos"}) {
        fs::path out = dir.path() / (std::string("out-") + mode);
        Finished done =
            Lote({"run", in.string(), "-o", out.string(), "-f", "grises", "--mode", mode, "--json"},
                 dir.path())
                .wait(std::chrono::seconds(60));
        ASSERT_EQ(done.status, 1) << mode << " (-1: it blocked on the FIFO)\n" << done.err;
        auto outcome = read_events(done.out);
        ASSERT_EQ(outcome.failed.size(), 4u) << mode << done.out;
        for (const char* name : {"leak.jpg", "blocker.png", "blocker"}) {
            EXPECT_NE(outcome.failed[name].find("out of the input folder"), std::string::npos)
                << name << ": " << outcome.failed[name];
        }
        EXPECT_NE(outcome.failed["gone.jpg"].find("nowhere"), std::string::npos)
            << outcome.failed["gone.jpg"];
        EXPECT_EQ(outcome.summary.value("failed_images", 0), 4) << outcome.summary;
        EXPECT_EQ(outcome.summary.value("ignored_files", 0), 1) << outcome.summary;
        EXPECT_EQ(count_outputs(out / "grises"), 4u) << mode;  // img0..2 and same.jpg
        EXPECT_TRUE(fs::exists(out / "grises" / "same_grises.jpg"));
        EXPECT_FALSE(fs::exists(out / "grises" / "leak_grises.jpg"));
    }
}

// In text mode the table names the refused images with their reason too.
TEST(CliLinks, TheSummaryNamesARefusedLink) {
    TempDir dir;
    fs::path in = dir.path() / "in";
    write_image(in / "a.jpg", 1);
    fs::create_symlink("/etc/hostname", in / "host.jpg");
    Finished done = run_lote(
        {"run", in.string(), "-o", (dir.path() / "out").string(), "-f", "grises"}, dir.path());
    EXPECT_EQ(done.status, 1) << done.err;
    EXPECT_NE(done.out.find("host.jpg"), std::string::npos) << done.out;
    EXPECT_NE(done.out.find("out of the input folder"), std::string::npos) << done.out;
}

// With -r, a folder link out of the input folder is not gone through: it fails with its reason
// (a photographer who linked a folder in hears why its photos were not done), nothing under its
// target is read or written, and the folders inside are done as usual.
TEST(CliLinks, AFolderLinkOutOfTheFolderIsReportedNotEntered) {
    TempDir dir;
    fs::path in = dir.path() / "in";
    fs::path outside = dir.path() / "outside";
    write_image(in / "a.jpg", 1);
    write_image(in / "sub" / "b.jpg", 2);
    write_image(outside / "private.jpg", 3);
    fs::create_directory_symlink(outside, in / "archive");
    for (const char* mode : {"threads", "procesos"}) {
        fs::path out = dir.path() / (std::string("out-") + mode);
        Finished done = run_lote({"run", in.string(), "-o", out.string(), "-f", "grises", "-r",
                                  "--mode", mode, "--json"},
                                 dir.path());
        EXPECT_EQ(done.status, 1) << mode << done.err;
        auto outcome = read_events(done.out);
        ASSERT_EQ(outcome.failed.size(), 1u) << mode << done.out;
        EXPECT_NE(outcome.failed["archive"].find("out of the input folder"), std::string::npos)
            << outcome.failed["archive"];
        EXPECT_TRUE(fs::exists(out / "grises" / "a_grises.jpg")) << mode;
        EXPECT_TRUE(fs::exists(out / "grises" / "sub" / "b_grises.jpg")) << mode;
        EXPECT_FALSE(fs::exists(out / "grises" / "archive")) << mode;
        EXPECT_EQ(std::distance(fs::directory_iterator(outside), fs::directory_iterator()), 1)
            << "nothing written beside the link's target";
    }
    Finished flat = run_lote(
        {"run", in.string(), "-o", (dir.path() / "flat").string(), "-f", "grises"}, dir.path());
    EXPECT_EQ(flat.status, 0) << "without -r no folder is gone through, linked or not\n"
                              << flat.out;
}

}  // namespace
}  // namespace lote::cli_testing
