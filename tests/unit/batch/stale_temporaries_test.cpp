#include "batch/stale_temporaries.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "batch_test_support.hpp"

namespace lote {
namespace {

namespace fs = std::filesystem;

TEST(StaleTemporaries, ReadsTheWriterPid) {
    EXPECT_EQ(temporary_writer_pid(".a_g.jpg.lote-tmp-1234-0"), 1234);
    EXPECT_FALSE(temporary_writer_pid("a_g.jpg").has_value());
    EXPECT_FALSE(temporary_writer_pid(".a_g.jpg.lote-tmp-x-1").has_value());
    EXPECT_FALSE(temporary_writer_pid(".a_g.jpg.lote-tmp-12").has_value());
    EXPECT_FALSE(temporary_writer_pid("a.lote-tmp-12-1").has_value());
}

TEST(StaleTemporaries, RemovesOnlyThoseOfDeadWriters) {
    testing::TempDir dir;
    // pid_max on Linux is at most 2^22, so this writer cannot exist.
    fs::path dead = dir.path() / "g" / "sub" / ".a_g.jpg.lote-tmp-99999999-0";
    fs::path alive = dir.path() / "g" / (".b_g.jpg.lote-tmp-" + std::to_string(::getpid()) + "-0");
    fs::path output = dir.path() / "g" / "a_g.jpg";
    testing::write_file(dead, "partial");
    testing::write_file(alive, "in progress");
    testing::write_file(output, "done");
    EXPECT_EQ(remove_stale_temporaries({dir.path() / "g", dir.path() / "missing"}), 1u);
    EXPECT_FALSE(fs::exists(dead));
    EXPECT_TRUE(fs::exists(alive));
    EXPECT_TRUE(fs::exists(output));
}

}  // namespace
}  // namespace lote
