// The streamed decode: one output whose chain starts by making the image smaller is decoded
// through that first step, so the whole decoded image is never held. It must give the very same
// pixels as the materialised decode and fail as cleanly on broken files.
#include <algorithm>

#include "pipeline/load_image.hpp"
#include "pipeline/process_image.hpp"
#include "pipeline/shrink_on_load.hpp"
#include "pipeline_fixture.hpp"

namespace lote::testing {
namespace {

Chain chain(const std::string& text) {
    auto parsed = parse_chain(text);
    EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed ? "" : parsed.message());
    return parsed ? *parsed : Chain{};
}

// A pass-through image that notes, each time pixels flow through it, how much memory libvips has
// allocated at that moment (vips_tracked_get_mem): the peak while a decode runs through it.
struct MemoryProbe {
    std::size_t peak = 0;
};

int probe_generate(VipsRegion* out, void* seq, void* /*a*/, void* b, gboolean* /*stop*/) {
    auto* in = static_cast<VipsRegion*>(seq);
    auto* probe = static_cast<MemoryProbe*>(b);
    if (vips_region_prepare(in, &out->valid) != 0) {
        return -1;
    }
    probe->peak = std::max(probe->peak, vips_tracked_get_mem());
    return vips_region_region(out, in, &out->valid, out->valid.left, out->valid.top);
}

VImage probed(const VImage& in, MemoryProbe* probe) {
    VipsImage* out = vips_image_new();
    VipsImage* inputs[] = {in.get_image(), nullptr};
    if (vips_image_pipeline_array(out, VIPS_DEMAND_STYLE_THINSTRIP, inputs) != 0 ||
        vips_image_generate(out, vips_start_one, probe_generate, vips_stop_one, in.get_image(),
                            probe) != 0) {
        g_object_unref(out);
        throw vips::VError();
    }
    // The probe reads from `in`: keep it alive as long as the probe.
    g_object_set_data_full(G_OBJECT(out), "lote-probe-input", g_object_ref(in.get_image()),
                           g_object_unref);
    return VImage(out);
}

class StreamedDecodeTest : public PipelineTest {
  protected:
    ImageTask task_for(const std::string& input, const std::string& chain_text,
                       const std::vector<std::string>& outputs) {
        ImageTask task;
        task.input = path(input);
        for (const auto& out : outputs) {
            task.outputs.push_back({chain(chain_text), path(out)});
        }
        return task;
    }

    // One output (streamed) and the same chain as two outputs (decoded in full first) must
    // write byte-identical PNG files.
    void expect_same_as_materialised(const std::string& input, const std::string& chain_text) {
        SCOPED_TRACE(input + " with " + chain_text);
        ImageResult alone = process_image(task_for(input, chain_text, {"alone.png"}));
        ImageResult shared =
            process_image(task_for(input, chain_text, {"shared1.png", "shared2.png"}));
        ASSERT_TRUE(alone.outputs.at(0).ok) << alone.outputs[0].message;
        ASSERT_TRUE(shared.outputs.at(0).ok) << shared.outputs[0].message;
        EXPECT_EQ(read_bytes(path("alone.png")), read_bytes(path("shared1.png")));
    }

    // Writes the first half of a good JPEG of width x height as `name`.
    void write_truncated_jpeg(const std::string& name, int width, int height) {
        rgb_picture(width, height).jpegsave(path("whole.jpg").c_str());
        std::string bytes = read_bytes(path("whole.jpg"));
        fs::remove(path("whole.jpg"));
        write_bytes(path(name), bytes.substr(0, bytes.size() / 2));
    }

