#include "filters/pixel_buffer.hpp"

#include <new>
#include <stdexcept>

namespace lote {

PixelsIn read_pixels(const vips::VImage& image) {
    vips::VImage source = image;
    if (source.format() != VIPS_FORMAT_UCHAR) {
        source = source.cast(VIPS_FORMAT_UCHAR);
    }
    PixelsIn in;
    in.image = source.copy_memory();
    in.width = in.image.width();
    in.height = in.image.height();
    in.bands = in.image.bands();
    in.data = static_cast<const std::uint8_t*>(VIPS_IMAGE_ADDR(in.image.get_image(), 0, 0));
    return in;
}

namespace {

void free_pixels(VipsImage*, gpointer buffer) {
    g_free(buffer);
}

}  // namespace

// The buffer is allocated here rather than by vips_image_write_prepare, which clears it: every
// filter overwrites all of its output, so clearing would only add a pass over the memory. The
// image owns the buffer and frees it when it closes.
// Memory that is not there (a worker's memory ceiling, a huge result) is a failure of this image
// (std::bad_alloc), not an abort of the process as g_malloc would make it.
PixelsOut new_pixels(int width, int height, int bands) {
    if (width < 1 || height < 1 || bands < 1) {
        throw std::invalid_argument("new_pixels: no such size");
    }
    const std::size_t bytes =
        static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * bands;
    auto* buffer = static_cast<std::uint8_t*>(g_try_malloc(bytes));
    if (buffer == nullptr) {
        throw std::bad_alloc();
    }
    VipsImage* raw =
        vips_image_new_from_memory(buffer, bytes, width, height, bands, VIPS_FORMAT_UCHAR);
    if (raw == nullptr) {
        g_free(buffer);
        throw vips::VError();
    }
    g_signal_connect(raw, "postclose", G_CALLBACK(free_pixels), buffer);
    raw->Type = bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
    PixelsOut out;
    out.image = vips::VImage(raw);  // takes the reference
    out.width = width;
    out.height = height;
    out.bands = bands;
    out.data = buffer;
    return out;
}

}  // namespace lote
