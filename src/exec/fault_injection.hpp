#pragma once
// TEST-ONLY fault injection for worker processes, so tests can make a worker misbehave on one
// chosen image. Read from the environment variable LOTE_TEST_FAULT by `lote worker` only; never
// set it in production. Forms (the substring is matched against the task's input path):
//   crash:<substring>    the worker kills itself with SIGKILL before processing that image
//   hang:<substring>     the worker sleeps forever instead of processing it
//   garbage:<substring>  the worker answers with a malformed frame, then sleeps forever
//   exit:<substring>     the worker exits with status 3 without answering
// LOTE_TEST_TASK_DELAY_MS=<ms> makes `lote worker` wait that long before each image, so that
// tests can act while an image is in progress (kill its node, stop it, cancel).
// LOTE_TEST_NODE_FAULT is read by `lote node` and takes the same forms; "crash" kills the node
// itself (SIGKILL, its workers with it) right after it has started that image, as a machine
// dying mid-task would.

#include <optional>
#include <string>
#include <string_view>

namespace lote {

enum class FaultKind { Crash, Hang, Garbage, Exit };

struct Fault {
    FaultKind kind;
    std::string input_substring;
};

std::optional<Fault> parse_fault(std::string_view spec);
// LOTE_TEST_FAULT, if set and well formed.
std::optional<Fault> fault_from_environment();
// Sleeps LOTE_TEST_TASK_DELAY_MS, if set.
void delay_task_for_tests();
// LOTE_TEST_NODE_FAULT, if set and well formed.
std::optional<Fault> node_fault_from_environment();
// Carries the fault out when `input` matches (the malformed frame goes to `out_fd`); returns only
// when it does not apply.
void inject_fault_if_matching(const std::optional<Fault>& fault, const std::string& input,
                              int out_fd);

}  // namespace lote
