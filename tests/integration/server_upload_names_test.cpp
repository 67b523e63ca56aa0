// Upload names that display as something they are not: bidirectional controls that turn
// "gpj.exe" around, and the decomposed "é" macOS sends, through the real server. Each file is
// saved whole under its cleaned NFC name, and an NFD upload of an existing NFC name never
// overwrites it.
#include <gtest/gtest.h>

#include <set>
#include <vips/vips8>

#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

const std::string kBoundary = "names-boundary-42";

std::string multipart(const std::vector<std::pair<std::string, std::string>>& files) {
    std::string body;
    for (const auto& [name, bytes] : files) {
        body += "--" + kBoundary +
                "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name +
                "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
    }
    return body + "--" + kBoundary + "--\r\n";
}

std::string png(int width) {
    void* buf = nullptr;
    size_t len = 0;
    (vips::VImage::black(width, 8) + 40)
        .cast(VIPS_FORMAT_UCHAR)
        .write_to_buffer(".png", &buf, &len);
    std::string out(static_cast<char*>(buf), len);
    g_free(buf);
    return out;
}

TEST(ServerUploadNames, BidiControlsAreDroppedAndNamesSavedInNfc) {
    Served s(0);
    const std::string nfc = "caf\xc3\xa9.png";
    std::ofstream(s.dir / "in" / nfc, std::ios::binary) << png(5);  // already there, in NFC
    std::string a = png(10), b = png(11), c = png(12);
    auto res = http_request(
        "127.0.0.1", s.port(), http::verb::post, "/api/uploads",
        {{"Content-Type", "multipart/form-data; boundary=" + kBoundary}},
        multipart({{"invoice\xe2\x80\xaegnp.exe.png", a},  // RLO: shows "...png.exe"
                   {"cafe\xcc\x81.png", b},                // NFD of the existing name
                   {"\xe2\x81\xa6r\xc3\xa9sum\xc3\xa9\xe2\x81\xa9.png", c}}));  // isolates
    ASSERT_EQ(res.status, 200) << res.body;
    auto files = res.body_json()["files"];
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files[0]["saved"], "invoicegnp.exe.png");
    EXPECT_EQ(files[1]["saved"], "caf\xc3\xa9-1.png");  // the NFC name was taken: no overwrite
    EXPECT_TRUE(files[1]["renamed"]);
    EXPECT_EQ(files[2]["saved"], "r\xc3\xa9sum\xc3\xa9.png");
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(s.dir / "in")) {
        std::string name = e.path().filename().string();
        names.insert(name);
        for (const char* bidi : {"\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa9"})
            EXPECT_EQ(name.find(bidi), std::string::npos) << name;
    }
    EXPECT_EQ(names, (std::set<std::string>{nfc, "caf\xc3\xa9-1.png", "invoicegnp.exe.png",
                                            "r\xc3\xa9sum\xc3\xa9.png"}));
    EXPECT_EQ(read_file(s.dir / "in" / "invoicegnp.exe.png"), a);
    EXPECT_EQ(read_file(s.dir / "in" / "caf\xc3\xa9-1.png"), b);
    EXPECT_EQ(read_file(s.dir / "in" / "r\xc3\xa9sum\xc3\xa9.png"), c);
    EXPECT_EQ(read_file(s.dir / "in" / nfc), png(5));
}

}  // namespace
}  // namespace lote::testing
