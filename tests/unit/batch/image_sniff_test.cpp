#include "batch/image_sniff.hpp"

#include <gtest/gtest.h>

using namespace std::string_view_literals;

namespace lote {
namespace {

TEST(ImageSniff, KnownSignaturesAreImages) {
    EXPECT_TRUE(has_image_signature("\xFF\xD8\xFF\xE0"sv));
    EXPECT_TRUE(has_image_signature("\x89PNG\r\n\x1A\n...."sv));
    EXPECT_TRUE(has_image_signature("GIF89a"sv));
    EXPECT_TRUE(has_image_signature("RIFF\x10\0\0\0WEBPVP8 "sv));
    EXPECT_TRUE(has_image_signature("II*\0\x08\0\0\0"sv));
    EXPECT_TRUE(has_image_signature("MM\0*\0\0\0\x08"sv));
    EXPECT_TRUE(
        has_image_signature("BM\x36\0\0\0\0\0\0\0\x36\0\0\0"
                            "\x28\0\0\0"sv));
    EXPECT_TRUE(
        has_image_signature("\0\0\0\x1C"
                            "ftypheicXXXX"sv));
    EXPECT_TRUE(
        has_image_signature("\0\0\0\x1C"
                            "ftypavifXXXX"sv));
}

TEST(ImageSniff, OtherContentIsNot) {
    EXPECT_FALSE(has_image_signature(""sv));
    EXPECT_FALSE(has_image_signature("hello world"sv));
    EXPECT_FALSE(has_image_signature("\xFF\xD8"sv));                // too short for JPEG
    EXPECT_FALSE(has_image_signature("RIFF\x10\0\0\0WAVEfmt "sv));  // audio
    EXPECT_FALSE(
        has_image_signature("\0\0\0\x1C"
                            "ftypmp42XXXX"sv));  // video
    EXPECT_FALSE(has_image_signature("%PDF-1.7"sv));
    EXPECT_FALSE(has_image_signature("BMW service notes, 2024"sv));
}

}  // namespace
}  // namespace lote
