#include "filters/chain_name.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "filters/param_rules.hpp"
#include "util/byte_text.hpp"
#include "util/error_codes.hpp"

namespace lote {

namespace {

// The name as a client may be sent it: bytes that are not UTF-8 become U+FFFD.
std::string as_valid_text(const std::string& name) {
    return nlohmann::json::parse(
               nlohmann::json(name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        .get<std::string>();
}

}  // namespace

Status check_chain_name(const std::string& name) {
    const auto bad = [&name](const char* why) {
        return fail(fmt::format("chain name {} {}", shown(nlohmann::json(name)), why))
            .coded(codes::invalid_chain_name, {{"chain", as_valid_text(name)}});
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
    if (name.front() == '.') {
        return bad("may not start with '.' (its folder would be hidden)");
    }
    if (name.find("..") != std::string::npos) {
        return bad("may not contain \"..\"");
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
