#include "filters/box_rows.hpp"

#include <cstring>
#include <vector>

#include "filters/row_kernels.hpp"

namespace lote {

namespace {

// Per channel, out[i] = the sum of in[j] for j <= i of that channel (pixels of `Channels`).
template <int Channels>
void prefix_sums(const std::uint8_t* in, std::size_t pixels, std::uint32_t* out) {
    std::uint32_t total[Channels] = {};
    for (std::size_t p = 0; p < pixels; ++p, in += Channels, out += Channels) {
        for (int c = 0; c < Channels; ++c) {
            total[c] += in[c];
            out[c] = total[c];
        }
    }
}

void prefix_sums(const std::uint8_t* in, std::size_t pixels, int channels, std::uint32_t* out) {
    switch (channels) {
        case 1:
            prefix_sums<1>(in, pixels, out);
            break;
        case 2:
            prefix_sums<2>(in, pixels, out);
            break;
        case 3:
            prefix_sums<3>(in, pixels, out);
            break;
        default:
            prefix_sums<4>(in, pixels, out);
            break;
    }
}

// The scratch of one row's passes. The row is copied with a margin of m = whole+1 edge pixels on
// each side; `prefix` holds one pixel of zeros, then the prefix sums of the padded row, so for
// output sample i (pixel x, channel c) the window of padded pixels x+1 .. x+2·whole+1 sums to
// prefix[i + 2mC] − prefix[i + C], and the fractional neighbours are padded[i], padded[i + 2mC].
class RowPasses {
  public:
    RowPasses(int width, int channels, const ExtendedBox& box)
        : width_(width),
          channels_(channels),
          margin_(box.whole + 1),
          box_(box),
          padded_(static_cast<std::size_t>(width + 2 * margin_) * channels),
          prefix_(padded_.size() + channels, 0) {}

    // One pass over a packed row of `width` pixels, in place.
    void blur(std::uint8_t* row) {
        pad(row);
        prefix_sums(padded_.data(), padded_.size() / channels_, channels_,
                    prefix_.data() + channels_);
        const std::size_t span = static_cast<std::size_t>(2 * margin_) * channels_;
        kernels::box_window_run(prefix_.data() + span, prefix_.data() + channels_, padded_.data(),
                                padded_.data() + span, static_cast<std::size_t>(width_) * channels_,
                                box_.weight, box_.fraction, row);
    }

  private:
    void pad(const std::uint8_t* row) {
        const std::size_t c = channels_;
        const std::size_t m = margin_;
        const std::uint8_t* last = row + (width_ - 1) * c;
        for (std::size_t i = 0; i < m; ++i) {
            std::memcpy(&padded_[i * c], row, c);
            std::memcpy(&padded_[(m + width_ + i) * c], last, c);
        }
        std::memcpy(&padded_[m * c], row, width_ * c);
    }

    std::size_t width_;
    int channels_;
    int margin_;
    const ExtendedBox& box_;
    std::vector<std::uint8_t> padded_;
    std::vector<std::uint32_t> prefix_;
};

// The colour samples of one source row, packed.
void pack_row(const std::uint8_t* src, int width, int stride, int channels, std::uint8_t* dst) {
    if (stride == channels) {
        std::memcpy(dst, src, static_cast<std::size_t>(width) * channels);
        return;
    }
    for (int x = 0; x < width; ++x) {
        std::memcpy(dst + x * channels, src + x * stride, channels);
    }
}

}  // namespace

void blur_rows_thrice(const std::uint8_t* src, int width, int height, int stride, int channels,
                      const ExtendedBox& box, std::uint8_t* dst) {
    RowPasses passes(width, channels, box);
    const std::size_t src_row = static_cast<std::size_t>(width) * stride;
    const std::size_t dst_row = static_cast<std::size_t>(width) * channels;
    for (int y = 0; y < height; ++y) {
        std::uint8_t* row = dst + dst_row * y;
        pack_row(src + src_row * y, width, stride, channels, row);
        for (int pass = 0; pass < 3; ++pass) {
            passes.blur(row);
        }
    }
}

}  // namespace lote
