#pragma once
// Where a coordinator notes the runs it hands to a broker, so that after it crashes the next run
// of the same job finds the old one: it takes over the results already waiting there and retires
// the rest (batch/run_ledger.hpp keeps them beside the output folder's manifest).

#include <string>
#include <vector>

#include "util/result.hpp"

namespace lote {

struct RunRecord {
    std::string run;          // the run id on the broker
    std::string broker;       // the broker's URL without the password
    std::string coordinator;  // host:pid of the coordinator that started it
};

class RunRecords {
  public:
    virtual ~RunRecords() = default;
    virtual Status started(const RunRecord& record) = 0;
    // "done", "cancelled", "superseded"...
    virtual void ended(const std::string& run, const std::string& how) = 0;
    virtual std::vector<RunRecord> unfinished() const = 0;
};

}  // namespace lote
