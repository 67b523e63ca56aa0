#pragma once
// Every key lote uses on the broker starts with `lote:` (an ACL user can be limited to them):
//   lote:tasks               stream of tasks, consumer group `workers`; finished entries are
//                            deleted (XDEL), never trimmed
//   lote:run:<run>           hash: state, claim_ms, max_deliveries, task_timeout_ms, shares...
//   lote:run:<run>:results   stream the run's coordinator reads (consumer group `coordinator`)
//   lote:run:<run>:alive     the coordinator's own short-lived heartbeat
//   lote:runs                set of the runs in progress
//   lote:dead                dead-letter stream: tasks lost with every node that took them
//   lote:node:<name>         a node's short-lived heartbeat (for display only)
//   lote:nodes               set of node names (pruned when their heartbeat has expired)
//   lote:shares              hash: a shared folder as the coordinator sees it -> its marker id
// and the pub/sub channel lote:wake, on which a cancel is announced.

#include <string>

namespace lote::broker_keys {

inline constexpr const char* kTasks = "lote:tasks";
inline constexpr const char* kWorkers = "workers";
inline constexpr const char* kCoordinator = "coordinator";
inline constexpr const char* kRuns = "lote:runs";
inline constexpr const char* kDead = "lote:dead";
inline constexpr const char* kNodes = "lote:nodes";
inline constexpr const char* kShares = "lote:shares";
inline constexpr const char* kWake = "lote:wake";

inline std::string run(const std::string& id) {
    return "lote:run:" + id;
}
inline std::string results(const std::string& id) {
    return run(id) + ":results";
}
inline std::string alive(const std::string& id) {
    return run(id) + ":alive";
}
inline std::string node(const std::string& name) {
    return "lote:node:" + name;
}

}  // namespace lote::broker_keys
