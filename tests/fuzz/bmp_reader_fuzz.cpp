// The BMP reader: headers and pixel data of any shape, truncated or lying about their sizes.
#include "fuzz/fuzz_target.hpp"
#include "pipeline/bmp_reader.hpp"

LOTE_FUZZ_TARGET(bmp_reader) {
    lote::fuzz::start_libvips();
    std::string bytes(lote::fuzz::as_text(data, size));
    auto header = lote::read_bmp_header(bytes);
    auto image = lote::decode_bmp(bytes);
    if (image && !header) {
        __builtin_trap();  // pixels decoded from a file whose header was refused
    }
    if (image) {
        if (image->width() != header->width || image->height() != header->height) {
            __builtin_trap();
        }
        (void)image->copy_memory();  // every pixel read
    }
    return 0;
}
