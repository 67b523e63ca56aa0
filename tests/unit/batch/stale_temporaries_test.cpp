#include "batch/stale_temporaries.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "batch_test_support.hpp"
#include "pipeline/temporary_names.hpp"

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

TEST(StaleTemporaries, AnotherMachinesFileGoesOnlyOnceOld) {
    testing::TempDir dir;
    // Another host's pid means nothing here: even a pid that is dead on this machine may be a
    // live writer there, so only the file's age counts.
    fs::path fresh = dir.path() / "g" / ".a_g.jpg.lote-tmp-99999999-0@studio-2";
    fs::path old = dir.path() / "g" / ".b_g.jpg.lote-tmp-99999999-0@studio-2";
    fs::path mine_dead =
        dir.path() / "g" / (".c_g.jpg.lote-tmp-99999999-0@" + temporary_writer_name());
    testing::write_file(fresh, "being written elsewhere");
    testing::write_file(old, "abandoned elsewhere");
    testing::write_file(mine_dead, "abandoned here");
    fs::last_write_time(old, fs::file_time_type::clock::now() - std::chrono::hours(2));
    EXPECT_EQ(remove_stale_temporaries({dir.path() / "g"}), 2u);
    EXPECT_TRUE(fs::exists(fresh));
    EXPECT_FALSE(fs::exists(old));
    EXPECT_FALSE(fs::exists(mine_dead));
}

}  // namespace
}  // namespace lote
