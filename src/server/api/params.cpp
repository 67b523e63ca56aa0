#include "server/api/params.hpp"

#include <charconv>

#include "util/error_codes.hpp"

namespace lote::server {

Result<long long> int_param(const RequestContext& ctx, const std::string& name, long long fallback,
                            long long lo, long long hi) {
    auto it = ctx.query.find(name);
    if (it == ctx.query.end() || it->second.empty()) return fallback;
    long long value = 0;
    const std::string& text = it->second;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value < lo || value > hi) {
        return fail("parameter '" + name + "' must be an integer from " + std::to_string(lo) +
                    " to " + std::to_string(hi))
            .coded(codes::field_out_of_range, {{"field", name}, {"min", lo}, {"max", hi}});
    }
    return value;
}

Result<std::string> required_param(const RequestContext& ctx, const std::string& name) {
    auto it = ctx.query.find(name);
    if (it == ctx.query.end() || it->second.empty()) {
        return fail("parameter '" + name + "' is required")
            .coded(codes::missing_field, {{"field", name}});
    }
    return it->second;
}

std::string text_param(const RequestContext& ctx, const std::string& name,
                       const std::string& fallback) {
    auto it = ctx.query.find(name);
    return it == ctx.query.end() ? fallback : it->second;
}

Result<bool> bool_param(const RequestContext& ctx, const std::string& name, bool fallback) {
    auto it = ctx.query.find(name);
    if (it == ctx.query.end() || it->second.empty()) return fallback;
    const std::string& v = it->second;
    if (v == "true" || v == "1" || v == "yes") return true;
    if (v == "false" || v == "0" || v == "no") return false;
    return fail("parameter '" + name + "' must be true or false")
        .coded(codes::invalid_field, {{"field", name}, {"expected", "boolean"}});
}

}  // namespace lote::server
