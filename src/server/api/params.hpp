#pragma once
// Query parameters of the HTTP API, checked: a bad value is a 400 naming the parameter.

#include <cstddef>
#include <optional>
#include <string>

#include "server/net/router.hpp"
#include "util/result.hpp"

namespace lote::server {

// An integer in [lo, hi], or `fallback` when absent or empty.
Result<long long> int_param(const RequestContext& ctx, const std::string& name, long long fallback,
                            long long lo, long long hi);
// A required text parameter: missing_field when absent or empty.
Result<std::string> required_param(const RequestContext& ctx, const std::string& name);
// The parameter's text, or `fallback` when absent.
std::string text_param(const RequestContext& ctx, const std::string& name,
                       const std::string& fallback = {});
// "true"/"1"/"yes" or "false"/"0"/"no" (absent: `fallback`).
Result<bool> bool_param(const RequestContext& ctx, const std::string& name, bool fallback);

}  // namespace lote::server
