#pragma once
// What a batch would do, found without doing it: every output it would write (new) or write again
// (redo: there already, but out of date), the inputs it would refuse, and how many outputs are
// up to date. Reads the inputs (to hash them) and the manifest; writes nothing at all, not even
// the output folder or the manifest.

#include <cstdint>
#include <string>
#include <vector>

#include "batch/job.hpp"
#include "util/result.hpp"

namespace lote {

enum class PlanAction { write, redo, refuse };

const char* plan_action_name(PlanAction action);  // "write" | "redo" | "refuse"

struct PlannedWrite {
    std::string image;  // relative input name
    std::string chain;
    std::string output;  // the output's path
    PlanAction action = PlanAction::write;
    std::string reason;  // why an input is refused
};

struct DryRunPlan {
    std::vector<std::string> chains;
    std::uint64_t images = 0;   // inputs found
    std::uint64_t ignored = 0;  // files that are no images
    std::uint64_t up_to_date_outputs = 0;
    std::uint64_t up_to_date_images = 0;  // inputs with every output up to date
    std::vector<PlannedWrite> writes;     // in input order, then chain order
    std::uint64_t count(PlanAction action) const;
};

Result<DryRunPlan> plan_dry_run(const JobSpec& spec);

}  // namespace lote
