#include "util/byte_text.hpp"

#include <gtest/gtest.h>

#include <random>

#include "util/json_paths.hpp"

namespace lote {
namespace {

TEST(ByteText, Utf8IsCheckedStrictly) {
    EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xF0\x9F\x93\xB7"));
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_FALSE(is_valid_utf8("caf\xE9"));           // Latin-1
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xC3"));              // cut short
    EXPECT_FALSE(is_valid_utf8("\xFF.jpg"));
}

TEST(ByteText, DisplayFormReplacesEachBadByte) {
    EXPECT_EQ(display_text("caf\xE9.jpg"), "caf\xEF\xBF\xBD.jpg");
    EXPECT_EQ(display_text("\xFF\xFE"), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(display_text("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(ByteText, EscapedFormIsReadableAndExact) {
    EXPECT_EQ(escape_bytes("caf\xE9.jpg"), "caf%E9.jpg");
    EXPECT_EQ(escape_bytes("50%.jpg"), "50%25.jpg");
    EXPECT_EQ(escape_bytes("caf\xC3\xA9"), "caf\xC3\xA9");
    EXPECT_EQ(unescape_bytes("caf%E9.jpg"), "caf\xE9.jpg");
    EXPECT_EQ(unescape_bytes("caf%e9.jpg"), "caf\xE9.jpg");
    EXPECT_EQ(unescape_bytes("100%"), "100%");  // not an escape: kept
    EXPECT_EQ(unescape_bytes("%4"), "%4");
}

TEST(ByteText, AnyBytesRoundTripThroughTheEscapedForm) {
    std::mt19937 random(7);
    for (int i = 0; i < 2000; ++i) {
        std::string bytes(static_cast<std::size_t>(random() % 24), '\0');
        for (char& c : bytes) {
            c = static_cast<char>(random() % 256);
        }
        std::string escaped = escape_bytes(bytes);
        ASSERT_TRUE(is_valid_utf8(escaped));
        ASSERT_EQ(unescape_bytes(escaped), bytes);
        ASSERT_TRUE(is_valid_utf8(display_text(bytes)));
    }
}

TEST(JsonPaths, AUtf8NameIsAPlainString) {
    nlohmann::json j = nlohmann::json::object();
    put_path(j, "image", "caf\xC3\xA9.jpg");
    EXPECT_EQ(j.dump(), "{\"image\":\"caf\xC3\xA9.jpg\"}");
    EXPECT_EQ(path_from(j, "image"), "caf\xC3\xA9.jpg");
}

TEST(JsonPaths, OtherBytesGetADisplayAndAnExactForm) {
    nlohmann::json j = nlohmann::json::object();
    put_path(j, "image", "caf\xE9.jpg");
    std::string text = j.dump();  // would throw type_error 316 with the raw bytes
    auto back = nlohmann::json::parse(text);
    EXPECT_EQ(back["image"], "caf\xEF\xBF\xBD.jpg");
    EXPECT_EQ(back["image_bytes"], "caf%E9.jpg");
    EXPECT_EQ(path_from(back, "image"), "caf\xE9.jpg");
}

TEST(JsonPaths, ReadsJsonWithoutTheBytesField) {
    auto j = nlohmann::json::parse(R"({"input": "50%25.jpg"})");
    EXPECT_EQ(path_from(j, "input"), "50%25.jpg");  // only *_bytes is unescaped
    EXPECT_EQ(path_from(j, "missing", "fallback"), "fallback");
    EXPECT_THROW(path_from(j, "missing"), nlohmann::json::exception);
}

TEST(JsonPaths, DumpNeverThrows) {
    nlohmann::json j = {{"message", std::string("bad \xFF byte")}};
    EXPECT_EQ(dump_json(j), "{\"message\":\"bad \xEF\xBF\xBD byte\"}");
}

}  // namespace
}  // namespace lote