    // Every file under the test folder except the inputs: outputs, temporaries, folders.
    std::vector<std::string> entries_besides(const std::vector<std::string>& inputs) const {
        std::vector<std::string> found;
        for (const auto& entry : fs::recursive_directory_iterator(dir())) {
            std::string name = entry.path().filename().string();
            if (std::find(inputs.begin(), inputs.end(), name) == inputs.end()) {
                found.push_back(name);
            }
        }
        return found;
    }
};

TEST_F(StreamedDecodeTest, LeadingReductionOnlyForChainsThatStartSmaller) {
    Size original{1600, 1200};
    EXPECT_EQ(leading_reduction(original, 1, chain("ajustar:ancho=1000 | nitidez")),
              (Size{1000, 750}));
    EXPECT_EQ(leading_reduction(original, 4, chain("ajustar:ancho=400")), (Size{400, 300}));
    EXPECT_EQ(leading_reduction(original, 1, chain("redimensionar:porcentaje=25 | grises")),
              (Size{400, 300}));
    // Not smaller: nothing to stream through.
    EXPECT_FALSE(leading_reduction(original, 1, chain("ajustar:ancho=2000")));
    EXPECT_FALSE(leading_reduction(original, 1, chain("ajustar:ancho=2000,ampliar=true")));
    EXPECT_FALSE(leading_reduction(original, 1, chain("redimensionar:porcentaje=150")));
    EXPECT_FALSE(leading_reduction(original, 1, chain("redimensionar:porcentaje=100")));
    // The first step is not a reduction, even if a later one is.
    EXPECT_FALSE(leading_reduction(original, 1, chain("grises | ajustar:ancho=100")));
    // A target larger than the shrunk decode is never reached by the resize alone.
    EXPECT_FALSE(leading_reduction(original, 8, chain("ajustar:ancho=400")));
}

TEST_F(StreamedDecodeTest, ChainAfterFirstStepKeepsTheName) {
    Chain web = chain("ajustar:ancho=10 | nitidez | grises");
    Chain rest = chain_after_first_step(web);
    EXPECT_EQ(rest.name, web.name);
    ASSERT_EQ(rest.steps.size(), 2u);
    EXPECT_EQ(rest.steps[0].filter->id, "nitidez");
    EXPECT_TRUE(chain_after_first_step(Chain{"x", {}}).steps.empty());
}

TEST_F(StreamedDecodeTest, DecodeStreamedHoldsOnlyTheStepsResult) {
    rgb_picture(1200, 900).jpegsave(path("big.jpg").c_str());
    auto header = read_image_header(path("big.jpg"), {});
    ASSERT_TRUE(header.ok()) << header.message();
    int calls = 0;
    auto step = [&calls](const VImage& image) {
        ++calls;
        return resize_exactly(image, {200, 150});
    };
    auto decoded = decode_streamed(path("big.jpg"), *header, {}, 4, step);
    ASSERT_TRUE(decoded.ok()) << decoded.message();
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(decoded->first_step_applied);
    EXPECT_EQ(decoded->shrink, 4);
    EXPECT_EQ(decoded->header.width, 1200);
    EXPECT_EQ(decoded->image.width(), 200);
    EXPECT_EQ(decoded->image.height(), 150);
    // Evaluated already: the pixels live in memory (libvips' own buffer, or the one lote's
    // resampler wrote), nothing refers to the file.
    const auto kind = decoded->image.get_image()->dtype;
    EXPECT_TRUE(kind == VIPS_IMAGE_SETBUF || kind == VIPS_IMAGE_SETBUF_FOREIGN) << kind;
}

TEST_F(StreamedDecodeTest, TheWholeDecodedImageIsNeverHeld) {
    // 1000 x 10000 RGB is 30 MB decoded; fitted to 300 px wide it is 2.7 MB (no shrink-on-load:
    // decode_streamed is asked for none). While the decode streams, libvips holds the result and
    // a band of rows only (about 5 MB here).
    rgb_picture(1000, 10000).jpegsave(path("big.jpg").c_str());
    const std::size_t decoded_bytes = 1000u * 10000u * 3u;
    auto header = read_image_header(path("big.jpg"), {});
    ASSERT_TRUE(header.ok()) << header.message();
    const Size target{300, 3000};

    MemoryProbe streamed;
    auto step = [&](const VImage& image) {
        return probed(resize_exactly(image, target), &streamed);
    };
    auto decoded = decode_streamed(path("big.jpg"), *header, {}, 1, step);
    ASSERT_TRUE(decoded.ok()) << decoded.message();
    EXPECT_GT(streamed.peak, 0u);
    EXPECT_LT(streamed.peak, decoded_bytes / 2) << "peak " << streamed.peak;

    // The probe can tell: through the materialised decode, the whole image is held meanwhile.
    MemoryProbe materialised;
    auto whole = decode_image(path("big.jpg"), *header, {}, 1);
    ASSERT_TRUE(whole.ok()) << whole.message();
    probed(resize_exactly(whole->image, target), &materialised).copy_memory();
    EXPECT_GT(materialised.peak, decoded_bytes);
}

TEST_F(StreamedDecodeTest, SamePixelsAsTheMaterialisedDecode) {
    rgb_picture(1601, 1199).jpegsave(path("photo.jpg").c_str(), VImage::option()->set("Q", 90));
    expect_same_as_materialised("photo.jpg", "ajustar:ancho=333 | nitidez | marca_agua");  // 1/4
    expect_same_as_materialised("photo.jpg", "ajustar:ancho=1000 | nitidez");  // no shrink
    expect_same_as_materialised("photo.jpg", "redimensionar:porcentaje=37 | sepia");
    expect_same_as_materialised("photo.jpg", "ajustar:alto=100");  // the step alone
}

TEST_F(StreamedDecodeTest, SamePixelsForOtherFormatsAndBands) {
    grey_picture(900, 700).pngsave(path("grey.png").c_str());
    with_alpha(rgb_picture(900, 700), 128).pngsave(path("alpha.png").c_str());
    rgb_picture(900, 700).webpsave(path("photo.webp").c_str());
    rgb_picture(900, 700).tiffsave(path("photo.tif").c_str());
    for (const char* input : {"grey.png", "alpha.png", "photo.webp", "photo.tif"}) {
        expect_same_as_materialised(input, "ajustar:ancho=200 | nitidez");
    }
}

TEST_F(StreamedDecodeTest, RotatedInputsAreDecodedInFullThenReduced) {
    // Orientation 6 turns the picture a quarter: the stream cannot serve that, the result must
    // still be upright and equal to the materialised path.
    VImage picture = rgb_picture(1600, 1200).copy();
    picture.set(VIPS_META_ORIENTATION, 6);
    picture.jpegsave(path("turned.jpg").c_str());
    expect_same_as_materialised("turned.jpg", "ajustar:alto=400 | nitidez");
    VImage fit = VImage::new_from_file(path("alone.png").c_str());
    EXPECT_EQ(fit.width(), 300);
    EXPECT_EQ(fit.height(), 400);
    // Orientation 3 (upside down) reads the last rows first.
    picture.set(VIPS_META_ORIENTATION, 3);
    picture.jpegsave(path("upside.jpg").c_str());
    expect_same_as_materialised("upside.jpg", "ajustar:ancho=500");
}

TEST_F(StreamedDecodeTest, TruncatedJpegThroughAFitFailsCleanly) {
    write_truncated_jpeg("photo.jpg", 1600, 1200);
    // 1/4 shrink-on-load, no shrink, and redimensionar: every streamed variant.
    for (const char* text : {"ajustar:ancho=300 | nitidez", "ajustar:ancho=1000",
                             "redimensionar:porcentaje=50 | marca_agua"}) {
        SCOPED_TRACE(text);
        ImageResult result = process_image(task_for("photo.jpg", text, {"out/web/photo.jpg"}));
        ASSERT_EQ(result.outputs.size(), 1u);
        const OutputResult& out = result.outputs[0];
        EXPECT_FALSE(out.ok);
        EXPECT_TRUE(out.path.empty());
        EXPECT_EQ(out.message.rfind("photo.jpg: truncated or corrupt JPEG data (", 0), 0u)
            << out.message;
        EXPECT_EQ(out.message.back(), ')') << out.message;
        // No output, no temporary, not even the output's folder.
        EXPECT_EQ(entries_besides({"photo.jpg"}), std::vector<std::string>{});
    }
}

TEST_F(StreamedDecodeTest, JpegCutNearItsEndFailsCleanly) {
    // The error comes late, after most rows have gone through the fit already.
    rgb_picture(1600, 1200).jpegsave(path("whole.jpg").c_str());
    std::string bytes = read_bytes(path("whole.jpg"));
    fs::remove(path("whole.jpg"));
    write_bytes(path("photo.jpg"), bytes.substr(0, bytes.size() * 9 / 10));
    ImageResult result =
        process_image(task_for("photo.jpg", "ajustar:ancho=700 | nitidez", {"out/photo.jpg"}));
    const OutputResult& out = result.outputs.at(0);
    EXPECT_FALSE(out.ok);
    EXPECT_EQ(out.message.rfind("photo.jpg: truncated or corrupt JPEG data (", 0), 0u)
        << out.message;
    EXPECT_EQ(entries_besides({"photo.jpg"}), std::vector<std::string>{});
}

TEST_F(StreamedDecodeTest, TruncatedPngThroughAFitFailsCleanly) {
    rgb_picture(800, 600).pngsave(path("whole.png").c_str());
    std::string bytes = read_bytes(path("whole.png"));
    fs::remove(path("whole.png"));
    write_bytes(path("photo.png"), bytes.substr(0, bytes.size() / 2));
    ImageResult result = process_image(task_for("photo.png", "ajustar:ancho=200", {"o.png"}));
    const OutputResult& out = result.outputs.at(0);
    EXPECT_FALSE(out.ok);
    EXPECT_EQ(out.message.rfind("photo.png: truncated or corrupt PNG data (", 0), 0u)
        << out.message;
    EXPECT_EQ(entries_besides({"photo.png"}), std::vector<std::string>{});
}

}  // namespace
}  // namespace lote::testing
