#include "util/result.hpp"

#include <gtest/gtest.h>

namespace lote {

TEST(Result, CarriesValueOrMessage) {
    Result<int> good = 3;
    Result<int> bad = fail("no such file");
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(*good, 3);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.message(), "no such file");
}

TEST(Status, DefaultIsSuccess) {
    Status s;
    EXPECT_TRUE(s.ok());
    Status f = fail("broken");
    EXPECT_FALSE(f.ok());
    EXPECT_EQ(f.message(), "broken");
}

}  // namespace lote
