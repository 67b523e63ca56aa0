#include "pipeline/process_image.hpp"

#include "pipeline/load_image.hpp"
#include "pipeline/shrink_on_load.hpp"
#include "pipeline_fixture.hpp"

namespace lote::testing {
namespace {

Chain chain(const std::string& text, const std::string& name = {}) {
    auto parsed = parse_chain(text, name);
    EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed ? "" : parsed.message());
    return parsed ? *parsed : Chain{};
}

class ProcessImageTest : public PipelineTest {
  protected:
    ImageTask task_for(const std::string& input,
                       std::vector<std::pair<std::string, std::string>> outputs) {
        ImageTask task;
        task.id = 7;
        task.input = path(input);
        for (auto& [text, out] : outputs) {
            task.outputs.push_back({chain(text), path(out)});
        }
        return task;
    }
};

std::uint32_t png_crc(const std::string& bytes) {  // CRC-32 (ISO-HDLC), bit by bit
    std::uint32_t crc = 0xffffffffu;
    for (unsigned char byte : bytes) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc & 1u) != 0 ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
        }
    }
    return ~crc;
}

std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

std::string png_chunk(const std::string& type, const std::string& data) {
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(png_crc(type + data));
}

// A zlib stream holding `raw` in one stored (uncompressed) deflate block.
std::string zlib_stored(const std::string& raw) {
    auto length = static_cast<std::uint16_t>(raw.size());
    std::uint32_t a = 1, b = 0;  // Adler-32
    for (unsigned char c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    std::string out{'\x78', '\x01', '\x01'};
    out += {static_cast<char>(length & 0xff), static_cast<char>(length >> 8)};
    out += {static_cast<char>(~length & 0xff), static_cast<char>((~length >> 8) & 0xff)};
    return out + raw + be32((b << 16) | a);
}

// A PNG that declares width x height in a valid IHDR (with its CRC) and carries one tiny IDAT.
std::string png_declaring(std::uint32_t width, std::uint32_t height) {
    std::string ihdr = be32(width) + be32(height) + std::string{8, 2, 0, 0, 0};  // 8-bit RGB
    return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) +
           png_chunk("IDAT", zlib_stored(std::string(1000, '\0'))) + png_chunk("IEND", "");
}

TEST_F(ProcessImageTest, HandMadePngHeaderIsValid) {
    write_bytes(path("tiny.png"), png_declaring(7, 5));
    VImage header = VImage::new_from_file(path("tiny.png").c_str());
    EXPECT_EQ(header.width(), 7);
    EXPECT_EQ(header.height(), 5);
}

TEST_F(ProcessImageTest, WritesEveryOutputOfOneDecode) {
    rgb_picture(64, 48).jpegsave(path("photo.jpg").c_str());
    ImageTask task =
        task_for("photo.jpg", {{"grises", "out/grises/photo_grises.jpg"},
                               {"invertir", "out/invertir/photo_invertir.jpg"},
                               {"ajustar:ancho=32 | sepia", "out/web/photo_web.webp"}});
    ImageResult result = process_image(task);
    EXPECT_EQ(result.id, 7u);
    ASSERT_EQ(result.outputs.size(), 3u);
    for (const auto& out : result.outputs) {
        EXPECT_TRUE(out.ok) << out.message;
        EXPECT_TRUE(out.message.empty());
        EXPECT_EQ(out.bytes, fs::file_size(out.path));
        EXPECT_GT(out.seconds, 0);
    }
    EXPECT_EQ(result.outputs[0].chain, "grises");
    VImage web = VImage::new_from_file(path("out/web/photo_web.webp").c_str());
    EXPECT_EQ(web.width(), 32);
    EXPECT_EQ(web.height(), 24);
    VImage inverted = VImage::new_from_file(path("out/invertir/photo_invertir.jpg").c_str());
    EXPECT_NEAR(inverted.extract_band(2).avg(), 255 - 90, 3);
}

TEST_F(ProcessImageTest, ADecodeFailureFailsEveryOutputWithTheSameReason) {
    write_bytes(path("photo.jpg"), "not a picture at all\n");
    ImageResult result =
        process_image(task_for("photo.jpg", {{"grises", "a.jpg"}, {"sepia", "b.jpg"}}));
    ASSERT_EQ(result.outputs.size(), 2u);
    for (const auto& out : result.outputs) {
        EXPECT_FALSE(out.ok);
        EXPECT_EQ(out.message, "photo.jpg: not an image file (text)");
        EXPECT_TRUE(out.path.empty());
    }
    EXPECT_FALSE(fs::exists(path("a.jpg")));
}

TEST_F(ProcessImageTest, TruncatedJpegWritesNothing) {
    rgb_picture(300, 200).jpegsave(path("whole.jpg").c_str());
    std::string bytes = read_bytes(path("whole.jpg"));
    write_bytes(path("photo.jpg"), bytes.substr(0, bytes.size() / 2));
    ImageResult result = process_image(task_for("photo.jpg", {{"grises", "out/a.jpg"}}));
    ASSERT_EQ(result.outputs.size(), 1u);
    EXPECT_FALSE(result.outputs[0].ok);
    EXPECT_EQ(result.outputs[0].message.rfind("photo.jpg: truncated or corrupt JPEG data (", 0), 0u)
        << result.outputs[0].message;
    EXPECT_FALSE(fs::exists(path("out/a.jpg")));
}

