#pragma once
// Damaged image files for the tests, each of a different kind with a reason of its own.

#include <string>
#include <vips/vips8>

namespace lote::testing {

inline std::string encoded(const vips::VImage& image, const char* suffix) {
    void* buffer = nullptr;
    std::size_t length = 0;
    image.write_to_buffer(suffix, &buffer, &length);
    std::string bytes(static_cast<const char*>(buffer), length);
    g_free(buffer);
    return bytes;
}

inline vips::VImage noisy_picture(int width, int height) {
    vips::VImage noise =
        vips::VImage::gaussnoise(width, height, vips::VImage::option()->set("sigma", 60.0));
    return noise.bandjoin(noise.rot180().flip(VIPS_DIRECTION_HORIZONTAL))
        .bandjoin(noise + 40)
        .cast(VIPS_FORMAT_UCHAR)
        .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

// A JPEG cut in the middle of its scan.
inline std::string truncated_jpeg() {
    std::string whole = encoded(noisy_picture(640, 480), ".jpg");
    return whole.substr(0, whole.size() / 2);
}

// A PNG cut in the middle of its pixel data.
inline std::string truncated_png() {
    std::string whole = encoded(noisy_picture(400, 300), ".png");
    return whole.substr(0, whole.size() / 2);
}

// A complete, valid-looking JPEG whose header declares 13000 x 13000 pixels but whose scan holds
// a 16 x 16 picture: libjpeg reaches the end marker far too early ("premature end of data
// segment") and, left alone, libvips fills the rest with grey.
inline std::string jpeg_with_almost_no_scan() {
    std::string bytes = encoded(noisy_picture(16, 16), ".jpg");
    const std::size_t sof = bytes.find("\xFF\xC0");
    if (sof == std::string::npos) return {};
    bytes[sof + 5] = static_cast<char>(13000 >> 8);
    bytes[sof + 6] = static_cast<char>(13000 & 0xFF);
    bytes[sof + 7] = static_cast<char>(13000 >> 8);
    bytes[sof + 8] = static_cast<char>(13000 & 0xFF);
    return bytes;
}

// A good JPEG with junk before its end marker: libjpeg warns ("12 extraneous bytes before marker
// 0xd9") and decodes it whole. A harmless oddity: it succeeds, and its warning is nobody's reason.
inline std::string jpeg_with_extraneous_bytes() {
    std::string bytes = encoded(noisy_picture(320, 240), ".jpg");
    bytes.insert(bytes.size() - 2, std::string(12, '\x01'));
    return bytes;
}

}  // namespace lote::testing
