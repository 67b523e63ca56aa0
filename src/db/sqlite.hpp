#pragma once
// SQLite the way lote's stores use it (the batch manifest, the server's job store): a connection
// that closes itself, prepared statements that finalise themselves, transactions that roll back
// unless committed, and every SQLite failure as an Error{io} that names the store. Not
// thread-safe by itself: each store keeps its connection behind its own mutex.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace lote::db {

// One prepared statement. A statement that failed to prepare or bind keeps that failure and
// reports it from run() / status(), so callers check once, at the end.
class Statement {
  public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);

    // Runs a statement that returns no rows.
    Status run();
    // Steps to the next row; false when there is none or stepping failed (then status() says
    // why).
    bool next_row();
    Status status() const;

    std::string text(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;

  private:
    friend class Connection;
    Statement(sqlite3* db, std::string_view sql, std::string store);
    void note_failure(int code);

    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string store_;    // the connection's name, for messages
    std::string failure_;  // empty: no failure so far
};

class Connection {
  public:
    struct Options {
        int busy_timeout_ms = 5000;  // how long a write waits for another connection's lock
        // WAL keeps every committed transaction through a crash of the process and lets readers
        // and the writer work at once; NORMAL sync is enough for that in WAL mode.
        bool write_ahead_log = true;
    };

    // Opens (creating it if needed) `file`, or an in-memory database for ":memory:". `store`
    // names it in every message ("job store", "manifest").
    static Result<Connection> open(const std::filesystem::path& file, std::string store,
                                   const Options& options);
    static Result<Connection> open(const std::filesystem::path& file, std::string store) {
        return open(file, std::move(store), Options{});
    }
    // Opens an existing database for reading only, by an SQLite URI ("file:...?mode=ro",
    // "file:...?immutable=1"): nothing is created or written, no journal mode is set.
    static Result<Connection> open_read_only(const std::string& uri, std::string store,
                                             int busy_timeout_ms);
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    ~Connection();

    // Runs one or more statements that return nothing (a schema, a pragma).
    Status exec(const char* sql) const;
    Statement prepare(std::string_view sql) const;
    const std::string& store() const { return store_; }

  private:
    Connection(sqlite3* db, std::string store) : db_(db), store_(std::move(store)) {}

    sqlite3* db_ = nullptr;
    std::string store_;
};

// BEGIN IMMEDIATE ... COMMIT: the write lock is taken at the start, so a busy database fails at
// begin() rather than half-way. Rolled back when it dies uncommitted (a failed step, a throw).
class Transaction {
  public:
    static Result<Transaction> begin(const Connection& db);
    Transaction(Transaction&& other) noexcept;
    Transaction(const Transaction&) = delete;
    ~Transaction();

    Status commit();

  private:
    explicit Transaction(const Connection* db) : db_(db) {}

    const Connection* db_;  // null once committed or rolled back
};

}  // namespace lote::db
