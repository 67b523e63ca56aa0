#include "batch/operation_settings.hpp"

namespace lote {

std::string operation_settings(const Chain& chain, const SaveOptions& save,
                               const LoadOptions& load) {
    return chain_fingerprint(chain) + "|save=" + to_json(save).dump() +
           "|load=" + to_json(load).dump();
}

}  // namespace lote
