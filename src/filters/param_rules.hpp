#pragma once
// Checking one parameter value against its ParamSpec, and the wording of the refusal.

#include <nlohmann/json.hpp>
#include <string>

#include "filters/params.hpp"
#include "util/result.hpp"

namespace lote {

// "a number with 0 < radio <= 100", "one of 90, 180, 270", ...
std::string allowed_values(const ParamSpec& spec);
// The value as the filter receives it, or the reason it is refused (naming filter and
// parameter, e.g. `blur: parameter "radio" must be a number with 0 < radio <= 100 (got 250)`).
Result<ParamValue> check_param(const std::string& filter_id, const ParamSpec& spec,
                               const nlohmann::json& given);
// Text typed on the command line, turned into the JSON type the schema expects when it reads
// as one (so "3" becomes 3 for a number); anything else stays a string and is then refused
// by check_param with the usual message.
nlohmann::json json_from_text(const ParamSpec& spec, const std::string& text);
// A JSON value shown in a message: short, and safe for any bytes.
std::string shown(const nlohmann::json& value);

}  // namespace lote
