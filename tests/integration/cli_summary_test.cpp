// The table `lote run` prints at the end, in the user's language: a failed image is not counted
// as done, up-to-date images are, and every line speaks Spanish when the locale does.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

void write_text(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

class CliSummary : public ::testing::Test {
  protected:
    void SetUp() override {
        write_image(in() / "a.jpg", 1);
        write_image(in() / "b.jpg", 2);
        write_text(in() / "broken.jpg", "not a photo");
        write_text(in() / "notes.txt", "shot list");
    }
    fs::path in() const { return dir_.path() / "in"; }
    Finished run(const std::string& out, const std::string& lang) {
        return run_lote({"run", in().string(), "-o", (dir_.path() / out).string(), "-f", "grises",
                         "--mode", "threads", "--workers", "2"},
                        dir_.path(), {"LOTE_LANG=" + lang});
    }
    TempDir dir_;
};

TEST_F(CliSummary, AFailedImageIsNotCountedAsDoneInEnglish) {
    Finished first = run("out", "en");
    EXPECT_EQ(first.status, 1) << first.err;
    EXPECT_NE(first.out.find("total: 3 images found, 2 done (2 made now, 0 already up to date), "
                             "1 failed"),
              std::string::npos)
        << first.out;
    EXPECT_NE(first.out.find("(threads, 2 workers)"), std::string::npos) << first.out;
    EXPECT_NE(first.out.find("ignored: 1 files that are not images"), std::string::npos);
    EXPECT_NE(first.out.find("failures:\n  broken.jpg [grises]"), std::string::npos) << first.out;
    Finished again = run("out", "en");
    EXPECT_NE(again.out.find("3 images found, 2 done (0 made now, 2 already up to date), 1 failed"),
              std::string::npos)
        << again.out;
}

TEST_F(CliSummary, EveryLineSpeaksSpanish) {
    Finished first = run("out", "es");
    EXPECT_EQ(first.status, 1) << first.err;
    for (const char* words :
         {"filtro", "hechas", "núcleos",
          "total: 3 imágenes encontradas, 2 hechas (2 ahora, 0 ya al día), 1 "
          "con fallos",
          "(threads, 2 trabajadores)", "ignorados: 1 archivos", "fallos:\n  broken.jpg [grises]"}) {
        EXPECT_NE(first.out.find(words), std::string::npos) << words << "\n" << first.out;
    }
    Finished again = run("out", "es");
    EXPECT_NE(again.out.find("omitidas: 2 imágenes ya al día"), std::string::npos) << again.out;
    for (const char* english : {"images found", "failures:", "skipped:", "workers"}) {
        EXPECT_EQ(again.out.find(english), std::string::npos) << english << "\n" << again.out;
    }
}

}  // namespace
}  // namespace lote::cli_testing
