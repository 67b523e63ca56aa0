#include "util/result.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string_view>

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

TEST(Error, KindTravelsThroughResultAndStatus) {
    Result<int> missing = fail(ErrorKind::not_found, "no preset named web2");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.kind(), ErrorKind::not_found);
    Status big = fail(ErrorKind::too_large, "over the pixel limit");
    EXPECT_EQ(big.kind(), ErrorKind::too_large);
    EXPECT_EQ(big.error().message, "over the pixel limit");
    EXPECT_EQ(Status(fail("bad flag")).kind(), ErrorKind::invalid);
}

TEST(Error, EveryKindHasItsOwnName) {
    const ErrorKind kinds[] = {ErrorKind::invalid,  ErrorKind::not_found, ErrorKind::refused,
                               ErrorKind::conflict, ErrorKind::too_large, ErrorKind::unsupported,
                               ErrorKind::corrupt,  ErrorKind::io,        ErrorKind::unavailable,
                               ErrorKind::internal};
    std::set<std::string_view> names;
    for (ErrorKind k : kinds) names.insert(error_kind_name(k));
    EXPECT_EQ(names.size(), std::size(kinds));
    EXPECT_EQ(error_kind_name(ErrorKind::not_found), "not_found");
}

}  // namespace lote
