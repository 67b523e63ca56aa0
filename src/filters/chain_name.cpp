#include "filters/chain_name.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "filters/param_rules.hpp"
#include "util/byte_text.hpp"

namespace lote {

Status check_chain_name(const std::string& name) {
    const auto bad = [&name](const char* why) {
        return fail(fmt::format("chain name {} {}", shown(nlohmann::json(name)), why));
    };
    if (name.empty()) {
        return bad("is empty");
    }
    if (name.size() > kMaxChainName) {
        return bad(fmt::format("is longer than {} characters", kMaxChainName).c_str());
    }
    if (!is_valid_utf8(name)) {
        return bad("is not valid UTF-8");
    }
    if (name == "." || name.find("..") != std::string::npos) {
        return bad("may not be \".\" or contain \"..\"");
    }
    const bool unsafe = std::any_of(name.begin(), name.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return c == '/' || c == '\\' || u < 0x20 || u == 0x7f;
    });
    if (unsafe) {
        return bad("may not contain '/', '\\' or control characters");
    }
    return Status::success();
}

}  // namespace lote
