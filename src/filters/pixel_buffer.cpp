#include "filters/pixel_buffer.hpp"

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

PixelsOut new_pixels(int width, int height, int bands) {
    VipsImage* raw = vips_image_new_memory();
    VipsInterpretation kind = bands >= 3 ? VIPS_INTERPRETATION_sRGB : VIPS_INTERPRETATION_B_W;
    vips_image_init_fields(raw, width, height, bands, VIPS_FORMAT_UCHAR, VIPS_CODING_NONE, kind,
                           1.0, 1.0);
    PixelsOut out;
    out.image = vips::VImage(raw);  // takes the reference
    if (vips_image_write_prepare(raw) != 0) {
        throw vips::VError();
    }
    out.width = width;
    out.height = height;
    out.bands = bands;
    out.data = static_cast<std::uint8_t*>(VIPS_IMAGE_ADDR(raw, 0, 0));
    return out;
}

}  // namespace lote
