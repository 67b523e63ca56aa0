// Output name templates (--name, a preset's `plantilla`): any text is a template or a reason, and
// a template that was accepted gives, for any photo, a non-empty file name without a folder
// separator that its own pattern recognises (what the next run uses to find its outputs).
#include <string>

#include "batch/output_naming.hpp"
#include "fuzz/fuzz_target.hpp"

LOTE_FUZZ_TARGET(name_template) {
    auto parsed = lote::parse_name_template(lote::fuzz::as_text(data, size));
    if (!parsed) {
        return 0;
    }
    lote::NameContext context{"IMG_0001 copia", "grises", 7, "JPG", ".jpg"};
    for (bool slug : {false, true}) {
        lote::NamePattern pattern = lote::bind_name(*parsed, context, slug);
        std::string name = lote::render_name(pattern, {"2024-05-01", 1600, 1067});
        if (name.empty() || name.find('/') != std::string::npos ||
            !lote::name_matches(pattern, name)) {
            __builtin_trap();
        }
        auto again = lote::name_pattern_from_json(lote::to_json(pattern));
        if (!again || lote::render_name(*again, {"2024-05-01", 1600, 1067}) != name) {
            __builtin_trap();
        }
    }
    return 0;
}
