#include "batch/chain_names.hpp"

#include <set>

namespace lote {

Status check_chain_name(const std::string& name) {
    if (name.empty()) {
        return fail("a chain needs a name");
    }
    if (name.front() == '.') {
        return fail("chain name \"" + name + "\" may not start with '.'");
    }
    for (char c : name) {
        if (c == '/' || c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) {
            return fail("chain name \"" + name +
                        "\" may not contain '/', '\\' or control characters");
        }
    }
    return {};
}

Status check_chain_names(const std::vector<Chain>& chains) {
    if (chains.empty()) {
        return fail("no filters given");
    }
    std::set<std::string> seen;
    for (const Chain& chain : chains) {
        if (Status ok = check_chain_name(chain.name); !ok) {
            return ok;
        }
        if (!seen.insert(chain.name).second) {
            return fail(
                "two outputs would be named \"" + chain.name +
                "\" (the same filter twice with other parameters?); give each chain its own name");
        }
    }
    return {};
}

}  // namespace lote
