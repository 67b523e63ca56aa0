#include "batch/manifest.hpp"

#include <sqlite3.h>

#include "util/byte_text.hpp"

namespace lote {

namespace {

constexpr int kBusyTimeoutMs = 5000;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS inputs (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outputs (
    output TEXT PRIMARY KEY,
    input TEXT NOT NULL,
    input_hash TEXT NOT NULL,
    settings TEXT NOT NULL,
    output_size INTEGER NOT NULL,
    output_mtime_ns INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL DEFAULT (strftime('%s', 'now'))
);
CREATE INDEX IF NOT EXISTS outputs_by_input ON outputs (input);
)sql";

// A prepared statement that finalizes itself.
class Statement {
  public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
            stmt_ = nullptr;
        }
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ready() const { return stmt_ != nullptr; }
    // Paths are bytes: SQLite's text must be UTF-8, so a name that is not is kept as a blob,
    // which it compares and returns byte for byte.
    Statement& bind(int index, const std::string& text) {
        if (is_valid_utf8(text)) {
            sqlite3_bind_text(stmt_, index, text.c_str(), static_cast<int>(text.size()),
                              SQLITE_TRANSIENT);
        } else {
            sqlite3_bind_blob(stmt_, index, text.data(), static_cast<int>(text.size()),
                              SQLITE_TRANSIENT);
        }
        return *this;
    }
    Statement& bind(int index, std::int64_t value) {
        sqlite3_bind_int64(stmt_, index, value);
        return *this;
    }
    int step() { return ready() ? sqlite3_step(stmt_) : SQLITE_ERROR; }
    std::string text(int column) const {
        const void* value = sqlite3_column_blob(stmt_, column);
        const int size = sqlite3_column_bytes(stmt_, column);
        return value ? std::string(static_cast<const char*>(value), static_cast<std::size_t>(size))
                     : std::string();
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
    std::string error() const { return sqlite3_errmsg(db_); }

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

Status step_done(Statement& statement) {
    if (statement.step() != SQLITE_DONE) {
        return fail("manifest: " + statement.error());
    }
    return {};
}

}  // namespace

Result<std::unique_ptr<Manifest>> Manifest::open(const std::filesystem::path& output_root) {
    std::string file = (output_root / kManifestFileName).string();
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(file.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return fail("cannot open the manifest " + file + ": " + message);
    }
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    std::unique_ptr<Manifest> manifest(new Manifest(db));
    // WAL keeps readers and the writer apart, and a crash mid-write loses at most the last
    // transaction, never the file; NORMAL sync is enough for that in WAL mode.
    for (const char* sql : {"PRAGMA journal_mode=WAL;", "PRAGMA synchronous=NORMAL;", kSchema}) {
        if (Status done = manifest->exec(sql); !done) {
            return fail("cannot prepare the manifest " + file + ": " + done.message());
        }
    }
    return manifest;
}

Result<std::unique_ptr<Manifest>> Manifest::open_for_reading(
    const std::filesystem::path& output_root) {
    std::filesystem::path file = output_root / kManifestFileName;
    std::error_code ec;
    bool exists = std::filesystem::is_regular_file(file, ec);
    bool journal = std::filesystem::exists(file.string() + "-wal", ec);
    // Without a journal beside it the file is read as immutable (no lock or journal file made);
    // with one (a run was killed, or is running) it is read through the journal.
    std::string uri = !exists   ? std::string(":memory:")
                      : journal ? "file:" + file.string() + "?mode=ro"
                                : "file:" + file.string() + "?immutable=1";
    int flags = SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX |
                (exists ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(uri.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return fail("cannot read the manifest " + file.string() + ": " + message);
    }
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    std::unique_ptr<Manifest> manifest(new Manifest(db));
    if (!exists) {
        if (Status made = manifest->exec(kSchema); !made) {
            return fail("cannot prepare an empty manifest: " + made.message());
        }
    }
    return manifest;
}

Manifest::~Manifest() {
    sqlite3_close(db_);
}

Status Manifest::exec(const char* sql) const {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        return fail(text);
    }
    return {};
}

std::optional<OutputRecord> Manifest::find_output(const std::string& output) const {
    std::lock_guard lock(mutex_);
    Statement query(db_,
                    "SELECT input, input_hash, settings, output_size, output_mtime_ns FROM outputs "
                    "WHERE output = ?1");
    query.bind(1, output);
    if (query.step() != SQLITE_ROW) {
        return std::nullopt;
    }
    return OutputRecord{output,
                        query.text(0),
                        query.text(1),
                        query.text(2),
                        static_cast<std::uint64_t>(query.integer(3)),
                        query.integer(4)};
}

std::vector<OutputRecord> Manifest::outputs_of_input(const std::string& input) const {
    std::lock_guard lock(mutex_);
    Statement query(
        db_,
        "SELECT output, input_hash, settings, output_size, output_mtime_ns FROM outputs "
        "WHERE input = ?1");
    query.bind(1, input);
    std::vector<OutputRecord> records;
    while (query.step() == SQLITE_ROW) {
        records.push_back({query.text(0), input, query.text(1), query.text(2),
                           static_cast<std::uint64_t>(query.integer(3)), query.integer(4)});
    }
    return records;
}

std::optional<InputStamp> Manifest::find_input(const std::string& input) const {
    std::lock_guard lock(mutex_);
    Statement query(db_, "SELECT size, mtime_ns, hash FROM inputs WHERE path = ?1");
    query.bind(1, input);
    if (query.step() != SQLITE_ROW) {
        return std::nullopt;
    }
    return InputStamp{static_cast<std::uint64_t>(query.integer(0)), query.integer(1),
                      query.text(2)};
}

Status Manifest::record_image(const std::string& input, const InputStamp& stamp,
                              const std::vector<OutputRecord>& written,
                              const std::vector<std::string>& failed_outputs) {
    std::lock_guard lock(mutex_);
    if (Status begun = exec("BEGIN IMMEDIATE;"); !begun) {
        return fail("manifest: " + begun.message());
    }
    Status recorded = record_image_locked(input, stamp, written, failed_outputs);
    if (!recorded) {
        (void)exec("ROLLBACK;");
        return recorded;
    }
    if (Status committed = exec("COMMIT;"); !committed) {
        (void)exec("ROLLBACK;");
        return fail("manifest: " + committed.message());
    }
    return {};
}

Status Manifest::record_image_locked(const std::string& input, const InputStamp& stamp,
                                     const std::vector<OutputRecord>& written,
                                     const std::vector<std::string>& failed_outputs) {
    Statement upsert_input(
        db_, "INSERT OR REPLACE INTO inputs (path, size, mtime_ns, hash) VALUES (?1, ?2, ?3, ?4)");
    upsert_input.bind(1, input)
        .bind(2, static_cast<std::int64_t>(stamp.size))
        .bind(3, stamp.mtime_ns)
        .bind(4, stamp.hash);
    if (Status done = step_done(upsert_input); !done) {
        return done;
    }
    for (const OutputRecord& record : written) {
        Statement upsert(
            db_,
            "INSERT OR REPLACE INTO outputs (output, input, input_hash, settings, output_size, "
            "output_mtime_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        upsert.bind(1, record.output)
            .bind(2, record.input)
            .bind(3, record.input_hash)
            .bind(4, record.settings)
            .bind(5, static_cast<std::int64_t>(record.output_size))
            .bind(6, record.output_mtime_ns);
        if (Status done = step_done(upsert); !done) {
            return done;
        }
    }
    for (const std::string& output : failed_outputs) {
        Statement forget(db_, "DELETE FROM outputs WHERE output = ?1");
        forget.bind(1, output);
        if (Status done = step_done(forget); !done) {
            return done;
        }
    }
    return {};
}

}  // namespace lote
