// Every fuzz target, in the normal build and under the sanitizers: run once on each seed of its
// corpus (tests/fuzz/corpus/<name>/) and on each input that once crashed it
// (tests/fuzz/regressions/<name>/). A crash, a hang or a sanitizer report fails the test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "fuzz/fuzz_target.hpp"

namespace lote::fuzz {
namespace {

namespace fs = std::filesystem;

const fs::path kFuzzDir = fs::path(LOTE_SOURCE_DIR) / "tests" / "fuzz";

std::vector<std::string> target_names() {
    std::vector<std::string> names;
    for (const auto& [name, function] : targets()) names.push_back(name);
    return names;
}

std::vector<fs::path> inputs_in(const fs::path& folder) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file()) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class FuzzCorpus : public ::testing::TestWithParam<std::string> {};

TEST_P(FuzzCorpus, RunsEverySeedAndRegressionWithoutCrashing) {
    const std::string& name = GetParam();
    const auto seeds = inputs_in(kFuzzDir / "corpus" / name);
    ASSERT_FALSE(seeds.empty()) << "no seed inputs in tests/fuzz/corpus/" << name;
    auto regressions = inputs_in(kFuzzDir / "regressions" / name);
    std::vector<fs::path> all = seeds;
    all.insert(all.end(), regressions.begin(), regressions.end());
    for (const fs::path& input : all) {
        SCOPED_TRACE(input.string());
        const std::string bytes = read_all(input);
        EXPECT_EQ(
            targets().at(name)(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
            0);
    }
}

INSTANTIATE_TEST_SUITE_P(Targets, FuzzCorpus, ::testing::ValuesIn(target_names()),
                         [](const auto& test) { return test.param; });

// A corpus folder without a target (a renamed target) would silently stop being run.
TEST(FuzzCorpusFolders, EachBelongsToATarget) {
    for (const char* kind : {"corpus", "regressions"}) {
        for (const auto& entry : fs::directory_iterator(kFuzzDir / kind)) {
            if (entry.is_directory()) {
                EXPECT_EQ(targets().count(entry.path().filename().string()), 1u) << entry.path();
            }
        }
    }
}

}  // namespace
}  // namespace lote::fuzz
