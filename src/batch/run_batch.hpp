#pragma once
// Plan a job, skip what the manifest says is up to date, run the rest on an executor, aggregate
// progress, record every result. Used by `lote run`, the server's job manager and the tests.

#include "batch/events.hpp"
#include "batch/job.hpp"
#include "batch/scan_inputs.hpp"
#include "pipeline/process_image.hpp"
#include "util/cancel.hpp"

namespace lote {

// Called once per processed image (from the aggregator's thread of the moment, after the
// manifest has recorded it) with the relative input name and every output's result; for the
// job store. Skipped (up-to-date) images are not reported.
using ImageResultSink = std::function<void(const std::string& image, const ImageResult& result)>;

// How run_batch scans `spec.input`: recursive as asked, never entering the output tree or a
// chain's folder (they may lie inside the input), leaving out the files the steps read (a logo).
ScanOptions batch_scan_options(const JobSpec& spec);

// Fails before any work starts (bad folder, no chains, bad chain names, unknown executor or
// unreachable broker, output folder not creatable); otherwise returns the summary, including
// per-image failures. Events:
// Started first, then ImageStarted/ImageDone, Finished last; on `cancel` the tasks not yet started
// are dropped and the summary says `cancelled`. `scanned`: the inputs as already found by
// scan_inputs(spec.input, batch_scan_options(spec)), possibly with a selection; null: the batch
// scans them itself.
Result<BatchSummary> run_batch(const JobSpec& spec, const EventSink& on_event,
                               const CancelToken& cancel = {}, const ImageResultSink& on_image = {},
                               const InputScan* scanned = nullptr);

}  // namespace lote
