#include "batch/manifest.hpp"

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

}  // namespace

Result<std::unique_ptr<Manifest>> Manifest::open(const std::filesystem::path& output_root) {
    auto file = output_root / kManifestFileName;
    auto db = db::Connection::open(file, "manifest", {kBusyTimeoutMs, true});
    if (!db) return db.error();
    if (Status made = db->exec(kSchema); !made) {
        return fail(ErrorKind::io,
                    "cannot prepare the manifest " + file.string() + ": " + made.message());
    }
    return std::unique_ptr<Manifest>(new Manifest(std::move(*db)));
}

Result<std::unique_ptr<Manifest>> Manifest::open_for_reading(
    const std::filesystem::path& output_root) {
    std::filesystem::path file = output_root / kManifestFileName;
    std::error_code ec;
    bool exists = std::filesystem::is_regular_file(file, ec);
    if (!exists) {
        // Nothing recorded yet: an empty manifest in memory answers "never made" to everything.
        auto empty = db::Connection::open(":memory:", "manifest", {kBusyTimeoutMs, false});
        if (!empty) return empty.error();
        if (Status made = empty->exec(kSchema); !made) {
            return fail(ErrorKind::io, "cannot prepare an empty manifest: " + made.message());
        }
        return std::unique_ptr<Manifest>(new Manifest(std::move(*empty)));
    }
    bool journal = std::filesystem::exists(file.string() + "-wal", ec);
    // Without a journal beside it the file is read as immutable (no lock or journal file made);
    // with one (a run was killed, or is running) it is read through the journal.
    std::string uri = "file:" + file.string() + (journal ? "?mode=ro" : "?immutable=1");
    auto db = db::Connection::open_read_only(uri, "manifest", kBusyTimeoutMs);
    if (!db) return db.error();
    return std::unique_ptr<Manifest>(new Manifest(std::move(*db)));
}

std::optional<OutputRecord> Manifest::find_output(const std::string& output) const {
    std::lock_guard lock(mutex_);
    auto query = db_.prepare(
        "SELECT input, input_hash, settings, output_size, output_mtime_ns FROM outputs "
        "WHERE output = ?1");
    query.bind(1, output);
    if (!query.next_row()) {
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
    auto query = db_.prepare(
        "SELECT output, input_hash, settings, output_size, output_mtime_ns FROM outputs "
        "WHERE input = ?1");
    query.bind(1, input);
    std::vector<OutputRecord> records;
    while (query.next_row()) {
        records.push_back({query.text(0), input, query.text(1), query.text(2),
                           static_cast<std::uint64_t>(query.integer(3)), query.integer(4)});
    }
    return records;
}

std::optional<InputStamp> Manifest::find_input(const std::string& input) const {
    std::lock_guard lock(mutex_);
    auto query = db_.prepare("SELECT size, mtime_ns, hash FROM inputs WHERE path = ?1");
    query.bind(1, input);
    if (!query.next_row()) {
        return std::nullopt;
    }
    return InputStamp{static_cast<std::uint64_t>(query.integer(0)), query.integer(1),
                      query.text(2)};
}

Status Manifest::record_image(const std::string& input, const InputStamp& stamp,
                              const std::vector<OutputRecord>& written,
                              const std::vector<std::string>& failed_outputs) {
    std::lock_guard lock(mutex_);
    auto transaction = db::Transaction::begin(db_);
    if (!transaction) return transaction.error();
    if (Status recorded = record_image_locked(input, stamp, written, failed_outputs); !recorded) {
        return recorded;  // rolled back as the transaction ends
    }
    return transaction->commit();
}

Status Manifest::record_image_locked(const std::string& input, const InputStamp& stamp,
                                     const std::vector<OutputRecord>& written,
                                     const std::vector<std::string>& failed_outputs) {
    auto upsert_input = db_.prepare(
        "INSERT OR REPLACE INTO inputs (path, size, mtime_ns, hash) VALUES (?1, ?2, ?3, ?4)");
    upsert_input.bind(1, input)
        .bind(2, static_cast<std::int64_t>(stamp.size))
        .bind(3, stamp.mtime_ns)
        .bind(4, stamp.hash);
    if (Status done = upsert_input.run(); !done) {
        return done;
    }
    for (const OutputRecord& record : written) {
        auto upsert = db_.prepare(
            "INSERT OR REPLACE INTO outputs (output, input, input_hash, settings, output_size, "
            "output_mtime_ns) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        upsert.bind(1, record.output)
            .bind(2, record.input)
            .bind(3, record.input_hash)
            .bind(4, record.settings)
            .bind(5, static_cast<std::int64_t>(record.output_size))
            .bind(6, record.output_mtime_ns);
        if (Status done = upsert.run(); !done) {
            return done;
        }
    }
    for (const std::string& output : failed_outputs) {
        auto forget = db_.prepare("DELETE FROM outputs WHERE output = ?1");
        forget.bind(1, output);
        if (Status done = forget.run(); !done) {
            return done;
        }
    }
    return {};
}

}  // namespace lote
