#include "batch/run_ledger.hpp"

#include <spdlog/spdlog.h>

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

}  // namespace

Result<std::unique_ptr<RunLedger>> RunLedger::open(const std::filesystem::path& output_root) {
    auto db =
        db::Connection::open(output_root / kManifestFileName, "run ledger", {kBusyTimeoutMs, true});
    if (!db) return db.error();
    if (Status made = db->exec(kSchema); !made) return made.error();
    return std::unique_ptr<RunLedger>(new RunLedger(std::move(*db)));
}

Status RunLedger::started(const RunRecord& record) {
    std::lock_guard lock(mutex_);
    auto statement = db_.prepare(
        "INSERT OR REPLACE INTO broker_runs (run, broker, coordinator) VALUES (?, ?, ?)");
    statement.bind(1, record.run).bind(2, record.broker).bind(3, record.coordinator);
    return statement.run();
}

void RunLedger::ended(const std::string& run, const std::string& how) {
    std::lock_guard lock(mutex_);
    auto statement = db_.prepare(
        "UPDATE broker_runs SET ended_at = strftime('%s', 'now'), ended_how = ? WHERE run = ?");
    statement.bind(1, how).bind(2, run);
    // The run stays open in the ledger: the next batch of this job finds it and retires it again.
    if (Status done = statement.run(); !done) {
        spdlog::warn("cannot note broker run {} as {}: {}", run, how, done.message());
    }
}

std::vector<RunRecord> RunLedger::unfinished() const {
    std::lock_guard lock(mutex_);
    std::vector<RunRecord> records;
    auto statement = db_.prepare(
        "SELECT run, broker, coordinator FROM broker_runs WHERE ended_at IS NULL "
        "ORDER BY started_at");
    while (statement.next_row()) {
        records.push_back({statement.text(0), statement.text(1), statement.text(2)});
    }
    if (Status read = statement.status(); !read) {
        spdlog::warn("cannot read the broker runs: {}", read.message());
    }
    return records;
}

}  // namespace lote
