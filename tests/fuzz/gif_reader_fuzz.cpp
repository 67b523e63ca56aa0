// lote's GIF reader (over giflib): screens, frames, palettes and LZW data of any shape.
#include "fuzz/fuzz_target.hpp"
#include "pipeline/gif_reader.hpp"

LOTE_FUZZ_TARGET(gif_reader) {
    lote::fuzz::start_libvips();
    lote::LoadOptions options;
    options.max_pixels = 4'000'000;  // a bound for the fuzzer's memory, checked like any limit
    for (bool accept : {false, true}) {
        options.accept_damaged = accept;
        auto image = lote::open_gif_bytes(lote::fuzz::as_text(data, size), options);
        if (!image) {
            continue;
        }
        try {
            (void)image->copy_memory();
        } catch (const vips::VError&) {
            if (accept) {
                __builtin_trap();  // damage is accepted: only what decodes, never an error
            }
        }
    }
    return 0;
}
