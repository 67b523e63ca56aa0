#include "batch/run_ledger.hpp"

#include <sqlite3.h>

#include "batch/manifest.hpp"

namespace lote {

namespace {

constexpr int kBusyTimeoutMs = 5000;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS broker_runs (
    run TEXT PRIMARY KEY,
    broker TEXT NOT NULL,
    coordinator TEXT NOT NULL,
    started_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    ended_at INTEGER,
    ended_how TEXT
);
)sql";

struct Finalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, Finalizer>;

Statement prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) return nullptr;
    return Statement(statement);
}

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
    sqlite3_bind_text(statement, index, text.c_str(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* statement, int column) {
    const unsigned char* value = sqlite3_column_text(statement, column);
    return value ? reinterpret_cast<const char*>(value) : "";
}

}  // namespace

Result<std::unique_ptr<RunLedger>> RunLedger::open(const std::filesystem::path& output_root) {
    std::string file = (output_root / kManifestFileName).string();
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return fail(ErrorKind::io, "cannot open " + file + ": " + message);
    }
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    char* error = nullptr;
    if (sqlite3_exec(db, kSchema, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        sqlite3_close(db);
        return fail(ErrorKind::io, "cannot prepare " + file + ": " + message);
    }
    return std::unique_ptr<RunLedger>(new RunLedger(db));
}

RunLedger::~RunLedger() {
    sqlite3_close(db_);
}

Status RunLedger::started(const RunRecord& record) {
    std::lock_guard lock(mutex_);
    auto statement = prepare(
        db_, "INSERT OR REPLACE INTO broker_runs (run, broker, coordinator) VALUES (?, ?, ?)");
    if (!statement) return fail(ErrorKind::io, sqlite3_errmsg(db_));
    bind_text(statement.get(), 1, record.run);
    bind_text(statement.get(), 2, record.broker);
    bind_text(statement.get(), 3, record.coordinator);
    if (sqlite3_step(statement.get()) != SQLITE_DONE)
        return fail(ErrorKind::io, sqlite3_errmsg(db_));
    return {};
}

void RunLedger::ended(const std::string& run, const std::string& how) {
    std::lock_guard lock(mutex_);
    auto statement = prepare(
        db_,
        "UPDATE broker_runs SET ended_at = strftime('%s', 'now'), ended_how = ? WHERE run = ?");
    if (!statement) return;
    bind_text(statement.get(), 1, how);
    bind_text(statement.get(), 2, run);
    (void)sqlite3_step(statement.get());
}

std::vector<RunRecord> RunLedger::unfinished() const {
    std::lock_guard lock(mutex_);
    std::vector<RunRecord> records;
    auto statement = prepare(db_,
                             "SELECT run, broker, coordinator FROM broker_runs WHERE ended_at IS "
                             "NULL ORDER BY started_at");
    if (!statement) return records;
    while (sqlite3_step(statement.get()) == SQLITE_ROW) {
        records.push_back({column_text(statement.get(), 0), column_text(statement.get(), 1),
                           column_text(statement.get(), 2)});
    }
    return records;
}

}  // namespace lote
