// File names that are not UTF-8, and names near the file system's 255-byte limit, through the
// whole `lote run` in both executors: nothing aborts, every image is written under its own bytes,
// and the JSON carries the name losslessly.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli_test_support.hpp"
#include "util/byte_text.hpp"
#include "util/json_paths.hpp"

namespace lote::cli_testing {
namespace {

std::vector<nlohmann::json> json_lines(const std::string& out) {
    std::vector<nlohmann::json> events;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        events.push_back(nlohmann::json::parse(line));  // throws (and fails) on a bad line
    }
    return events;
}

class CliNames : public ::testing::Test {
  protected:
    fs::path root() const { return dir_.path(); }
    TempDir dir_;
};

TEST_F(CliNames, ANameThatIsNotUtf8IsProcessedAndReportedLosslesslyInBothModes) {
    const std::string latin1 = "caf\xE9";  // a Latin-1 folder, as copied from an old disk
    const fs::path in = root() / latin1;
    write_image(in / "\xFF.jpg", 1);
    write_image(in / ("p\xE9"
                      "che.png"),
                2);
    write_image(in / "plain.jpg", 3);
    for (const char* mode : {"threads", "procesos"}) {
        const fs::path out = root() / ("out-" + std::string(mode) + "\xE9");
        Finished done = run_lote(
            {"run", in.string(), "-o", out.string(), "-f", "grises", "--mode", mode, "--json"},
            root());
        ASSERT_EQ(done.status, 0) << mode << done.err << done.out;
        EXPECT_TRUE(fs::exists(out / "grises" / "\xFF_grises.jpg")) << mode;
        EXPECT_TRUE(fs::exists(out / "grises" /
                               ("p\xE9"
                                "che_grises.png")))
            << mode;
        EXPECT_TRUE(fs::exists(out / "grises" / "plain_grises.jpg")) << mode;
        std::set<std::string> reported;
        for (const auto& event : json_lines(done.out)) {
            if (event["event"] == "image") {
                EXPECT_EQ(event["state"], "completado") << event.dump();
                reported.insert(path_from(event, "image"));
            }
        }
        EXPECT_EQ(reported, (std::set<std::string>{"\xFF.jpg",
                                                   "p\xE9"
                                                   "che.png",
                                                   "plain.jpg"}))
            << mode;
        // The display form is what a person reads; the escaped one gives the bytes back.
        EXPECT_NE(done.out.find("\"image\":\"\xEF\xBF\xBD.jpg\""), std::string::npos) << done.out;
        EXPECT_NE(done.out.find("\"image_bytes\":\"%FF.jpg\""), std::string::npos) << done.out;
        // The manifest kept the bytes: a second run finds everything up to date.
        Finished again = run_lote(
            {"run", in.string(), "-o", out.string(), "-f", "grises", "--mode", mode, "--json"},
            root());
        ASSERT_EQ(again.status, 0) << again.err;
        auto summary = json_lines(again.out).back()["summary"];
        EXPECT_EQ(summary["skipped"], 3) << again.out;
        EXPECT_EQ(summary["processed"], 0) << again.out;
    }
}

TEST_F(CliNames, AFailureOnANameThatIsNotUtf8IsValidJson) {
    const fs::path in = root() / "in";
    fs::create_directories(in);
    std::ofstream(in / "\xFE\xFF.jpg") << "text, not an image";
    for (const char* mode : {"threads", "procesos"}) {
        Finished done = run_lote({"run", in.string(), "-o", (root() / "out").string(), "-f",
                                  "grises", "--mode", mode, "--json", "--force"},
                                 root());
        EXPECT_EQ(done.status, 1) << mode << done.err;
        auto summary = json_lines(done.out).back()["summary"];
        ASSERT_EQ(summary["failures"].size(), 1u) << done.out;
        EXPECT_EQ(path_from(summary["failures"][0], "image"), "\xFE\xFF.jpg");
        EXPECT_TRUE(is_valid_utf8(summary["failures"][0]["message"].get<std::string>()));
        EXPECT_NE(summary["failures"][0]["message"].get<std::string>().find("not an image"),
                  std::string::npos);
    }
}

// A name of 250 bytes is legal (the limit is 255); its output name and the temporary file it is
// written through must not make it fail. An output name past the limit is refused before any work.
TEST_F(CliNames, NamesNearTheFileSystemLimitAreWritten) {
    const fs::path in = root() / "in";
    const std::string stem(246, 'n');  // + ".jpg" = 250 bytes
    write_image(in / (stem + ".jpg"), 4);
    const std::string accented = std::string(120, 'a') + "\xC3\xA9" + std::string(100, 'b');
    write_image(in / (accented + ".png"), 5);
    for (const char* mode : {"threads", "procesos"}) {
        const fs::path out = root() / ("o" + std::string(mode));
        Finished done = run_lote({"run", in.string(), "-o", out.string(), "--chain-name", "g",
                                  "--chain", "grises", "--mode", mode, "--json"},
                                 root());
        EXPECT_EQ(done.status, 0) << mode << done.err;  // "<stem>_g.jpg" is 252 bytes
        EXPECT_TRUE(fs::exists(out / "g" / (stem + "_g.jpg"))) << mode << done.out;
        EXPECT_TRUE(fs::exists(out / "g" / (accented + "_g.png"))) << mode << done.out;
        EXPECT_EQ(count_temporaries(out), 0u);

        const fs::path refused = root() / ("r" + std::string(mode));
        Finished too_long = run_lote({"run", in.string(), "-o", refused.string(), "-f", "grises",
                                      "--chain-name", "g", "--chain", "grises", "--mode", mode},
                                     root());
        EXPECT_EQ(too_long.status, 2) << mode << too_long.err;  // "<stem>_grises.jpg": 257 bytes
        EXPECT_NE(too_long.err.find("257 bytes, more than the 255"), std::string::npos)
            << too_long.err;
        EXPECT_FALSE(fs::exists(refused / "g" / (stem + "_g.jpg"))) << "refused before any work";
        EXPECT_EQ(count_temporaries(refused), 0u);
    }
}

}  // namespace
}  // namespace lote::cli_testing
