#include "db/sqlite.hpp"

#include <sqlite3.h>

#include <utility>

#include "util/byte_text.hpp"

namespace lote::db {

namespace {

Error store_error(const std::string& store, const std::string& what) {
    return fail(ErrorKind::io, store + ": " + what);
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql, std::string store)
    : db_(db), store_(std::move(store)) {
    int code = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (code != SQLITE_OK) {
        stmt_ = nullptr;
        note_failure(code);
    }
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      store_(std::move(other.store_)),
      failure_(std::move(other.failure_)) {}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

void Statement::note_failure(int code) {
    if (!failure_.empty()) return;  // the first failure is the one worth telling
    failure_ = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(code);
    if (failure_.empty()) failure_ = sqlite3_errstr(code);
}

// Paths are bytes: SQLite's text must be UTF-8, so a name that is not is kept as a blob, which
// SQLite compares and returns byte for byte.
Statement& Statement::bind(int index, std::string_view text) {
    if (stmt_ == nullptr) return *this;
    int size = static_cast<int>(text.size());
    int code = is_valid_utf8(text)
                   ? sqlite3_bind_text(stmt_, index, text.data(), size, SQLITE_TRANSIENT)
                   : sqlite3_bind_blob(stmt_, index, text.data(), size, SQLITE_TRANSIENT);
    if (code != SQLITE_OK) note_failure(code);
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (stmt_ == nullptr) return *this;
    if (int code = sqlite3_bind_int64(stmt_, index, value); code != SQLITE_OK) note_failure(code);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (stmt_ == nullptr) return *this;
    if (int code = sqlite3_bind_double(stmt_, index, value); code != SQLITE_OK) note_failure(code);
    return *this;
}

Status Statement::run() {
    if (stmt_ != nullptr && failure_.empty()) {
        int code = sqlite3_step(stmt_);
        if (code != SQLITE_DONE && code != SQLITE_ROW) note_failure(code);
    }
    return status();
}

bool Statement::next_row() {
    if (stmt_ == nullptr || !failure_.empty()) return false;
    int code = sqlite3_step(stmt_);
    if (code == SQLITE_ROW) return true;
    if (code != SQLITE_DONE) note_failure(code);
    return false;
}

Status Statement::status() const {
    if (failure_.empty()) return {};
    return store_error(store_, failure_);
}

std::string Statement::text(int column) const {
    const void* value = sqlite3_column_blob(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    return value ? std::string(static_cast<const char*>(value), static_cast<std::size_t>(size))
                 : std::string();
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

Result<Connection> Connection::open(const std::filesystem::path& file, std::string store,
                                    const Options& options) {
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
    if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return store_error(store, "cannot open " + file.string() + ": " + message);
    }
    sqlite3_busy_timeout(db, options.busy_timeout_ms);
    Connection connection(db, std::move(store));
    if (options.write_ahead_log) {
        if (auto s = connection.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !s) {
            return s.error();
        }
    }
    return connection;
}

Result<Connection> Connection::open_read_only(const std::string& uri, std::string store,
                                              int busy_timeout_ms) {
    sqlite3* db = nullptr;
    int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX;
    if (sqlite3_open_v2(uri.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return store_error(store, "cannot read " + uri + ": " + message);
    }
    sqlite3_busy_timeout(db, busy_timeout_ms);
    return Connection(db, std::move(store));
}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), store_(std::move(other.store_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
    if (this != &other) {
        sqlite3_close(db_);
        db_ = std::exchange(other.db_, nullptr);
        store_ = std::move(other.store_);
    }
    return *this;
}

Connection::~Connection() {
    sqlite3_close(db_);
}

Status Connection::exec(const char* sql) const {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : sqlite3_errmsg(db_);
        sqlite3_free(message);
        return store_error(store_, text);
    }
    return {};
}

Statement Connection::prepare(std::string_view sql) const {
    return Statement(db_, sql, store_);
}

Result<Transaction> Transaction::begin(const Connection& db) {
    if (auto s = db.exec("BEGIN IMMEDIATE;"); !s) return s.error();
    return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
    // Nothing to report from here: the failure that led to the rollback was reported already.
    if (db_ != nullptr) (void)db_->exec("ROLLBACK;");
}

Status Transaction::commit() {
    if (db_ == nullptr) return fail(ErrorKind::internal, "transaction already ended");
    Status committed = db_->exec("COMMIT;");
    if (committed) db_ = nullptr;  // otherwise the destructor rolls it back
    return committed;
}

}  // namespace lote::db
