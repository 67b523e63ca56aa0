#include "server/api/upload_names.hpp"

#include <gtest/gtest.h>

using namespace lote::server;

TEST(UploadNames, KeepsOnlyTheLastComponent) {
    EXPECT_EQ(*sanitize_upload_name("../../x.jpg"), "x.jpg");
    EXPECT_EQ(*sanitize_upload_name("C:\\Users\\me\\y.png"), "y.png");
    EXPECT_EQ(*sanitize_upload_name("/etc/passwd"), "passwd");
}

TEST(UploadNames, DropsControlCharactersAndLeadingDots) {
    EXPECT_EQ(*sanitize_upload_name("a\nb\tc\x7f.jpg"), "abc.jpg");
    EXPECT_EQ(*sanitize_upload_name("..hidden.jpg"), "hidden.jpg");
    EXPECT_EQ(*sanitize_upload_name(" . .x.jpg "), "x.jpg");
}

TEST(UploadNames, RefusesEmptyAndInvalidUtf8Names) {
    EXPECT_FALSE(sanitize_upload_name(""));
    EXPECT_FALSE(sanitize_upload_name("..."));
    EXPECT_FALSE(sanitize_upload_name("dir/"));
    EXPECT_FALSE(sanitize_upload_name("bad\xff.jpg"));
    EXPECT_FALSE(sanitize_upload_name("\xc0\xaf.jpg"));  // overlong '/'
}

TEST(UploadNames, KeepsUtf8AndCutsLongNamesKeepingTheExtension) {
    EXPECT_EQ(*sanitize_upload_name("fotograf\xc3\xad"
                                    "a.jpg"),
              "fotograf\xc3\xad"
              "a.jpg");
    std::string longname;
    for (int i = 0; i < 150; ++i) longname += "\xc3\xa9";  // 300 bytes of 'é'
    auto clean = sanitize_upload_name(longname + ".jpeg");
    ASSERT_TRUE(clean);
    EXPECT_LE(clean->size(), kMaxUploadNameBytes);
    EXPECT_EQ(clean->substr(clean->size() - 5), ".jpeg");
    EXPECT_TRUE(lote::server::sanitize_upload_name(*clean));  // still valid UTF-8
}

TEST(UploadNames, NumbersNamesBeforeTheExtension) {
    EXPECT_EQ(numbered_name("x.jpg", 1), "x-1.jpg");
    EXPECT_EQ(numbered_name("archive", 12), "archive-12");
    EXPECT_EQ(numbered_name("a.b.png", 2), "a.b-2.png");
    std::string longname(200 - 4, 'n');
    auto numbered = numbered_name(longname + ".jpg", 7);
    EXPECT_LE(numbered.size(), kMaxUploadNameBytes);
    EXPECT_EQ(numbered.substr(numbered.size() - 6), "-7.jpg");
}

// U+202E makes "photo<RLO>gpj.exe" display as "photoexe.jpg"; such controls (and C1 controls)
// are dropped, and names are stored in NFC so one visible name is one file.
TEST(UploadNames, DropsBidirectionalAndC1ControlsAndNormalisesToNfc) {
    EXPECT_EQ(*sanitize_upload_name("photo\xe2\x80\xae"
                                    "gpj.exe"),
              "photogpj.exe");
    for (const char* control :
         {"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad", "\xe2\x81\xa6",
          "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9", "\xe2\x80\x8e", "\xe2\x80\x8f",
          "\xd8\x9c", "\xc2\x85", "\xc2\x9f"}) {
        EXPECT_EQ(*sanitize_upload_name(std::string("a") + control + "b.jpg"), "ab.jpg") << control;
    }
    EXPECT_FALSE(sanitize_upload_name("\xe2\x80\xae\xe2\x80\x8f"));  // nothing left
    // "é" as e + combining acute (NFD, as macOS sends it) becomes the single code point U+00E9.
    EXPECT_EQ(*sanitize_upload_name("cafe\xcc\x81.jpg"), "caf\xc3\xa9.jpg");
    EXPECT_EQ(*sanitize_upload_name("caf\xc3\xa9.jpg"), "caf\xc3\xa9.jpg");
    // Other scripts and marks that are not controls stay.
    EXPECT_EQ(*sanitize_upload_name("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d.jpg"),
              "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d.jpg");
}
