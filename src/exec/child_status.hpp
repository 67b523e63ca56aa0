#pragma once
// Turning a waitpid() status into words for a failure message.

#include <string>

namespace lote {

// "killed by signal 9", "exited with status 3".
std::string describe_wait_status(int status);

}  // namespace lote