TEST_F(ProcessImageTest, EmptyAndMissingFilesFailClearly) {
    write_bytes(path("empty.png"), "");
    EXPECT_EQ(process_image(task_for("empty.png", {{"grises", "a.png"}})).outputs[0].message,
              "empty.png: the file is empty");
    EXPECT_EQ(process_image(task_for("gone.png", {{"grises", "a.png"}})).outputs[0].message,
              "gone.png: no such file");
}

TEST_F(ProcessImageTest, HugeDeclaredSizeFailsBeforeDecoding) {
    write_bytes(path("bomb.png"), png_declaring(100000, 100000));
    ImageResult result = process_image(task_for("bomb.png", {{"grises", "a.png"}}));
    ASSERT_EQ(result.outputs.size(), 1u);
    EXPECT_FALSE(result.outputs[0].ok);
    EXPECT_EQ(result.outputs[0].message,
              "bomb.png: 10000000000 pixels (100000x100000) exceeds the limit of 179000000 pixels");
    EXPECT_LT(result.outputs[0].seconds, 1.0);  // the header alone was read
}

TEST_F(ProcessImageTest, OversizedResultIsRefused) {
    rgb_picture(200, 100).pngsave(path("small.png").c_str());
    ImageTask task =
        task_for("small.png", {{"redimensionar:porcentaje=1000", "big.png"}, {"grises", "ok.png"}});
    task.load.max_pixels = 100000;
    ImageResult result = process_image(task);
    ASSERT_EQ(result.outputs.size(), 2u);
    EXPECT_FALSE(result.outputs[0].ok);
    EXPECT_NE(result.outputs[0].message.find("2000000 pixels"), std::string::npos)
        << result.outputs[0].message;
    EXPECT_FALSE(fs::exists(path("big.png")));
    EXPECT_TRUE(result.outputs[1].ok) << result.outputs[1].message;
}

TEST_F(ProcessImageTest, OneFailedOutputDoesNotStopTheOthers) {
    rgb_picture(40, 30).pngsave(path("photo.png").c_str());
    write_bytes(path("blocker"), "a file where a folder should be");
    ImageResult result = process_image(
        task_for("photo.png",
                 {{"grises", "blocker/a.png"}, {"invertir", "b.xyz"}, {"sepia", "c/sepia.png"}}));
    ASSERT_EQ(result.outputs.size(), 3u);
    EXPECT_FALSE(result.outputs[0].ok);
    EXPECT_NE(result.outputs[0].message.find("photo.png: cannot create"), std::string::npos)
        << result.outputs[0].message;
    EXPECT_FALSE(result.outputs[1].ok);
    EXPECT_NE(result.outputs[1].message.find("unsupported output file extension"),
              std::string::npos);
    EXPECT_TRUE(result.outputs[2].ok) << result.outputs[2].message;
    EXPECT_TRUE(fs::exists(path("c/sepia.png")));
}

TEST_F(ProcessImageTest, OutputFormatFollowsTheOutputPath) {
    rgb_picture(40, 30).jpegsave(path("photo.jpg").c_str());
    ImageResult result =
        process_image(task_for("photo.jpg", {{"grises", "a.png"}, {"grises", "b.tiff"}}));
    ASSERT_TRUE(result.outputs[0].ok && result.outputs[1].ok);
    EXPECT_EQ(std::string(VImage::new_from_file(path("a.png").c_str()).get_string("vips-loader")),
              "pngload");
    EXPECT_EQ(std::string(VImage::new_from_file(path("b.tiff").c_str()).get_string("vips-loader")),
              "tiffload");
}

TEST_F(ProcessImageTest, ChoosesTheLargestSafeShrink) {
    Size original{1600, 1200};
    Chain small = chain("ajustar:ancho=300");
    Chain medium = chain("ajustar:ancho=700");
    Chain other = chain("grises");
    Chain resize = chain("redimensionar:porcentaje=10");
    EXPECT_EQ(choose_shrink(original, {&small}), 4);
    EXPECT_EQ(choose_shrink(original, {&small, &medium}), 2);
    EXPECT_EQ(choose_shrink(original, {&small, &other}), 1);
    EXPECT_EQ(choose_shrink(original, {&resize}), 1);
    Chain tiny = chain("ajustar:alto=100");
    EXPECT_EQ(choose_shrink(original, {&tiny}), 8);
}

