#include "server/jobs/job_state.hpp"

namespace lote::server {

std::string_view job_state_id(JobState state) {
    switch (state) {
        case JobState::queued:
            return "queued";
        case JobState::running:
            return "running";
        case JobState::done:
            return "done";
        case JobState::cancelled:
            return "cancelled";
        case JobState::failed:
            return "failed";
        case JobState::interrupted:
            return "interrupted";
    }
    return "failed";
}

std::optional<JobState> job_state_from_id(std::string_view id) {
    for (JobState state : kJobStates) {
        if (job_state_id(state) == id) return state;
    }
    return std::nullopt;
}

}  // namespace lote::server
