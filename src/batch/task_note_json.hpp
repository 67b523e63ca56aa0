#pragma once
// A task's manifest note as text: it travels with the task through the broker and comes back
// with the result, so that a coordinator restarted after a crash can record a result left on
// the broker without the plan its predecessor made.

#include <string>

#include "batch/task_list.hpp"
#include "util/result.hpp"

namespace lote {

std::string task_note_to_text(const TaskNote& note);
Result<TaskNote> task_note_from_text(const std::string& text);

}  // namespace lote
