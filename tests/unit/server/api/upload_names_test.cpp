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
