// Output names, conflicts and presets through the real `lote` binary.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "integration/cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

class NamesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        for (int i = 0; i < 3; ++i) write_image(in() / ("Foto " + std::to_string(i) + ".png"), i);
    }
    fs::path in() const { return dir_.path() / "in"; }
    fs::path out() const { return dir_.path() / "out"; }
    Finished run(std::vector<std::string> extra, std::vector<std::string> env = {}) {
        std::vector<std::string> args = {"run", in().string(), "-o", out().string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_lote(args, dir_.path(), env);
    }
    std::vector<std::string> names(const std::string& folder) const {
        std::vector<std::string> found;
        for (const auto& p : files_under(out() / folder)) found.push_back(p.filename().string());
        std::sort(found.begin(), found.end());
        return found;
    }
    TempDir dir_;
};

TEST_F(NamesTest, TheDefaultKeepsTodaysNames) {
    ASSERT_EQ(run({"-f", "grises"}).status, 0);
    EXPECT_EQ(names("grises"), (std::vector<std::string>{"Foto 0_grises.png", "Foto 1_grises.png",
                                                         "Foto 2_grises.png"}));
}

TEST_F(NamesTest, EveryTemplateReRunsIncrementally) {
    for (const std::string tmpl :
         {"{n:000}_{name}", "{name}_{w}x{h}", "{date}_{name}", "{filter}-{n}-{ext}", "{name}"}) {
        SCOPED_TRACE(tmpl);
        fs::remove_all(out());
        Finished first = run({"-f", "sepia", "--chain", "ajustar:ancho=20", "--chain-name",
                              "Mi cadena", "--name", tmpl, "--mode", "threads"});
        ASSERT_EQ(first.status, 0) << first.err;
        EXPECT_EQ(names("sepia").size(), 3u);
        EXPECT_EQ(names("Mi cadena").size(), 3u);
        Finished again = run({"-f", "sepia", "--chain", "ajustar:ancho=20", "--chain-name",
                              "Mi cadena", "--name", tmpl, "--json"});
        ASSERT_EQ(again.status, 0) << again.err;
        EXPECT_NE(again.out.find("\"skipped\":3"), std::string::npos) << again.out;
        EXPECT_EQ(names("sepia").size(), 3u);
        // Changing the template redoes the outputs under the new names.
        Finished other = run({"-f", "sepia", "--name", tmpl + "_v2", "--json"});
        ASSERT_EQ(other.status, 0) << other.err;
        EXPECT_EQ(names("sepia").size(), 6u);
    }
}

TEST_F(NamesTest, SizesAndSlugAreFilledIn) {
    ASSERT_EQ(run({"--chain", "ajustar:ancho=24", "--chain-name", "Web Grande", "--name",
                   "{name}_{w}x{h}", "--slug"})
                  .status,
              0);
    EXPECT_EQ(names("web-grande"), (std::vector<std::string>{"foto-0-24x16.png", "foto-1-24x16.png",
                                                             "foto-2-24x16.png"}));
}

TEST_F(NamesTest, RefusalsComeBeforeAnyWork) {
    struct Case {
        std::string tmpl;
        std::string says;
    };
    for (const Case& c : std::vector<Case>{{"{date}", "could get the same output name"},
                                           {"{w}x{h}", "could get the same output name"},
                                           {"{foo}", "unknown token {foo}"},
                                           {"sub/{name}", "'/'"},
                                           {"..{name}", "\"..\""}}) {
        Finished done = run({"-f", "grises", "--name", c.tmpl});
        EXPECT_EQ(done.status, 2) << c.tmpl;
        EXPECT_NE(done.err.find(c.says), std::string::npos) << c.tmpl << ": " << done.err;
        EXPECT_FALSE(fs::exists(out())) << c.tmpl;  // nothing was started
    }
}

TEST_F(NamesTest, ConflictsWithFilesLoteDidNotMake) {
    fs::create_directories(out() / "grises");
    std::ofstream(out() / "grises" / "Foto 0_grises.png") << "mine";
    ASSERT_EQ(run({"-f", "grises", "--on-conflict", "skip", "--json"}).status, 0);
    EXPECT_EQ(read_text(out() / "grises" / "Foto 0_grises.png"), "mine");
    EXPECT_EQ(names("grises").size(), 3u);
    ASSERT_EQ(run({"-f", "grises", "--on-conflict", "rename"}).status, 0);
    EXPECT_EQ(read_text(out() / "grises" / "Foto 0_grises.png"), "mine");
    EXPECT_TRUE(fs::exists(out() / "grises" / "Foto 0_grises-1.png"));
    Finished again = run({"-f", "grises", "--on-conflict", "rename", "--json"});
    EXPECT_NE(again.out.find("\"skipped\":3"), std::string::npos) << again.out;  // found again
    ASSERT_EQ(run({"-f", "grises"}).status, 0);  // overwrite, as the seed did
    EXPECT_NE(read_text(out() / "grises" / "Foto 0_grises.png"), "mine");
}

