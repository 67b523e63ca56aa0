#include "batch/chain_names.hpp"

#include <set>

#include "util/error_codes.hpp"

namespace lote {

Status check_chain_names(const std::vector<Chain>& chains) {
    if (chains.empty()) {
        return fail("no filters given").coded(codes::no_filters);
    }
    std::set<std::string> seen;
    for (const Chain& chain : chains) {
        if (Status ok = check_chain_name(chain.name); !ok) {
            return ok;
        }
        if (!seen.insert(chain.name).second) {
            return fail("two outputs would be named \"" + chain.name +
                        "\" (the same filter twice with other parameters?); give each chain its "
                        "own name")
                .coded(codes::output_name_repeated, {{"name", chain.name}});
        }
    }
    return {};
}

}  // namespace lote
