#pragma once
// Where a job is in its life. The English ids ("queued", "running", ...) are what the job store
// keeps and the HTTP API shows; the code compares states, never their names.

#include <array>
#include <optional>
#include <string_view>

namespace lote::server {

enum class JobState {
    queued,       // accepted, waiting for a job thread
    running,      // its batch is running
    done,         // finished (some images may have failed)
    cancelled,    // a client cancelled it
    failed,       // the batch could not run (or the job could not resume)
    interrupted,  // the server stopped mid-job; it runs again on the next start
};

inline constexpr std::array<JobState, 6> kJobStates{JobState::queued, JobState::running,
                                                    JobState::done,   JobState::cancelled,
                                                    JobState::failed, JobState::interrupted};

std::string_view job_state_id(JobState state);
std::optional<JobState> job_state_from_id(std::string_view id);

}  // namespace lote::server
