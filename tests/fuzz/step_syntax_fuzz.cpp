// The step and chain syntax of the CLI and the job files ("ajustar:ancho=1600 | nitidez"), and
// the JSON form of chains: any text is a chain or a message, and every chain it makes can be
// written and read back to the same fingerprint.
#include <nlohmann/json.hpp>

#include "filters/chain.hpp"
#include "fuzz/fuzz_target.hpp"

LOTE_FUZZ_TARGET(step_syntax) {
    std::string_view text = lote::fuzz::as_text(data, size);
    auto chain = lote::parse_chain(text);
    if (chain) {
        nlohmann::json j = lote::chain_to_json(*chain);
        // Strict: a chain that was accepted holds only valid UTF-8.
        std::string dumped = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
        auto again = lote::chain_from_json(nlohmann::json::parse(dumped));
        if (!again || lote::chain_fingerprint(*again) != lote::chain_fingerprint(*chain)) {
            __builtin_trap();
        }
    }
    (void)lote::parse_step(text);
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_discarded()) {
        auto from_json = lote::chain_from_json(json);
        if (from_json) {
            (void)lote::chain_to_json(*from_json)
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
        }
    }
    return 0;
}
