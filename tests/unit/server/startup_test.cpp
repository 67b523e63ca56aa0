// What the server reads before it listens: the test-only slow-down comes from the environment
// here and nowhere else.
#include "server/startup.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

namespace lote::server {
namespace {

class TestDelay : public ::testing::Test {
  protected:
    void TearDown() override { ::unsetenv("LOTE_TEST_DELAY_MS"); }
    unsigned with(const char* value) {
        ::setenv("LOTE_TEST_DELAY_MS", value, 1);
        return test_image_delay_from_environment();
    }
};

TEST_F(TestDelay, IsReadAsMillisecondsAndIgnoredWhenNotAPositiveNumber) {
    ::unsetenv("LOTE_TEST_DELAY_MS");
    EXPECT_EQ(test_image_delay_from_environment(), 0u);
    EXPECT_EQ(with("250"), 250u);
    EXPECT_EQ(with("0"), 0u);
    EXPECT_EQ(with("-5"), 0u);
    EXPECT_EQ(with("soon"), 0u);
    EXPECT_EQ(with(""), 0u);
    EXPECT_EQ(with("999999999"), 60000u);  // at most a minute per image
}

}  // namespace
}  // namespace lote::server
