#include "batch/operation_settings.hpp"

namespace lote {

namespace {

// The load options as they were before accept_damaged existed when it is off, so outputs made
// by an earlier lote stay up to date; on, it is part of the settings (damaged inputs give other
// results).
nlohmann::json load_settings(const LoadOptions& load) {
    nlohmann::json j = to_json(load);
    if (!load.accept_damaged) {
        j.erase("accept_damaged");
    }
    return j;
}

}  // namespace

std::string operation_settings(const Chain& chain, const SaveOptions& save,
                               const LoadOptions& load) {
    return chain_fingerprint(chain) + "|save=" + to_json(save).dump() +
           "|load=" + load_settings(load).dump();
}

}  // namespace lote
