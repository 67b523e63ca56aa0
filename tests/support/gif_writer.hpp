#pragma once
// GIF files for the tests, written with giflib's encoder: exact frames, places, palettes,
// transparency and interlacing, without a colour quantiser in between.

#include <gif_lib.h>

#include <array>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lote::testing {

struct GifFrameSpec {
    int left = 0;
    int top = 0;
    int width = 0;
    int height = 0;
    bool interlaced = false;
    int transparent = -1;                    // the transparent index, -1 for none
    std::function<int(int x, int y)> index;  // the palette index of a frame pixel
};

// Palette entry i of every test GIF.
inline std::array<unsigned char, 3> test_gif_colour(int i) {
    return {static_cast<unsigned char>(i), static_cast<unsigned char>(255 - i),
            static_cast<unsigned char>((i * 7) % 256)};
}

inline void write_gif(const std::string& path, int screen_width, int screen_height,
                      const std::vector<GifFrameSpec>& frames) {
    int error = 0;
    GifFileType* gif = EGifOpenFileName(path.c_str(), false, &error);
    if (gif == nullptr) throw std::runtime_error("cannot write " + path);
    std::vector<GifColorType> colours(256);
    for (int i = 0; i < 256; ++i) {
        auto c = test_gif_colour(i);
        colours[static_cast<std::size_t>(i)] = GifColorType{c[0], c[1], c[2]};
    }
    ColorMapObject* map = GifMakeMapObject(256, colours.data());
    EGifSetGifVersion(gif, true);
    bool ok = EGifPutScreenDesc(gif, screen_width, screen_height, 8, 0, map) == GIF_OK;
    for (const GifFrameSpec& frame : frames) {
        GraphicsControlBlock control{DISPOSAL_UNSPECIFIED, false, 10, frame.transparent};
        GifByteType extension[4];
        EGifGCBToExtension(&control, extension);
        ok = ok && EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, extension) == GIF_OK;
        ok = ok && EGifPutImageDesc(gif, frame.left, frame.top, frame.width, frame.height,
                                    frame.interlaced, nullptr) == GIF_OK;
        std::vector<int> rows;
        if (frame.interlaced) {
            for (auto [start, step] : {std::pair{0, 8}, {4, 8}, {2, 4}, {1, 2}}) {
                for (int y = start; y < frame.height; y += step) rows.push_back(y);
            }
        } else {
            for (int y = 0; y < frame.height; ++y) rows.push_back(y);
        }
        std::vector<GifPixelType> line(static_cast<std::size_t>(frame.width));
        for (int y : rows) {
            for (int x = 0; x < frame.width; ++x) {
                line[static_cast<std::size_t>(x)] = static_cast<GifPixelType>(frame.index(x, y));
            }
            ok = ok && EGifPutLine(gif, line.data(), frame.width) == GIF_OK;
        }
    }
    GifFreeMapObject(map);
    ok = EGifCloseFile(gif, &error) == GIF_OK && ok;
    if (!ok) throw std::runtime_error("cannot write " + path);
}

// One opaque frame covering the screen.
inline void write_plain_gif(const std::string& path, int width, int height,
                            const std::function<int(int, int)>& index) {
    write_gif(path, width, height, {{0, 0, width, height, false, -1, index}});
}

}  // namespace lote::testing
