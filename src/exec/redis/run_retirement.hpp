#pragma once
// After a coordinator crashed, the next run of the same job retires the old run on the broker:
// it makes sure the old coordinator is really gone, marks the run superseded (nodes drop its
// tasks, and stop the ones in progress), takes over the results already waiting (recorded
// through `leftovers`, so no finished image is redone), and removes the run's keys and entries.

#include <set>
#include <string>

#include "exec/executor.hpp"
#include "exec/redis/broker_link.hpp"

namespace lote {

// The runs this process coordinates right now: never retired by another job of this process
// (two server jobs writing to one output folder).
void mark_run_live(const std::string& run, bool live);
bool run_is_live_here(const std::string& run);

Status retire_run(BrokerLink& link, const RunRecord& record, RunRecords& records,
                  const LeftoverSink& leftovers);

}  // namespace lote
