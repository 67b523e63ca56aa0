#pragma once
// The checks and the plan run_batch starts with, for those who look before (or without) running:
// the dry run and the audit.

#include "batch/job.hpp"
#include "batch/manifest.hpp"
#include "batch/scan_inputs.hpp"
#include "batch/task_list.hpp"
#include "util/result.hpp"

namespace lote {

// What run_batch checks before any work: chain names, output folder given, executor, the files
// the steps read (a logo).
Status check_job(const JobSpec& spec);

// The tasks a batch of `scan` would run: every planned output not up to date by `manifest`;
// fails when the name template would give two inputs one name.
Result<TaskList> plan_batch_tasks(const JobSpec& spec, const InputScan& scan,
                                  const Manifest& manifest);

}  // namespace lote
