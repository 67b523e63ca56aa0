#include "exec/child_status.hpp"

#include <sys/wait.h>

namespace lote {

std::string describe_wait_status(int status) {
    if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    return "stopped with wait status " + std::to_string(status);
}

}  // namespace lote
