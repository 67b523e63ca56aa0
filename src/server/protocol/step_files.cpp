#include "server/protocol/step_files.hpp"

#include "filters/chain_resources.hpp"
#include "server/net/paths.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

Status confine_step_files(std::vector<Chain>& chains, const std::filesystem::path& input_root) {
    auto inside_root = [&input_root](const std::string& given) -> Result<std::string> {
        auto path = confine(input_root, given);
        if (!path) {
            Error refused = path.error();
            refused.kind = ErrorKind::refused;
            refused.message = "must be a file inside the input folder (" + path.message() + ")";
            if (refused.code.empty()) refused.code = codes::path_refused;
            return refused;
        }
        return path->string();
    };
    if (Status resolved = resolve_step_files(chains, inside_root); !resolved) {
        return resolved;
    }
    return prepare_chain_resources(chains);
}

}  // namespace lote::server