TEST_F(ProcessImageTest, ShrinkOnLoadGivesExactlyTheFittedSize) {
    rgb_picture(1601, 1199).jpegsave(path("big.jpg").c_str());
    auto shrunk = decode_image(path("big.jpg"), {}, 4);
    ASSERT_TRUE(shrunk.ok());
    EXPECT_EQ(shrunk->shrink, 4);
    EXPECT_GE(shrunk->image.width(), 400);  // a quarter, however the decoder rounds
    EXPECT_LE(shrunk->image.width(), 401);
    EXPECT_EQ(shrunk->header.width, 1601);

    ImageResult result = process_image(task_for("big.jpg", {{"ajustar:ancho=333", "fit.png"}}));
    ASSERT_TRUE(result.outputs[0].ok) << result.outputs[0].message;
    VImage fit = VImage::new_from_file(path("fit.png").c_str());
    EXPECT_EQ(fit.width(), 333);
    EXPECT_EQ(fit.height(), 249);  // round(1199 * 333 / 1601), from the original size
    // Same picture as fitting the fully decoded image.
    auto full = decode_image(path("big.jpg"), {});
    ASSERT_TRUE(full.ok());
    VImage reference = apply_chain(full->image, chain("ajustar:ancho=333"));
    ASSERT_EQ(reference.width(), 333);
    ASSERT_EQ(reference.height(), 249);
    EXPECT_LT((fit - reference).abs().avg(), 2.0);
}

TEST_F(ProcessImageTest, ShrinkOnLoadRespectsTheOrientation) {
    VImage picture = rgb_picture(1600, 1200).copy();
    picture.set(VIPS_META_ORIENTATION, 6);
    picture.jpegsave(path("turned.jpg").c_str());
    ImageResult result = process_image(task_for("turned.jpg", {{"ajustar:alto=400", "fit.jpg"}}));
    ASSERT_TRUE(result.outputs[0].ok) << result.outputs[0].message;
    VImage fit = VImage::new_from_file(path("fit.jpg").c_str());
    EXPECT_EQ(fit.width(), 300);
    EXPECT_EQ(fit.height(), 400);
}

TEST_F(ProcessImageTest, TaskJsonRoundTrips) {
    ImageTask task =
        task_for("photo.jpg", {{"ajustar:ancho=1600 | nitidez:factor=1.5", "out/web/photo_web.jpg"},
                               {"blur:radio=3", "out/blur/photo_blur.jpg"}});
    task.load.auto_orient = false;
    task.load.max_pixels = 1234;
    task.save.format = Format::Webp;
    task.save.quality = 60;
    task.save.strip = true;
    auto back = image_task_from_json(nlohmann::json::parse(to_json(task).dump()));
    ASSERT_TRUE(back.ok()) << back.message();
    EXPECT_EQ(back->id, task.id);
    EXPECT_EQ(back->input, task.input);
    ASSERT_EQ(back->outputs.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(back->outputs[i].path, task.outputs[i].path);
        EXPECT_EQ(chain_fingerprint(back->outputs[i].chain),
                  chain_fingerprint(task.outputs[i].chain));
        EXPECT_EQ(back->outputs[i].chain.name, task.outputs[i].chain.name);
    }
    EXPECT_FALSE(back->load.auto_orient);
    EXPECT_EQ(back->load.max_pixels, 1234u);
    EXPECT_EQ(back->save.format, Format::Webp);
    EXPECT_EQ(back->save.quality, 60);
    EXPECT_TRUE(back->save.strip);
}

TEST_F(ProcessImageTest, MalformedTaskJsonIsRefused) {
    EXPECT_FALSE(image_task_from_json(nlohmann::json::parse("[1,2]")).ok());
    EXPECT_FALSE(image_task_from_json(nlohmann::json::parse(R"({"input":"a.jpg"})")).ok());
    EXPECT_FALSE(image_task_from_json(nlohmann::json::parse(R"({"input":3,"outputs":[]})")).ok());
    auto bad_chain = image_task_from_json(nlohmann::json::parse(
        R"({"input":"a.jpg","outputs":[{"chain":{"nombre":"x","pasos":[{"filtro":"nope"}]},"path":"o.jpg"}]})"));
    EXPECT_FALSE(bad_chain.ok());
}

TEST_F(ProcessImageTest, ResultJsonRoundTrips) {
    ImageResult result{
        9,
        "in/a.jpg",
        {{.chain = "grises", .path = "out/a.jpg", .ok = true, .seconds = 0.25, .bytes = 1234},
         {.chain = "blur", .message = "a.jpg: boom", .seconds = 0.5, .kind = ErrorKind::corrupt}}};
    auto back = image_result_from_json(nlohmann::json::parse(to_json(result).dump()));
    ASSERT_TRUE(back.ok()) << back.message();
    EXPECT_EQ(back->id, 9u);
    EXPECT_EQ(back->input, "in/a.jpg");
    ASSERT_EQ(back->outputs.size(), 2u);
    EXPECT_EQ(back->outputs[0].path, "out/a.jpg");
    EXPECT_TRUE(back->outputs[0].ok);
    EXPECT_EQ(back->outputs[0].bytes, 1234u);
    EXPECT_DOUBLE_EQ(back->outputs[0].seconds, 0.25);
    EXPECT_FALSE(back->outputs[1].ok);
    EXPECT_EQ(back->outputs[1].message, "a.jpg: boom");
    EXPECT_EQ(back->outputs[1].kind, ErrorKind::corrupt);
    EXPECT_FALSE(
        image_result_from_json(nlohmann::json::parse(R"({"outputs":[{"chain":"x"}]})")).ok());
}

}  // namespace
}  // namespace lote::testing
