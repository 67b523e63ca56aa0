#pragma once
// The JSON form of a watched folder's status: the `watching` event of `lote watch --json` and
// the state the server shows for each watch.

#include <nlohmann/json.hpp>

#include "watch/watcher.hpp"

namespace lote::watch {

// {"event": "watching", "state": "watching"|"missing"|"stopped", "folder", "mode",
//  "arriving", "waiting", "in_batch", "done", "failed", "batches", "processed",
//  "failed_images", "moved", "message"?}
nlohmann::json to_json(const WatchStatus& status);

}  // namespace lote::watch
