#pragma once
// The output folder's memory of the runs its batches handed to a broker: a table in the
// manifest's database (`broker_runs`), written before any task is queued and closed when the
// run is over. A run still open when a batch starts was left by a coordinator that died; the
// distributed executor takes over its results and retires it.

#include <filesystem>
#include <memory>
#include <mutex>

#include "db/sqlite.hpp"
#include "exec/run_records.hpp"

namespace lote {

class RunLedger final : public RunRecords {
  public:
    static Result<std::unique_ptr<RunLedger>> open(const std::filesystem::path& output_root);
    RunLedger(const RunLedger&) = delete;
    RunLedger& operator=(const RunLedger&) = delete;

    Status started(const RunRecord& record) override;
    void ended(const std::string& run, const std::string& how) override;
    std::vector<RunRecord> unfinished() const override;

  private:
    explicit RunLedger(db::Connection db) : db_(std::move(db)) {}

    db::Connection db_;
    mutable std::mutex mutex_;
};

}  // namespace lote
