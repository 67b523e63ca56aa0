#include "db/sqlite.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace lote::db {
namespace {

constexpr const char* kSchema = "CREATE TABLE t (name TEXT PRIMARY KEY, n INTEGER, x REAL);";

Connection memory_with_table() {
    auto db = Connection::open(":memory:", "test store");
    EXPECT_TRUE(db) << db.message();
    EXPECT_TRUE(db->exec(kSchema));
    return std::move(*db);
}

std::int64_t count_rows(const Connection& db) {
    auto q = db.prepare("SELECT COUNT(*) FROM t");
    return q.next_row() ? q.integer(0) : -1;
}

TEST(Sqlite, BindsAndReadsEveryType) {
    Connection db = memory_with_table();
    auto insert = db.prepare("INSERT INTO t (name, n, x) VALUES (?, ?, ?)");
    insert.bind(1, std::string_view("año")).bind(2, std::int64_t{-7}).bind(3, 2.5);
    ASSERT_TRUE(insert.run());
    auto q = db.prepare("SELECT name, n, x FROM t");
    ASSERT_TRUE(q.next_row());
    EXPECT_EQ(q.text(0), "año");
    EXPECT_EQ(q.integer(1), -7);
    EXPECT_DOUBLE_EQ(q.real(2), 2.5);
    EXPECT_FALSE(q.next_row());
    EXPECT_TRUE(q.status());
}

TEST(Sqlite, FailuresAreIoErrorsNamingTheStore) {
    Connection db = memory_with_table();
    auto bad = db.prepare("SELEKT nothing");
    Status ran = bad.run();
    ASSERT_FALSE(ran);
    EXPECT_EQ(ran.kind(), ErrorKind::io);
    EXPECT_NE(ran.message().find("test store: "), std::string::npos) << ran.message();
    EXPECT_NE(ran.message().find("syntax error"), std::string::npos) << ran.message();

    auto first = db.prepare("INSERT INTO t (name) VALUES ('a')");
    ASSERT_TRUE(first.run());
    auto twice = db.prepare("INSERT INTO t (name) VALUES ('a')");
    Status duplicate = twice.run();
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.kind(), ErrorKind::io);
    EXPECT_NE(duplicate.message().find("UNIQUE"), std::string::npos) << duplicate.message();
}

TEST(Sqlite, OpeningAFileInAMissingFolderFails) {
    test_support::TempDir dir;
    auto db = Connection::open(dir / "missing" / "x.sqlite", "manifest");
    ASSERT_FALSE(db);
    EXPECT_EQ(db.kind(), ErrorKind::io);
    EXPECT_EQ(db.message().rfind("manifest: cannot open ", 0), 0u) << db.message();
}

TEST(Sqlite, ATransactionNotCommittedIsRolledBack) {
    Connection db = memory_with_table();
    {
        auto t = Transaction::begin(db);
        ASSERT_TRUE(t);
        ASSERT_TRUE(db.prepare("INSERT INTO t (name) VALUES ('lost')").run());
    }
    EXPECT_EQ(count_rows(db), 0);
    {
        auto t = Transaction::begin(db);
        ASSERT_TRUE(t);
        ASSERT_TRUE(db.prepare("INSERT INTO t (name) VALUES ('kept')").run());
        ASSERT_TRUE(t->commit());
        EXPECT_FALSE(t->commit());  // once only
    }
    EXPECT_EQ(count_rows(db), 1);
}

TEST(Sqlite, ABusyDatabaseFailsAtBeginAndRecovers) {
    test_support::TempDir dir;
    auto file = dir / "shared.sqlite";
    auto a = Connection::open(file, "a", {50, true});
    auto b = Connection::open(file, "b", {50, true});
    ASSERT_TRUE(a && b);
    ASSERT_TRUE(a->exec(kSchema));
    {
        auto holding = Transaction::begin(*a);
        ASSERT_TRUE(holding);
        auto blocked = Transaction::begin(*b);
        ASSERT_FALSE(blocked);
        EXPECT_EQ(blocked.kind(), ErrorKind::io);
        EXPECT_EQ(blocked.message().rfind("b: ", 0), 0u) << blocked.message();
    }
    auto later = Transaction::begin(*b);
    ASSERT_TRUE(later) << later.message();
    ASSERT_TRUE(b->prepare("INSERT INTO t (name) VALUES ('b')").run());
    ASSERT_TRUE(later->commit());
    EXPECT_EQ(count_rows(*a), 1);
}

TEST(Sqlite, AMovedConnectionKeepsWorking) {
    Connection db = memory_with_table();
    Connection moved = std::move(db);
    ASSERT_TRUE(moved.prepare("INSERT INTO t (name) VALUES ('x')").run());
    EXPECT_EQ(count_rows(moved), 1);
    EXPECT_EQ(moved.store(), "test store");
}

}  // namespace
}  // namespace lote::db
