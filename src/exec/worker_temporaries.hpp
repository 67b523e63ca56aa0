#pragma once
// A worker killed while writing leaves no partial file under an output's name (outputs are written
// to a hidden temporary and renamed), but the hidden temporary itself stays behind. The pool
// removes the ones the dead worker was writing for the task it held.

#include <sys/types.h>

#include "pipeline/process_image.hpp"

namespace lote {

void remove_worker_temporaries(const ImageTask& task, pid_t worker_pid);

}  // namespace lote
