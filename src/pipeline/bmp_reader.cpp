#include "pipeline/bmp_reader.hpp"

#include <array>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace lote {

namespace {

constexpr std::size_t kFileHeaderSize = 14;
constexpr std::uint32_t kBiRgb = 0;
constexpr std::uint32_t kBiBitfields = 3;
constexpr std::uint32_t kBiAlphaBitfields = 6;
// No image side may be longer in libvips (VIPS_MAX_COORD); it also keeps every byte count below
// 2^48, so no size computed from a header can wrap.
constexpr std::int32_t kMaxBmpSide = 10'000'000;

std::uint32_t u32_at(const std::string& b, std::size_t at) {
    auto byte = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + i]));
    };
    return byte(0) | (byte(1) << 8) | (byte(2) << 16) | (byte(3) << 24);
}

std::uint16_t u16_at(const std::string& b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                      (static_cast<unsigned char>(b[at + 1]) << 8));
}

struct BmpLayout {
    BmpHeader header;
    std::uint32_t compression = kBiRgb;
    std::size_t dib_size = 0;
    std::size_t pixel_offset = 0;
    std::size_t palette_offset = 0;
    std::size_t palette_entry_size = 4;
    std::size_t palette_count = 0;
    std::array<std::uint32_t, 4> masks{};  // red, green, blue, alpha
};

// A channel mask of 8 contiguous bits becomes a shift; other masks (5-6-5, 10-bit) are refused.
bool mask_is_byte(std::uint32_t mask) {
    return mask == 0 || (std::popcount(mask) == 8 && (mask >> std::countr_zero(mask)) == 0xff);
}

Status read_masks(const std::string& b, BmpLayout& layout) {
    // Masks follow a 40-byte header, or sit inside the V2..V5 headers at the same place.
    std::size_t at = kFileHeaderSize + 40;
    std::size_t count = layout.compression == kBiAlphaBitfields || layout.dib_size >= 56 ? 4 : 3;
    if (b.size() < at + 4 * count) {
        return fail("truncated BMP header");
    }
    for (std::size_t i = 0; i < count; ++i) {
        layout.masks[i] = u32_at(b, at + 4 * i);
    }
    for (auto mask : layout.masks) {
        if (!mask_is_byte(mask)) {
            return fail("unsupported BMP channel masks (only 8 bits per channel are read)");
        }
    }
    if (layout.dib_size == 40) {
        layout.palette_offset += 4 * count;
    }
    return Status::success();
}

Status read_info_header(const std::string& b, BmpLayout& layout) {
    if (b.size() < kFileHeaderSize + 40) {
        return fail("truncated BMP header");
    }
    auto width = static_cast<std::int32_t>(u32_at(b, 18));
    auto height = static_cast<std::int32_t>(u32_at(b, 22));
    layout.header.bits = u16_at(b, 28);
    layout.compression = u32_at(b, 30);
    layout.palette_count = u32_at(b, 46);
    if (width <= 0 || height == 0 || height == INT32_MIN) {
        return fail("invalid BMP dimensions");
    }
    if (width > kMaxBmpSide || height > kMaxBmpSide || height < -kMaxBmpSide) {
        return fail(ErrorKind::too_large, "BMP dimensions " + std::to_string(width) + "x" +
                                              std::to_string(std::abs(height)) +
                                              " are beyond any image lote reads");
    }
    layout.header.width = width;
    layout.header.top_down = height < 0;
    layout.header.height = std::abs(height);
    return Status::success();
}

Status read_core_header(const std::string& b, BmpLayout& layout) {
    if (b.size() < kFileHeaderSize + 12) {
        return fail("truncated BMP header");
    }
    layout.header.width = u16_at(b, 18);
    layout.header.height = u16_at(b, 20);
    layout.header.bits = u16_at(b, 24);
    layout.palette_entry_size = 3;
    if (layout.header.width == 0 || layout.header.height == 0) {
        return fail("invalid BMP dimensions");
    }
    return Status::success();
}

Status check_supported(BmpLayout& layout) {
    int bits = layout.header.bits;
    bool palette = bits == 1 || bits == 4 || bits == 8;
    if (layout.compression == kBiRgb && (palette || bits == 24 || bits == 32)) {
        return Status::success();
    }
    if ((layout.compression == kBiBitfields || layout.compression == kBiAlphaBitfields) &&
        bits == 32) {
        return Status::success();
    }
    return fail("unsupported BMP kind (" + std::to_string(bits) + " bits, compression " +
                std::to_string(layout.compression) +
                "); lote reads uncompressed 1/4/8/24/32-bit BMP");
}

Result<BmpLayout> read_layout(const std::string& b) {
    BmpLayout layout;
    if (b.size() < kFileHeaderSize + 4 || b[0] != 'B' || b[1] != 'M') {
        return fail("not a BMP file");
    }
    layout.pixel_offset = u32_at(b, 10);
    layout.dib_size = u32_at(b, 14);
    Status header = layout.dib_size == 12   ? read_core_header(b, layout)
                    : layout.dib_size >= 40 ? read_info_header(b, layout)
                                            : Status(fail("unknown BMP header size"));
    if (!header) {
        return header.error();
    }
    layout.palette_offset = kFileHeaderSize + layout.dib_size;
    if (Status supported = check_supported(layout); !supported) {
        return fail(supported.message());
    }
    if (layout.compression != kBiRgb) {
        if (Status masks = read_masks(b, layout); !masks) {
            return fail(masks.message());
        }
    }
    return layout;
}

