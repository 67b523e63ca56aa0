#include "pipeline/temporary_names.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "pipeline/atomic_write.hpp"

namespace lote {
namespace {

TEST(TemporaryNames, CarryTheTargetThePidAndTheWriter) {
    std::string name = temporary_name_for("photo_g.jpg");
    EXPECT_TRUE(is_temporary_output_name(name)) << name;
    auto parsed = parse_temporary_name(name);
    ASSERT_TRUE(parsed) << name;
    EXPECT_EQ(parsed->target, "photo_g.jpg");
    EXPECT_EQ(parsed->pid, ::getpid());
    EXPECT_EQ(parsed->writer, temporary_writer_name());
    EXPECT_NE(temporary_name_for("photo_g.jpg"), name) << "unique within the process";
}

TEST(TemporaryNames, ReadsNamesWithAndWithoutAWriter) {
    auto old = parse_temporary_name(".a.jpg.lote-tmp-12-3");
    ASSERT_TRUE(old);
    EXPECT_EQ(old->pid, 12);
    EXPECT_EQ(old->writer, "");
    auto named = parse_temporary_name(".a.b.jpg.lote-tmp-12-3@studio-2.local");
    ASSERT_TRUE(named);
    EXPECT_EQ(named->target, "a.b.jpg");
    EXPECT_EQ(named->writer, "studio-2.local");
    for (const char* bad : {"a.jpg.lote-tmp-1-2", ".a.jpg.lote-tmp-x-1", ".a.jpg.lote-tmp-12",
                            ".a.jpg.lote-tmp-12-3@", ".a.jpg.lote-tmp-12-3x", ".a.jpg"}) {
        EXPECT_FALSE(parse_temporary_name(bad)) << bad;
    }
}

TEST(TemporaryNames, StayShortForANameNearTheLimitWithoutSplittingACharacter) {
    std::string long_name;
    while (long_name.size() < 240) long_name += "é";  // two bytes each
    long_name += ".jpg";
    std::string name = temporary_name_for(long_name);
    EXPECT_LT(name.size(), 140u) << name;
    auto parsed = parse_temporary_name(name);
    ASSERT_TRUE(parsed) << name;
    EXPECT_EQ(parsed->target, temporary_name_prefix(long_name));
    EXPECT_EQ(parsed->target.size(), 40u);
    EXPECT_EQ(long_name.rfind(parsed->target, 0), 0u) << "the start of the name";
    std::string odd = "a" + long_name;  // the 40th byte now falls inside a character
    EXPECT_EQ(temporary_name_prefix(odd).size(), 39u);
}

TEST(TemporaryNames, WriterNamesAreSanitised) {
    EXPECT_EQ(sanitized_writer_name("studio 2/ñ"), "studio_2___");
    EXPECT_EQ(sanitized_writer_name(""), "host");
    EXPECT_EQ(sanitized_writer_name(std::string(100, 'a')).size(), 64u);
    std::string before = temporary_writer_name();
    set_temporary_writer_name("node@evil");
    EXPECT_EQ(temporary_writer_name(), "node_evil");
    auto parsed = parse_temporary_name(temporary_name_for("x.png"));
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->writer, "node_evil");
    set_temporary_writer_name(before);
}

}  // namespace
}  // namespace lote
