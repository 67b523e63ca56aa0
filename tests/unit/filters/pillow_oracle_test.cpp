// The twelve seed filters against Pillow 9.4 itself (Debian's python3-pil), within the spec's
// tolerances. The Python side is pillow_reference.py, a copy of the seed's operations.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"
#include "test_image.hpp"

namespace lote::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPython = "/usr/bin/python3";

using test_support::run_program;

// Pillow's results for every operation, computed once for the suite.
class PillowOracle : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        if (run_program({kPython, "-c", "import PIL"}) != 0) {
            return;
        }
        scratch_ = std::make_unique<test_support::TempDir>("lote-pillow");
        dir_ = scratch_->path();
        input_ = random_image(96, 64, 3, 31);
        to_vips(input_).pngsave((dir_ / "in.png").c_str());
        std::vector<std::string> args = {
            kPython, std::string(LOTE_SOURCE_DIR) + "/tests/unit/filters/pillow_reference.py",
            (dir_ / "in.png").string(), dir_.string()};
        for (const auto& [name, op] : operations()) {
            args.push_back(name + "=" + op);
        }
        ready_ = run_program(args) == 0;
    }

    static void TearDownTestSuite() { scratch_.reset(); }

    void SetUp() override {
        if (dir_.empty()) {
            GTEST_SKIP() << kPython << " cannot import PIL (install python3-pil: scripts/setup.sh)";
        }
        ASSERT_TRUE(ready_) << "pillow_reference.py failed";
    }

    static std::vector<std::pair<std::string, std::string>> operations() {
        return {{"invertir", "invertir"},
                {"grises", "grises"},
                {"blur", "blur"},
                {"blur_0.4", "blur:radio=0.4"},
                {"blur_1", "blur:radio=1"},
                {"blur_2.7", "blur:radio=2.7"},
                {"blur_30", "blur:radio=30"},
                {"nitidez", "nitidez"},
                {"nitidez_0.5", "nitidez:factor=0.5"},
                {"nitidez_6", "nitidez:factor=6"},
                {"brillo", "brillo"},
                {"brillo_0.7", "brillo:factor=0.7"},
                {"brillo_3.3", "brillo:factor=3.3"},
                {"contraste", "contraste"},
                {"contraste_0.4", "contraste:factor=0.4"},
                {"contraste_4", "contraste:factor=4"},
                {"sepia", "sepia"},
                {"bordes", "bordes"},
                {"relieve", "relieve"},
                {"posterizar", "posterizar"},
                {"posterizar_1", "posterizar:bits=1"},
                {"posterizar_7", "posterizar:bits=7"},
                {"redimensionar", "redimensionar"},
                {"redimensionar_33", "redimensionar:porcentaje=33"},
                {"redimensionar_250", "redimensionar:porcentaje=250"},
                {"redimensionar_12", "redimensionar:porcentaje=12"},
                {"redimensionar_71", "redimensionar:porcentaje=71"},
                {"L_blur", "blur:radio=3"},
                {"L_nitidez", "nitidez"},
                {"L_brillo", "brillo"},
                {"L_contraste", "contraste"},
                {"L_bordes", "bordes"},
                {"L_relieve", "relieve"},
                {"L_posterizar", "posterizar:bits=3"},
                {"L_grises", "grises"},
                {"L_redimensionar", "redimensionar:porcentaje=40"}};
    }

    static Img pillow(const std::string& name) {
        return from_vips(vips::VImage::new_from_file((dir_ / (name + ".png")).c_str()));
    }

    static inline std::unique_ptr<test_support::TempDir> scratch_;
    static inline fs::path dir_;
    static inline Img input_;
    static inline bool ready_ = false;
};

void expect_within(const Img& ours, const Img& theirs, int tolerance, const std::string& what) {
    ASSERT_EQ(ours.width, theirs.width) << what;
    ASSERT_EQ(ours.height, theirs.height) << what;
    ASSERT_EQ(ours.bands, theirs.bands) << what;
    EXPECT_LE(max_difference(ours, theirs), tolerance) << what;
}

double psnr(const Img& a, const Img& b) {
    double squared = 0;
    for (std::size_t i = 0; i < a.data.size(); ++i) {
        const double d = double(a.data[i]) - b.data[i];
        squared += d * d;
    }
    const double mse = squared / a.data.size();
    return mse == 0 ? INFINITY : 10 * std::log10(255.0 * 255.0 / mse);
}

