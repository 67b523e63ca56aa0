// Hostile and damaged inputs through the whole `lote run`, in both executors: a size that would
// wrap, a memory ceiling, damaged data, honest reasons, and what a big GIF costs. Each failure
// costs only its own image, with a clear reason, and the rest of the batch is written.
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_test_support.hpp"
#include "support/damaged_files.hpp"
#include "support/gif_writer.hpp"

namespace lote::cli_testing {
namespace {

using lote::testing::jpeg_with_almost_no_scan;
using lote::testing::jpeg_with_extraneous_bytes;
using lote::testing::truncated_jpeg;
using lote::testing::truncated_png;

struct Measured {
    Finished finished;
    long peak_rss_kb = 0;  // of lote and, for the process pool, of its largest worker
};

// Runs lote and reads the peak memory of the process tree it was (RUSAGE_CHILDREN's maxrss is
// the largest of the waited-for descendants, so each measure runs in a helper process of its own:
// `sh -c`, waited for here).
Measured run_measured(const std::vector<std::string>& args, const fs::path& dir) {
    std::string command = "exec";
    command += " '" LOTE_BINARY "'";
    for (const std::string& a : args) command += " '" + a + "'";
    const fs::path out = dir / "measured.out";
    const fs::path err = dir / "measured.err";
    command += " >'" + out.string() + "' 2>'" + err.string() + "'";
    std::vector<std::string> argv_text{"/bin/sh", "-c", command};
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    Measured measured;
    if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, argv.data(), environ) != 0) {
        return measured;
    }
    int status = 0;
    rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    measured.finished.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    measured.finished.out = read_text(out);
    measured.finished.err = read_text(err);
    measured.peak_rss_kb = usage.ru_maxrss;
    return measured;
}

std::vector<nlohmann::json> json_lines(const std::string& out) {
    std::vector<nlohmann::json> events;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        events.push_back(nlohmann::json::parse(line));
    }
    return events;
}

// The message of every image that failed, by name.
std::map<std::string, std::string> failures_of(const std::string& out) {
    std::map<std::string, std::string> failed;
    for (const auto& event : json_lines(out)) {
        if (event["event"] == "image" && event["state"] == "error") {
            failed[event["image"].get<std::string>()] = event["message"].get<std::string>();
        }
    }
    return failed;
}

