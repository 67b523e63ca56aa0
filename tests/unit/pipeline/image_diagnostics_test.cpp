// Each image's failure carries its own reason, never another image's libjpeg warning and never a
// bare "unknown" when libvips gave one, with many damaged images decoded at once on threads.

#include "pipeline/image_diagnostics.hpp"

#include <map>
#include <thread>

#include "pipeline/process_image.hpp"
#include "pipeline_fixture.hpp"
#include "support/damaged_files.hpp"

namespace lote::testing {
namespace {

struct Damaged {
    std::string name;
    std::string bytes;
    std::string reason;  // a fragment only this file's message may hold
};

class ImageDiagnosticsTest : public PipelineTest {
  protected:
    std::vector<Damaged> damaged_set() {
        return {{"cut.jpg", truncated_jpeg(), "JPEG data (VipsJpeg: Premature end of"},
                {"cut.png", truncated_png(), "PNG data (vipspng:"},
                {"bomb.jpg", jpeg_with_almost_no_scan(), "premature end of data segment"},
                {"text.png", "just some text", "not an image file (text)"}};
    }
    ImageTask task_for(const std::string& name, std::uint64_t id) {
        auto chain = parse_chain("grises");
        return {id, path(name), {{*chain, path("out-" + std::to_string(id) + "-" + name)}}, {}, {}};
    }
};

TEST_F(ImageDiagnosticsTest, TheLogHoldsWhatLibvipsSaidForThisThreadOnly) {
    ImageDiagnostics outer;
    vips_error("test", "%s", "for the outer image");
    {
        ImageDiagnostics inner;
        vips_error("test", "%s", "for the inner image");
        std::thread other([] { vips_error("test", "%s", "for nobody"); });
        other.join();
        EXPECT_EQ(inner.errors(), std::vector<std::string>{"test: for the inner image"});
    }
    EXPECT_EQ(outer.errors(), std::vector<std::string>{"test: for the outer image"});
    EXPECT_EQ(ImageDiagnostics::current(), &outer);
    vips_error_clear();
}

TEST_F(ImageDiagnosticsTest, LibjpegWarningsAreToldFromErrors) {
    EXPECT_TRUE(is_decoder_warning("VipsJpeg: Corrupt JPEG data: premature end of data segment"));
    EXPECT_TRUE(means_damaged_pixels("VipsJpeg: Corrupt JPEG data: premature end of data segment"));
    EXPECT_TRUE(means_damaged_pixels("VipsJpeg: Premature end of JPEG file"));
    EXPECT_TRUE(
        is_decoder_warning("VipsJpeg: Corrupt JPEG data: 12 extraneous bytes before marker 0xd9"));
    EXPECT_FALSE(means_damaged_pixels(
        "VipsJpeg: Corrupt JPEG data: 12 extraneous bytes before marker 0xd9"));
    EXPECT_FALSE(is_decoder_warning("VipsJpeg: Premature end of input file"));  // an error
}

// Work libvips hands to its own worker threads is still this image's: a decode error raised on
// one of them lands in the log of the thread that asked for the pixels.
TEST_F(ImageDiagnosticsTest, ErrorsRaisedOnLibvipsWorkerThreadsReachTheImage) {
    write_bytes(path("cut.png"), truncated_png());
    vips_concurrency_set(3);
    ImageDiagnostics log;
    try {
        VImage::new_from_file(path("cut.png").c_str(),
                              VImage::option()->set("fail_on", VIPS_FAIL_ON_TRUNCATED))
            .copy_memory();
        FAIL() << "a truncated PNG decoded";
    } catch (const vips::VError& e) {
        EXPECT_NE(log.reason(e).find("vipspng"), std::string::npos) << log.reason(e);
    }
}

TEST_F(ImageDiagnosticsTest, ManyDamagedImagesAtOnceEachGetTheirOwnReason) {
    auto damaged = damaged_set();
    for (const Damaged& d : damaged) write_bytes(path(d.name), d.bytes);
    // A good file whose harmless libjpeg warning must never show up in anybody's reason.
    write_bytes(path("noisy.jpg"), jpeg_with_extraneous_bytes());
    vips_concurrency_set(2);
    constexpr int kRounds = 6;
    std::vector<std::thread> threads;
    std::mutex mutex;
    std::map<std::string, std::vector<std::string>> messages;
    std::vector<std::string> noisy_results;
    std::uint64_t id = 0;
    for (int round = 0; round < kRounds; ++round) {
        for (const Damaged& d : damaged) {
            threads.emplace_back([&, task = task_for(d.name, ++id), name = d.name] {
                ImageResult result = process_image(task);
                std::lock_guard lock(mutex);
                messages[name].push_back(result.outputs.at(0).message);
            });
        }
        threads.emplace_back([&, task = task_for("noisy.jpg", ++id)] {
            ImageResult result = process_image(task);
            std::lock_guard lock(mutex);
            noisy_results.push_back(result.outputs.at(0).ok ? "" : result.outputs[0].message);
        });
    }
    for (auto& t : threads) t.join();
    for (const Damaged& d : damaged) {
        ASSERT_EQ(messages[d.name].size(), static_cast<std::size_t>(kRounds));
        for (const std::string& message : messages[d.name]) {
            EXPECT_NE(message.find(d.reason), std::string::npos) << d.name << ": " << message;
            EXPECT_EQ(message.find("extraneous"), std::string::npos) << d.name << ": " << message;
            EXPECT_EQ(message.find("no reason"), std::string::npos) << d.name << ": " << message;
            for (const Damaged& other : damaged) {
                if (other.name != d.name) {
                    EXPECT_EQ(message.find(other.reason), std::string::npos)
                        << d.name << " carries " << other.name << "'s reason: " << message;
                }
            }
        }
    }
    for (const std::string& failure : noisy_results) {
        EXPECT_EQ(failure, "") << "a harmless warning failed the image";
    }
}

}  // namespace
}  // namespace lote::testing
