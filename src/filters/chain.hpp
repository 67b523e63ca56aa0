#pragma once
// Steps and chains: what one output of one image is made with. Giving several filters without a
// chain is a list of one-step chains named after their filter (the seed's behaviour).

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "filters/registry.hpp"

namespace lote {

struct Step {
    const FilterSpec* filter = nullptr;
    Params params;
};

struct Chain {
    std::string name;  // the output folder and file suffix
    std::vector<Step> steps;
};

// "blur:radio=3" or "blur" (defaults).
Result<Step> parse_step(std::string_view text);
// "ajustar:ancho=1600 | nitidez:factor=1.5 | marca_agua:texto=ACME"; name defaults to the
// filter ids joined by '+'.
Result<Chain> parse_chain(std::string_view text, std::string name = {});
// The protocol's {"nombre": ..., "pasos": [{"filtro": ..., "parametros": {...}}]}.
Result<Chain> chain_from_json(const nlohmann::json& j);
nlohmann::json chain_to_json(const Chain& chain);
// A one-step chain named after its filter id.
Chain single_filter_chain(Step step);
// A stable text that changes when and only when the chain's output would change.
std::string chain_fingerprint(const Chain& chain);
// Applies every step in order.
vips::VImage apply_chain(const vips::VImage& image, const Chain& chain);

}  // namespace lote
