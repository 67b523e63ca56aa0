#include "filters/params.hpp"

#include <stdexcept>

namespace lote {

namespace {

// Params are filled by Registry::validate, so a missing or mistyped value is a programming error
// (a filter asking for a parameter its schema does not declare), not a user's.
template <class T>
const T& typed_value(const std::map<std::string, ParamValue>& values, const std::string& id) {
    auto it = values.find(id);
    if (it == values.end()) {
        throw std::logic_error("parameter not present: " + id);
    }
    const T* value = std::get_if<T>(&it->second);
    if (value == nullptr) {
        throw std::logic_error("parameter of another type: " + id);
    }
    return *value;
}

}  // namespace

double Params::number(const std::string& id) const {
    auto it = values_.find(id);
    if (it != values_.end()) {
        if (const auto* whole = std::get_if<std::int64_t>(&it->second)) {
            return static_cast<double>(*whole);
        }
    }
    return typed_value<double>(values_, id);
}

std::int64_t Params::integer(const std::string& id) const {
    return typed_value<std::int64_t>(values_, id);
}

const std::string& Params::text(const std::string& id) const {
    return typed_value<std::string>(values_, id);
}

bool Params::boolean(const std::string& id) const {
    return typed_value<bool>(values_, id);
}

nlohmann::json Params::to_json() const {
    auto out = nlohmann::json::object();
    for (const auto& [id, value] : values_) {
        std::visit([&out, &id = id](const auto& v) { out[id] = v; }, value);
    }
    return out;
}

}  // namespace lote
