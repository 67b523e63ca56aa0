#include "server/jobs/job_run.hpp"

#include <algorithm>

#include "server/jobs/job_manager.hpp"
#include "server/jobs/job_store.hpp"
#include "server/jobs/store_writes.hpp"
#include "server/net/hub.hpp"
#include "server/net/paths.hpp"
#include "server/protocol/messages.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

std::uint64_t images_done_for_every(const JobRun::DoneOutputs& before,
                                    const std::vector<std::string>& names) {
    if (names.empty() || !before.count(names.front())) return 0;
    std::uint64_t count = 0;
    for (const auto& image : before.at(names.front())) {
        bool all = std::all_of(names.begin(), names.end(), [&](const std::string& n) {
            auto it = before.find(n);
            return it != before.end() && it->second.count(image) != 0;
        });
        if (all) ++count;
    }
    return count;
}

}  // namespace

JobRun::JobRun(JobEnvironment& env, std::string id, const JobRequest& request, DoneOutputs before)
    : env_(env), id_(std::move(id)), request_(request), before_(std::move(before)) {
    offset_ = images_done_for_every(before_, request_.names);
}

void JobRun::announce_start(std::uint64_t to_process) {
    started_ = true;
    total_ = to_process + offset_;
    processed_ = offset_;
    JobHeader header{id_,
                     request_.images,
                     total_,
                     request_.images > total_ ? request_.images - total_ : 0,
                     request_.names,
                     request_.spec.executor,
                     env_.cores};
    env_.hub.broadcast(inicio_message(header), MessageClass::Control, id_, JobMoment::Start);
}

void JobRun::on_image(const std::string& image, const ImageResult& result) {
    std::lock_guard lock(mutex_);
    for (const auto& output : result.outputs) {
        // A cancelled output is neither done nor failed: no row, so a re-run or resume redoes it.
        if (output.cancelled) continue;
        std::string written =
            output.path.empty() ? std::string() : relative_name(env_.roots.output, output.path);
        note_store_write(env_.store.record_image(id_, {image, output.chain, output.ok,
                                                       output.message, written, result.node}),
                         "record an image", id_);
    }
    note_store_write(env_.store.note_image_finished(id_, image), "mark an image finished", id_);
    flush_held_progress();
}

void JobRun::flush_held_progress() {
    if (!held_) return;
    ProgressEvent event = std::move(*held_);
    held_.reset();
    send_progress(std::move(event));
}

void JobRun::send_progress(ProgressEvent e) {
    if (offset_ > 0) {
        e.processed += offset_;
        e.total += offset_;
        e.percent = e.total ? round2(100.0 * static_cast<double>(e.processed) / e.total) : 100.0;
    }
    // Events from several workers may arrive out of order; counts never go backwards.
    e.processed = std::max(e.processed, processed_);
    processed_ = e.processed;
    if (e.percent >= 100.0) {
        if (reached_100_) return;
        reached_100_ = true;
    }
    // A failed image's line is the only place a v1 client hears of it: never merged away.
    auto kind = e.state == ImageState::failed ? MessageClass::Control : MessageClass::Progress;
    env_.hub.broadcast(progreso_message(id_, e), kind, id_, JobMoment::Progress);
}

void JobRun::on_event(const ProgressEvent& event) {
    // The nodes of a distributed job are the server's to show (`estado`), not a job's progress.
    if (event.kind == EventKind::Nodes) return;
    std::lock_guard lock(mutex_);
    if (event.kind == EventKind::ImageStarted) {
        note_store_write(env_.store.note_image_started(id_, event.image), "mark an image started",
                         id_);
    }
    if (event.kind == EventKind::Finished) return flush_held_progress();
    if (!started_) announce_start(event.total);
    if (event.kind == EventKind::Started) return;
    flush_held_progress();
    if (event.kind == EventKind::ImageDone) {
        held_ = event;
        return;
    }
    send_progress(event);
}

void JobRun::count_earlier_work(BatchSummary& s) const {
    for (auto& f : s.filters) {
        auto it = before_.find(f.filter);
        std::uint64_t earlier = it == before_.end() ? 0 : it->second.size();
        std::uint64_t moved = std::min(earlier, f.skipped);
        f.succeeded += moved;
        f.skipped -= moved;
    }
    std::uint64_t moved = std::min(offset_, s.skipped);
    s.skipped -= moved;
    s.processed += moved;
}

void JobRun::finish_failed(const Error& why) {
    // The cause's own params travel too, so a client can say what exactly stopped the batch.
    json params = why.params;
    params["job"] = id_;
    params["cause"] = std::string(why.code_or_kind());
    Error failed = fail(why.kind, "Error en el procesamiento: " + why.message)
                       .coded(codes::batch_failed, std::move(params));
    json error = error_message(failed);
    error["trabajo"] = id_;
    env_.hub.broadcast(error, MessageClass::Control, id_, JobMoment::End);
    JobRecord counts;
    note_store_write(env_.store.finish(id_, JobState::failed, counts, error), "mark the job failed",
                     id_);
}

void JobRun::finish(const Result<BatchSummary>& result, bool interrupted) {
    std::lock_guard lock(mutex_);
    flush_held_progress();
    if (interrupted) {
        note_store_write(env_.store.set_state(id_, JobState::interrupted),
                         "mark the job interrupted", id_);
        env_.hub.broadcast(
            info_message("Servidor detenido; el trabajo " + id_ + " continuará al reiniciar"),
            MessageClass::Control, id_, JobMoment::End);
        return;
    }
    if (!result) return finish_failed(result.error());
    BatchSummary summary = result.value();
    count_earlier_work(summary);
    if (!started_) announce_start(summary.images - summary.skipped);
    if (summary.cancelled) {
        env_.hub.broadcast(cancelado_message(id_, processed_, total_, summary.cancelled_images),
                           MessageClass::Control, id_);
    } else if (!reached_100_) {
        // Nothing was left to do (all up to date): the bar still has to reach 100 once.
        ProgressEvent done;
        done.state = ImageState::done;
        done.message = "Nada que hacer: salidas al día";
        done.processed = done.total = total_;
        done.percent = 100.0;
        done.elapsed = summary.wall_seconds;
        done.cores = env_.cores;
        offset_ = 0;
        send_progress(done);
    }
    json final_message = finalizado_message(id_, summary);
    JobRecord counts;
    counts.total = summary.images;
    // Up-to-date images are done too: a re-run with nothing to redo reads "13 / 13", not "0 / 13".
    counts.processed = summary.processed + summary.skipped;
    counts.failed = summary.failed_images;
    counts.skipped = summary.skipped;
    // Stored before it is announced: a client that asks for the job right after `finalizado`
    // must find it finished.
    auto state = summary.cancelled ? JobState::cancelled : JobState::done;
    note_store_write(env_.store.finish(id_, state, counts, final_message["datos"]),
                     "store the job's end", id_);
    env_.hub.broadcast(final_message, MessageClass::Control, id_, JobMoment::End);
}

}  // namespace lote::server