TEST_F(PillowOracle, ExactFilters) {
    expect_within(run("invertir", input_), pillow("invertir"), 0, "invertir");
    expect_within(run("grises", input_), pillow("grises"), 0, "grises");
    expect_within(run("bordes", input_), pillow("bordes"), 0, "bordes");
    expect_within(run("relieve", input_), pillow("relieve"), 0, "relieve");
    expect_within(run("posterizar", input_), pillow("posterizar"), 0, "posterizar");
    expect_within(run("posterizar", input_, {{"bits", 1}}), pillow("posterizar_1"), 0,
                  "posterizar 1");
    expect_within(run("posterizar", input_, {{"bits", 7}}), pillow("posterizar_7"), 0,
                  "posterizar 7");
}

TEST_F(PillowOracle, Blur) {
    expect_within(run("blur", input_), pillow("blur"), 0, "blur 5");
    for (const char* radius : {"0.4", "1", "2.7", "30"}) {
        expect_within(run("blur", input_, {{"radio", std::stod(radius)}}),
                      pillow(std::string("blur_") + radius), 0, std::string("blur ") + radius);
    }
}

TEST_F(PillowOracle, Enhancers) {
    expect_within(run("nitidez", input_), pillow("nitidez"), 1, "nitidez");
    expect_within(run("nitidez", input_, {{"factor", 0.5}}), pillow("nitidez_0.5"), 1,
                  "nitidez 0.5");
    expect_within(run("nitidez", input_, {{"factor", 6}}), pillow("nitidez_6"), 1, "nitidez 6");
    expect_within(run("brillo", input_), pillow("brillo"), 1, "brillo");
    expect_within(run("brillo", input_, {{"factor", 0.7}}), pillow("brillo_0.7"), 1, "brillo 0.7");
    expect_within(run("brillo", input_, {{"factor", 3.3}}), pillow("brillo_3.3"), 1, "brillo 3.3");
    expect_within(run("contraste", input_), pillow("contraste"), 1, "contraste");
    expect_within(run("contraste", input_, {{"factor", 0.4}}), pillow("contraste_0.4"), 1,
                  "contraste 0.4");
    expect_within(run("contraste", input_, {{"factor", 4}}), pillow("contraste_4"), 1,
                  "contraste 4");
}

TEST_F(PillowOracle, GreyscaleInputs) {
    // The oracle's greyscale is Pillow's own convert("L"): start from the same samples.
    const Img l_input = run("grises", input_);
    ASSERT_EQ(l_input.bands, 1);
    expect_within(run("grises", l_input), pillow("L_grises"), 0, "L grises");
    expect_within(run("blur", l_input, {{"radio", 3}}), pillow("L_blur"), 0, "L blur");
    expect_within(run("nitidez", l_input), pillow("L_nitidez"), 1, "L nitidez");
    expect_within(run("brillo", l_input), pillow("L_brillo"), 1, "L brillo");
    expect_within(run("contraste", l_input), pillow("L_contraste"), 1, "L contraste");
    expect_within(run("bordes", l_input), pillow("L_bordes"), 0, "L bordes");
    expect_within(run("relieve", l_input), pillow("L_relieve"), 0, "L relieve");
    expect_within(run("posterizar", l_input, {{"bits", 3}}), pillow("L_posterizar"), 0,
                  "L posterizar");
    const Img resized = run("redimensionar", l_input, {{"porcentaje", 40}});
    const Img theirs = pillow("L_redimensionar");
    ASSERT_EQ(resized.width, theirs.width);
    ASSERT_EQ(resized.height, theirs.height);
    ASSERT_EQ(resized.bands, 1);
    EXPECT_GE(psnr(resized, theirs), 40.0);
}

TEST_F(PillowOracle, Sepia) {
    expect_within(run("sepia", input_), pillow("sepia"), 1, "sepia");
}

TEST_F(PillowOracle, RedimensionarHasTheSizeAndIsClose) {
    for (const auto& [name, percent] : {std::pair{"redimensionar", 50},
                                        {"redimensionar_33", 33},
                                        {"redimensionar_250", 250},
                                        {"redimensionar_12", 12},
                                        {"redimensionar_71", 71}}) {
        const Img ours = run("redimensionar", input_, {{"porcentaje", percent}});
        const Img theirs = pillow(name);
        ASSERT_EQ(ours.width, theirs.width) << name;
        ASSERT_EQ(ours.height, theirs.height) << name;
        ASSERT_EQ(ours.bands, theirs.bands) << name;
        EXPECT_GE(psnr(ours, theirs), 40.0) << name;
        // The resampler is Pillow's arithmetic (same weights, same fixed point, rows first), so
        // it is far inside the spec's tolerance: at most one level apart anywhere.
        EXPECT_LE(max_difference(ours, theirs), 1) << name;
    }
}

}  // namespace
}  // namespace lote::test