TEST_F(NamesTest, PresetsSaveShowRunAndDelete) {
    std::vector<std::string> env = {"XDG_CONFIG_HOME=" + (dir_.path() / "config").string()};
    Finished saved = run_lote({"presets", "save", "mine", "-f", "sepia", "--format", "jpeg",
                               "--quality", "70", "--name", "{n:00}_{name}", "--slug"},
                              dir_.path(), env);
    ASSERT_EQ(saved.status, 0) << saved.err;
    ASSERT_TRUE(fs::exists(dir_.path() / "config" / "lote" / "presets" / "mine.json"));
    Finished shown = run_lote({"presets", "show", "mine"}, dir_.path(), env);
    auto preset = nlohmann::json::parse(shown.out);
    EXPECT_EQ(preset["version"], 1);
    EXPECT_EQ(preset["calidad"], 70);
    EXPECT_EQ(preset["plantilla"], "{n:00}_{name}");
    Finished listed = run_lote({"presets"}, dir_.path(), env);
    for (const char* name : {"web", "thumbnails", "archive", "social", "mine"}) {
        EXPECT_NE(listed.out.find(name), std::string::npos) << listed.out;
    }
    // Flags given with --preset win over its values.
    ASSERT_EQ(run({"--preset", "mine", "--format", "png"}, env).status, 0);
    EXPECT_EQ(names("sepia"),
              (std::vector<std::string>{"01-foto-0.png", "02-foto-1.png", "03-foto-2.png"}));
    EXPECT_EQ(run_lote({"presets", "delete", "mine"}, dir_.path(), env).status, 0);
    Finished gone = run({"--preset", "mine"}, env);
    EXPECT_EQ(gone.status, 2);
    EXPECT_NE(gone.err.find("no preset named \"mine\""), std::string::npos) << gone.err;
    EXPECT_EQ(run_lote({"presets", "delete", "web"}, dir_.path(), env).status, 2);
}

TEST_F(NamesTest, BadPresetFilesAreRefusedNamingTheKey) {
    fs::path file = dir_.path() / "p.json";
    for (const auto& [doc, key] : std::vector<std::pair<std::string, std::string>>{
             {R"({"version":9})", "newer"},
             {R"({"version":1,"quality":80})", "\"quality\""},
             {R"({"version":1,"formato":"bmp"})", "\"formato\""}}) {
        std::ofstream(file, std::ios::trunc) << doc;
        Finished done = run({"--preset", file.string()});
        EXPECT_EQ(done.status, 2) << doc;
        EXPECT_NE(done.err.find(key), std::string::npos) << done.err;
    }
    EXPECT_FALSE(fs::exists(out()));
}

TEST_F(NamesTest, BuiltInPresetsDoWhatTheySay) {
    ASSERT_EQ(run({"--preset", "thumbnails"}).status, 0);
    ASSERT_EQ(run({"--preset", "archive"}).status, 0);
    ASSERT_EQ(run({"--preset", "web"}).status, 0);
    EXPECT_EQ(names("thumbnails").front(), "Foto 0_thumbnails.jpg");
    EXPECT_EQ(names("archive").front(), "Foto 0_archive.tiff");
    EXPECT_EQ(names("web").front(), "Foto 0_web.webp");
    vips::VImage original = vips::VImage::new_from_file((in() / "Foto 0.png").c_str());
    vips::VImage archived =
        vips::VImage::new_from_file((out() / "archive" / "Foto 0_archive.tiff").c_str());
    EXPECT_EQ((original - archived).abs().max(), 0.0);  // lossless and unchanged
}

TEST_F(NamesTest, TheSocialPresetMakesFourByFivePortraitJpegs) {
    ASSERT_EQ(run({"--preset", "social"}).status, 0);
    ASSERT_EQ(names("social").front(), "Foto 0_social.jpg");
    vips::VImage post =
        vips::VImage::new_from_file((out() / "social" / "Foto 0_social.jpg").c_str());
    EXPECT_EQ(post.width(), 1080);
    EXPECT_EQ(post.height(), 1350);
    EXPECT_STREQ(post.get_string("vips-loader"), "jpegload");
}

}  // namespace
}  // namespace lote::cli_testing
