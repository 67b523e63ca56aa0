#include "pipeline/init_image_io.hpp"

#include <cstdlib>
#include <mutex>
#include <vips/vips8>

namespace lote {

namespace {

void ignore_log_message(const gchar*, GLogLevelFlags, const gchar*, gpointer) {}

void apply_settings() {
    // Loaders libvips marks untrusted (ImageMagick, PDF, SVG, FITS, ...) parse complex formats with
    // a large attack surface; user uploads must never reach them. The loader allowlist in
    // load_image.cpp is a second fence.
    vips_block_untrusted_set(TRUE);
    // The operation cache would keep each decoded input alive after its outputs are written (a
    // batch never asks for the same load twice), and could hand back a file's old pixels after
    // the file was replaced under the same name.
    vips_cache_set_max(0);
    // libvips prints decoder warnings ("Premature end of JPEG file") on stderr; every failure
    // reaches the user as a result message instead, so the noise is hidden unless asked for.
    if (std::getenv("LOTE_VIPS_WARNINGS") == nullptr) {
        g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, ignore_log_message, nullptr);
    }
}

}  // namespace

void init_image_io() {
    static std::once_flag once;
    std::call_once(once, apply_settings);
}

}  // namespace lote
