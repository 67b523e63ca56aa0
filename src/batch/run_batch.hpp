#pragma once
// Plan a job, skip what the manifest says is up to date, run the rest on an executor, aggregate
// progress, record every result. Used by `lote run`, the server's job manager and the tests.

#include "util/cancel.hpp"
#include "batch/events.hpp"
#include "batch/job.hpp"

namespace lote {

// Fails before any work starts (bad folder, no chains, unknown executor); otherwise returns the
// summary, including per-image failures.
Result<BatchSummary> run_batch(const JobSpec& spec, const EventSink& on_event,
                               const CancelToken& cancel = {});

}  // namespace lote
