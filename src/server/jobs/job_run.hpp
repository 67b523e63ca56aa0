#pragma once
// One job while it runs: turns the batch's events into protocol messages for the hub and rows for
// the job store, and its summary into `cancelado`/`finalizado`. A resumed job counts the outputs
// it finished before the restart as done (not as skipped) and continues its percentage from there.

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "batch/events.hpp"
#include "pipeline/process_image.hpp"
#include "server/protocol/procesar_request.hpp"
#include "util/result.hpp"

namespace lote::server {

struct JobEnvironment;

class JobRun {
  public:
    using DoneOutputs = std::map<std::string, std::set<std::string>>;  // filter -> images

    JobRun(JobEnvironment& env, std::string id, const JobRequest& request, DoneOutputs before);

    // Called from the batch's threads.
    void on_event(const ProgressEvent& event);
    // One processed image with every output's result: stored at once.
    void on_image(const std::string& image, const ImageResult& result);
    // Broadcasts the end and stores it; `interrupted`: the server is stopping, the job resumes
    // on the next start.
    void finish(const Result<BatchSummary>& result, bool interrupted);

  private:
    void announce_start(std::uint64_t to_process);
    void send_progress(ProgressEvent event);
    void flush_held_progress();
    void count_earlier_work(BatchSummary& summary) const;
    void finish_failed(const Error& why);

    JobEnvironment& env_;
    std::string id_;
    const JobRequest& request_;
    DoneOutputs before_;
    std::uint64_t offset_ = 0;  // images fully done before a restart

    std::mutex mutex_;
    bool started_ = false;
    bool reached_100_ = false;
    std::uint64_t processed_ = 0;
    std::uint64_t total_ = 0;
    // A finished image's line waits until its results are stored, so whatever a client saw as
    // done is known as done by the store if the server dies right after.
    std::optional<ProgressEvent> held_;
};

}  // namespace lote::server