class CliHardening : public ::testing::Test {
  protected:
    fs::path in() const { return dir_.path() / "in"; }
    fs::path out(const std::string& mode) const { return dir_.path() / ("out-" + mode); }
    void write(const std::string& name, const std::string& bytes) {
        fs::create_directories(in());
        std::ofstream(in() / name, std::ios::binary) << bytes;
    }
    std::vector<std::string> run_args(const std::string& mode, std::vector<std::string> extra) {
        std::vector<std::string> args{"run",    in().string(), "-o",    out(mode).string(),
                                      "--mode", mode,          "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    }
    TempDir dir_;
};

// 467 bytes of PNG, 1 x 100000 pixels: fitted to 65535 wide its height is 6553500000, which 32-bit
// arithmetic once wrapped into a size under the limit (and a 20 GB buffer).
TEST_F(CliHardening, ASizeThatWouldWrapIsRefusedFastAndCostsOnlyItsImage) {
    fs::create_directories(in());
    vips::VImage::black(1, 100000)
        .cast(VIPS_FORMAT_UCHAR)
        .pngsave((in() / "needle.png").string().c_str(),
                 vips::VImage::option()->set("compression", 9));
    ASSERT_LT(fs::file_size(in() / "needle.png"), 2000u);
    write_image(in() / "fine.png", 3);
    for (const std::string mode : {"threads", "procesos"}) {
        Measured done = run_measured(run_args(mode, {"--chain", "ajustar:ancho=65535,ampliar=true",
                                                     "--chain-name", "fit", "-f", "grises"}),
                                     dir_.path());
        EXPECT_EQ(done.finished.status, 1) << mode << done.finished.err;
        auto failed = failures_of(done.finished.out);
        ASSERT_EQ(failed.size(), 2u) << done.finished.out;  // 48x32 fitted to 65535 is too big too
        EXPECT_NE(failed["needle.png"].find(
                      "ajustar: the result would be 65535x6553500000 = 429483622500000 pixels, "
                      "more than the limit of 179000000"),
                  std::string::npos)
            << failed["needle.png"];
        EXPECT_NE(failed["fine.png"].find("65535x43690 = 2863224150 pixels"), std::string::npos)
            << failed["fine.png"];
        // The other output of each image is written; the refused one is not, in any size.
        EXPECT_TRUE(fs::exists(out(mode) / "grises" / "needle_grises.png")) << mode;
        EXPECT_TRUE(fs::exists(out(mode) / "grises" / "fine_grises.png")) << mode;
        EXPECT_FALSE(fs::exists(out(mode) / "fit")) << mode;
        EXPECT_LT(done.peak_rss_kb, 400 * 1024)
            << mode << ": refused, yet " << done.peak_rss_kb << " KB were used";
    }
}

// The pixel limit a user gives (--max-pixels) is the limit of every step's result too.
TEST_F(CliHardening, TheUsersPixelLimitBindsEveryStep) {
    write_image(in() / "small.png", 1, 200, 100);
    Finished done = run_lote(
        run_args("threads", {"-f", "redimensionar:porcentaje=1000", "--max-pixels", "1000000"}),
        dir_.path());
    EXPECT_EQ(done.status, 1) << done.err;
    auto failed = failures_of(done.out);
    EXPECT_NE(
        failed["small.png"].find("2000x1000 = 2000000 pixels, more than the limit of 1000000"),
        std::string::npos)
        << done.out;
    auto summary = json_lines(done.out).back()["summary"];
    EXPECT_EQ(summary["failures"][0]["filter"], "redimensionar");
}

// A JPEG whose header says 13000 x 13000 but whose scan stops after a few blocks: by default it
// fails (Pillow refuses it too); --accept-damaged keeps what decodes and says so.
TEST_F(CliHardening, DamagedDataFailsUnlessAcceptedAndThenIsAWarning) {
    write("bomb.jpg", jpeg_with_almost_no_scan());
    write("cut.png", truncated_png());
    write_image(in() / "fine.jpg", 2);
    for (const std::string mode : {"threads", "procesos"}) {
        Finished strict = run_lote(run_args(mode, {"-f", "grises", "--force"}), dir_.path());
        EXPECT_EQ(strict.status, 1) << mode << strict.err;
        auto failed = failures_of(strict.out);
        EXPECT_NE(failed["bomb.jpg"].find("truncated or corrupt JPEG data"), std::string::npos)
            << failed["bomb.jpg"];
        EXPECT_NE(failed["bomb.jpg"].find("premature end of data segment"), std::string::npos);
        EXPECT_NE(failed["cut.png"].find("truncated or corrupt PNG data"), std::string::npos)
            << failed["cut.png"];
        EXPECT_FALSE(fs::exists(out(mode) / "grises" / "bomb_grises.jpg"));
        EXPECT_TRUE(fs::exists(out(mode) / "grises" / "fine_grises.jpg"));

        Finished lenient =
            run_lote(run_args(mode, {"-f", "grises", "--force", "--accept-damaged"}), dir_.path());
        EXPECT_EQ(lenient.status, 0) << mode << lenient.err << lenient.out;
        EXPECT_TRUE(fs::exists(out(mode) / "grises" / "bomb_grises.jpg"));
        std::map<std::string, std::string> warned;
        for (const auto& event : json_lines(lenient.out)) {
            if (event["event"] == "image" && event.contains("warning")) {
                warned[event["image"].get<std::string>()] = event["warning"].get<std::string>();
            }
        }
        EXPECT_NE(warned["bomb.jpg"].find("damaged JPEG data, kept what decodes"),
                  std::string::npos)
            << lenient.out;
        EXPECT_NE(warned["cut.png"].find("damaged PNG data"), std::string::npos) << lenient.out;
        EXPECT_EQ(warned.count("fine.jpg"), 0u);
        auto summary = json_lines(lenient.out).back()["summary"];
        EXPECT_EQ(summary["warnings"].size(), 2u) << summary.dump();
        EXPECT_EQ(summary["failed_images"], 0);
    }
    Finished table = run_lote({"run", in().string(), "-o", out("table").string(), "-f", "grises",
                               "--accept-damaged", "--mode", "threads"},
                              dir_.path());
    EXPECT_NE(table.out.find("warnings: 2 images written despite a problem"), std::string::npos)
        << table.out;
}

// One worker takes the damaged files one after another: each message is still its own.
TEST_F(CliHardening, EachImageKeepsItsOwnReasonInProcessesToo) {
    write("a_cut.jpg", truncated_jpeg());
    write("b_cut.png", truncated_png());
    write("c_bomb.jpg", jpeg_with_almost_no_scan());
    write("d_noisy.jpg", jpeg_with_extraneous_bytes());
    write("e_text.jpg", "plain text");
    for (const std::string mode : {"procesos", "threads"}) {
        Finished done =
            run_lote(run_args(mode, {"-f", "grises", "--workers", "1", "--force"}), dir_.path());
        EXPECT_EQ(done.status, 1) << done.err;
        auto failed = failures_of(done.out);
        ASSERT_EQ(failed.size(), 4u) << done.out;  // the noisy one only warns, harmlessly
        EXPECT_NE(failed["a_cut.jpg"].find("VipsJpeg: Premature end of"), std::string::npos)
            << failed["a_cut.jpg"];
        EXPECT_NE(failed["b_cut.png"].find("vipspng"), std::string::npos) << failed["b_cut.png"];
        EXPECT_NE(failed["c_bomb.jpg"].find("premature end of data segment"), std::string::npos)
            << failed["c_bomb.jpg"];
        EXPECT_NE(failed["e_text.jpg"].find("not an image"), std::string::npos);
        for (const auto& [name, message] : failed) {
            EXPECT_EQ(message.find("extraneous"), std::string::npos) << name << ": " << message;
            EXPECT_EQ(message.find("no reason"), std::string::npos) << name << ": " << message;
        }
        EXPECT_TRUE(fs::exists(out(mode) / "grises" / "d_noisy_grises.jpg"));
    }
}

// A decode that fits the pixel limit but not the worker's memory ceiling: only that image fails,
// with the ceiling named, and the pool goes on with a fresh worker.
TEST_F(CliHardening, AnImageOverTheWorkersMemoryCeilingFailsAlone) {
    fs::create_directories(in());
    vips::VImage::black(9000, 9000, vips::VImage::option()->set("bands", 3))
        .cast(VIPS_FORMAT_UCHAR)
        .pngsave((in() / "huge.png").string().c_str());  // 243 MB decoded, a small file
    for (int i = 0; i < 3; ++i) write_image(in() / ("small" + std::to_string(i) + ".jpg"), i);
    Finished done =
        run_lote(run_args("procesos", {"-f", "grises", "--workers", "1", "--worker-memory", "160"}),
                 dir_.path());
    EXPECT_EQ(done.status, 1) << done.err;
    auto failed = failures_of(done.out);
    ASSERT_EQ(failed.size(), 1u) << done.out;
    EXPECT_NE(failed["huge.png"].find("ran out of its memory ceiling of 160 MB"), std::string::npos)
        << failed["huge.png"];
    EXPECT_EQ(count_outputs(out("procesos") / "grises"), 3u);
    // Without the ceiling the same image is fine.
    Finished unbounded =
        run_lote(run_args("procesos", {"-f", "grises", "--workers", "1", "--worker-memory", "0"}),
                 dir_.path());
    EXPECT_EQ(unbounded.status, 0) << unbounded.err << unbounded.out;
    Finished bad =
        run_lote(run_args("procesos", {"-f", "grises", "--worker-memory", "lots"}), dir_.path());
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("--worker-memory lots"), std::string::npos) << bad.err;
}

// A large GIF costs what a PNG of the same size costs (libvips' own GIF loader took 2.6 times).
TEST_F(CliHardening, ALargeGifCostsNoMoreMemoryThanAPng) {
    const int side = 6000;
    fs::create_directories(in() / "gif");
    fs::create_directories(in() / "png");
    lote::testing::write_plain_gif((in() / "gif" / "big.gif").string(), side, side,
                                   [](int x, int y) { return (x / 7 + y / 5) % 64; });
    vips::VImage::new_from_file((in() / "gif" / "big.gif").string().c_str())
        .pngsave((in() / "png" / "big.png").string().c_str(),
                 vips::VImage::option()->set("compression", 1));
    auto peak = [&](const std::string& kind) {
        Measured done = run_measured(
            {"run", (in() / kind).string(), "-o", (dir_.path() / ("o" + kind)).string(), "-f",
             "grises", "--format", "png", "--mode", "threads", "--workers", "1"},
            dir_.path());
        EXPECT_EQ(done.finished.status, 0) << kind << done.finished.err;
        return done.peak_rss_kb;
    };
    const long png = peak("png");
    const long gif = peak("gif");
    EXPECT_LE(gif, png + png / 5) << "GIF " << gif << " KB, PNG " << png << " KB";
}

}  // namespace
}  // namespace lote::cli_testing
