#include "pipeline/vips_modules.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace lote {
namespace {

// Runs each test with VIPSHOME as the test sets it and puts the process's value back after.
class VipsModulesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (const char* v = std::getenv("VIPSHOME")) {
            saved_ = v;
        }
        unsetenv("VIPSHOME");
    }
    void TearDown() override {
        if (saved_) {
            setenv("VIPSHOME", saved_->c_str(), 1);
        } else {
            unsetenv("VIPSHOME");
        }
    }
    static std::string vipshome() {
        const char* v = std::getenv("VIPSHOME");
        return v ? v : "<unset>";
    }
    std::optional<std::string> saved_;
};

TEST_F(VipsModulesTest, UsesTheBuildsFolderWhenNoneIsSet) {
    const std::string home = std::filesystem::temp_directory_path().string();
    use_only_needed_vips_modules(home.c_str());
    EXPECT_EQ(vipshome(), home);
}

TEST_F(VipsModulesTest, KeepsTheUsersChoice) {
    setenv("VIPSHOME", "/usr", 1);
    use_only_needed_vips_modules(std::filesystem::temp_directory_path().c_str());
    EXPECT_EQ(vipshome(), "/usr");
}

TEST_F(VipsModulesTest, AMissingFolderLeavesLibvipsToItsDefault) {
    use_only_needed_vips_modules("/nonexistent/lote/vips-home");
    EXPECT_EQ(vipshome(), "<unset>");
    use_only_needed_vips_modules("");
    EXPECT_EQ(vipshome(), "<unset>");
    use_only_needed_vips_modules(nullptr);
    EXPECT_EQ(vipshome(), "<unset>");
}

}  // namespace
}  // namespace lote