std::size_t row_stride(const BmpHeader& h) {
    return ((static_cast<std::size_t>(h.width) * static_cast<std::size_t>(h.bits) + 31) / 32) * 4;
}

using Rgba = std::array<unsigned char, 4>;

Result<std::vector<Rgba>> read_palette(const std::string& b, const BmpLayout& layout) {
    std::size_t count =
        layout.palette_count != 0 ? layout.palette_count : (std::size_t{1} << layout.header.bits);
    count = std::min<std::size_t>(count, 256);
    if (layout.palette_offset + count * layout.palette_entry_size > b.size()) {
        return fail("truncated BMP palette");
    }
    std::vector<Rgba> palette(256, Rgba{0, 0, 0, 255});
    for (std::size_t i = 0; i < count; ++i) {
        const auto* p = reinterpret_cast<const unsigned char*>(b.data() + layout.palette_offset +
                                                               i * layout.palette_entry_size);
        palette[i] = Rgba{p[2], p[1], p[0], 255};
    }
    return palette;
}

unsigned palette_index(const unsigned char* row, int x, int bits) {
    std::size_t bit = static_cast<std::size_t>(x) * static_cast<std::size_t>(bits);
    unsigned byte = row[bit / 8];
    unsigned shift = 8 - static_cast<unsigned>(bits) - static_cast<unsigned>(bit % 8);
    return (byte >> shift) & ((1u << bits) - 1);
}

unsigned char masked(std::uint32_t value, std::uint32_t mask) {
    return mask == 0 ? 255 : static_cast<unsigned char>((value & mask) >> std::countr_zero(mask));
}

// One source row into RGB(A) samples.
void decode_row(const unsigned char* src, unsigned char* out, const BmpLayout& layout,
                const std::vector<Rgba>& palette, int bands) {
    int bits = layout.header.bits;
    for (int x = 0; x < layout.header.width; ++x, out += bands) {
        if (bits <= 8) {
            const Rgba& c = palette[palette_index(src, x, bits)];
            std::memcpy(out, c.data(), 3);
        } else if (layout.compression == kBiRgb) {  // BGR or BGRX: the fourth byte is unused
            const unsigned char* p =
                src + static_cast<std::size_t>(x) * static_cast<std::size_t>(bits / 8);
            out[0] = p[2], out[1] = p[1], out[2] = p[0];
        } else {
            std::uint32_t v;
            std::memcpy(&v, src + 4 * static_cast<std::size_t>(x),
                        4);  // little-endian host (x86/arm64 Linux)
            for (int c = 0; c < bands; ++c) {
                out[c] = masked(v, layout.masks[static_cast<std::size_t>(c)]);
            }
        }
    }
}

}  // namespace

Result<BmpHeader> read_bmp_header(const std::string& bytes) {
    auto layout = read_layout(bytes);
    if (!layout) {
        return layout.error();
    }
    return layout->header;
}

Result<vips::VImage> decode_bmp(const std::string& bytes) {
    auto layout = read_layout(bytes);
    if (!layout) {
        return layout.error();
    }
    const BmpHeader& h = layout->header;
    std::size_t stride = row_stride(h);
    if (layout->pixel_offset > bytes.size() ||
        bytes.size() - layout->pixel_offset < stride * static_cast<std::size_t>(h.height)) {
        return fail("truncated BMP pixel data");
    }
    std::vector<Rgba> palette;
    if (h.bits <= 8) {
        auto read = read_palette(bytes, *layout);
        if (!read) {
            return fail(read.message());
        }
        palette = std::move(*read);
    }
    int bands = layout->compression != kBiRgb && layout->masks[3] != 0 ? 4 : 3;
    std::size_t out_stride = static_cast<std::size_t>(h.width) * static_cast<std::size_t>(bands);
    auto* pixels =
        static_cast<unsigned char*>(std::malloc(out_stride * static_cast<std::size_t>(h.height)));
    if (pixels == nullptr) {
        return fail("not enough memory for the BMP image");
    }
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data() + layout->pixel_offset);
    for (int y = 0; y < h.height; ++y) {
        int source_row = h.top_down ? y : h.height - 1 - y;
        decode_row(data + stride * static_cast<std::size_t>(source_row),
                   pixels + out_stride * static_cast<std::size_t>(y), *layout, palette, bands);
    }
    // The image takes the buffer and free()s it when it is closed.
    auto result =
        vips::VImage::new_from_memory_steal(pixels, out_stride * static_cast<std::size_t>(h.height),
                                            h.width, h.height, bands, VIPS_FORMAT_UCHAR);
    return result.copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

}  // namespace lote
