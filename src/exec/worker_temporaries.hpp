#pragma once
// A worker killed while writing leaves no partial file under an output's name (outputs are written
// to a hidden temporary and renamed), but the hidden temporary itself stays behind. The pool
// removes the ones the dead worker was writing for the task it held; a node that takes over a
// task whose owner lost its lease removes that owner's temporaries of the task's outputs.

#include <sys/types.h>

#include <string>

#include "pipeline/process_image.hpp"

namespace lote {

// The temporaries of `task`'s outputs written by process `worker_pid` under `writer` (empty:
// this process's writer name).
void remove_worker_temporaries(const ImageTask& task, pid_t worker_pid,
                               const std::string& writer = {});
// The temporaries of `task`'s outputs written by any process of `writer`.
void remove_writer_temporaries(const ImageTask& task, const std::string& writer);

}  // namespace lote
