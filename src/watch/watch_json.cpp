#include "watch/watch_json.hpp"

namespace lote::watch {

nlohmann::json to_json(const WatchStatus& status) {
    nlohmann::json j = {{"event", "watching"},
                        {"state", watch_state_name(status.state)},
                        {"folder", status.folder},
                        {"mode", status.mode},
                        {"arriving", status.files.arriving},
                        {"waiting", status.files.ready},
                        {"in_batch", status.files.in_batch},
                        {"done", status.files.done},
                        {"failed", status.files.failed},
                        {"batches", status.batches},
                        {"processed", status.processed},
                        {"failed_images", status.failed},
                        {"moved", status.moved}};
    if (!status.message.empty()) {
        j["message"] = status.message;
    }
    return j;
}

}  // namespace lote::watch
