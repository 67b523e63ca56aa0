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

TEST(Error, WithoutACodeTheKindsNameStandsForIt) {
    Error e = fail(ErrorKind::not_found, "no such job: x");
    EXPECT_TRUE(e.code.empty());
    EXPECT_EQ(e.code_or_kind(), "not_found");
    EXPECT_TRUE(e.params.is_object());
    EXPECT_TRUE(e.params.empty());
}

TEST(Error, ACodeAndItsParamsTravelWithTheMessage) {
    Status s = fail("Filtro desconocido: blurr").coded("unknown_filter", {{"filter", "blurr"}});
    ASSERT_FALSE(s);
    EXPECT_EQ(s.message(), "Filtro desconocido: blurr");
    EXPECT_EQ(s.kind(), ErrorKind::invalid);
    EXPECT_EQ(s.error().code_or_kind(), "unknown_filter");
    EXPECT_EQ(s.error().params["filter"], "blurr");
    Result<int> r = s.error();
    EXPECT_EQ(r.error().code, "unknown_filter");

    const Error base = fail(ErrorKind::io, "disk full");
    Error coded = base.coded("job_store_failed");
    EXPECT_EQ(coded.code, "job_store_failed");
    EXPECT_TRUE(base.code.empty());  // the original is left as it was
    // Params are always an object, whatever is passed.
    EXPECT_TRUE(base.coded("x", nlohmann::json::array({1})).params.is_object());
}

}  // namespace lote
