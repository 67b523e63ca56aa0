#include "pipeline/init_image_io.hpp"

#include <cstdlib>
#include <mutex>
#include <vips/vips8>

#include "pipeline/image_diagnostics.hpp"

namespace lote {

namespace {

void apply_settings() {
    // Loaders libvips marks untrusted (ImageMagick, PDF, SVG, FITS, ...) parse complex formats with
    // a large attack surface; user uploads must never reach them. The loader allowlist in
    // load_image.cpp is a second fence.
    vips_block_untrusted_set(TRUE);
    // The operation cache would keep each decoded input alive after its outputs are written (a
    // batch never asks for the same load twice), and could hand back a file's old pixels after
    // the file was replaced under the same name.
    vips_cache_set_max(0);
    // libvips prints decoder warnings ("read gave 2 warnings") on stderr; they go to the log of
    // the image they are about instead (shown on stderr too with LOTE_VIPS_WARNINGS set).
    listen_to_libvips_warnings();
}

}  // namespace

void init_image_io() {
    static std::once_flag once;
    std::call_once(once, apply_settings);
}

}  // namespace lote
