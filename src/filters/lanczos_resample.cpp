#include "filters/lanczos_resample.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "filters/geometry.hpp"
#include "filters/pixel_buffer.hpp"
#include "filters/row_kernels.hpp"

namespace lote {

namespace {

constexpr int kPrecisionBits = kernels::kResamplePrecisionBits;
constexpr double kSupport = 3.0;
// Samples per column of a turned strip: enough for the kernel's vectors, small enough that the
// strip (input width × this) stays in the second-level cache.
constexpr int kStripSamples = 128;

double sinc(double x) {
    if (x == 0.0) {
        return 1.0;
    }
    x *= M_PI;
    return std::sin(x) / x;
}

double lanczos3(double x) {
    return (x >= -kSupport && x < kSupport) ? sinc(x) * sinc(x / kSupport) : 0.0;
}

// For each output position: the first input sample it reads and its fixed-point weights.
struct Taps {
    std::vector<int> first;
    std::vector<int> count;
    std::vector<std::int32_t> weights;  // `size` per output position
    int size = 0;
    const std::int32_t* of(int o) const { return &weights[static_cast<std::size_t>(o) * size]; }
};

Taps taps_for(int in_size, int out_size) {
    const double scale = static_cast<double>(in_size) / out_size;
    const double filter_scale = std::max(scale, 1.0);
    const double support = kSupport * filter_scale;
    Taps taps;
    taps.size = static_cast<int>(std::ceil(support)) * 2 + 1;
    taps.first.resize(out_size);
    taps.count.resize(out_size);
    taps.weights.assign(static_cast<std::size_t>(out_size) * taps.size, 0);
    std::vector<double> w(taps.size);
    for (int o = 0; o < out_size; ++o) {
        const double centre = (o + 0.5) * scale;
        const int first = std::max(0, static_cast<int>(centre - support + 0.5));
        const int count = std::min(static_cast<int>(centre + support + 0.5), in_size) - first;
        double total = 0;
        for (int k = 0; k < count; ++k) {
            w[k] = lanczos3((k + first - centre + 0.5) / filter_scale);
            total += w[k];
        }
        for (int k = 0; k < count; ++k) {
            const double normalised = total != 0.0 ? w[k] / total : w[k];
            const double fixed = normalised * (1 << kPrecisionBits);
            taps.weights[static_cast<std::size_t>(o) * taps.size + k] =
                static_cast<std::int32_t>(fixed < 0 ? fixed - 0.5 : fixed + 0.5);
        }
        taps.first[o] = first;
        taps.count[o] = count;
    }
    return taps;
}

// Each output line o = the weighted sum of `taps.count[o]` lines of `line_samples` samples,
// `in_stride` apart in `src` from line taps.first[o]; written `out_stride` apart into `dst`.
void resample_lines(const std::uint8_t* src, std::size_t in_stride, const Taps& taps,
                    std::size_t line_samples, std::uint8_t* dst, std::size_t out_stride) {
    std::vector<const std::uint8_t*> lines(taps.size);
    const int out_lines = static_cast<int>(taps.first.size());
    for (int o = 0; o < out_lines; ++o) {
        for (int k = 0; k < taps.count[o]; ++k) {
            lines[k] = src + static_cast<std::size_t>(taps.first[o] + k) * in_stride;
        }
        kernels::weighted_lines_run(lines.data(), taps.of(o), taps.count[o], line_samples,
                                    dst + static_cast<std::size_t>(o) * out_stride);
    }
}

// Copies one pixel; 3-byte pixels are moved as one 4-byte word where the caller allows a
// spare byte (`wide`): the stray byte lands where a later copy writes anyway.
template <int Bands>
inline void copy_pixel(std::uint8_t* __restrict to, const std::uint8_t* __restrict from, int b,
                       bool wide) {
    if constexpr (Bands == 3) {
        if (wide) {
            std::memcpy(to, from, 4);
            return;
        }
    }
    for (int c = 0; c < b; ++c) {
        to[c] = from[c];
    }
}

// A strip of `rows` rows turned on its side: `columns` holds, for each x, the pixels of the
// strip's rows at x one after the other (rows · Bands samples per column, plus one spare byte
// at the end). `Bands` 0 means `bands` at run time. Columns are written in order, so each
// pixel's stray fourth byte is overwritten by the next; the last column of a row reads its
// pixel exactly, never past the row.
template <int Bands>
void turn_strip(const std::uint8_t* strip, std::size_t row_stride, int width, int rows, int bands,
                std::uint8_t* columns) {
    const int b = Bands > 0 ? Bands : bands;
    std::uint8_t* out = columns;
    for (int x = 0; x < width; ++x) {
        const std::uint8_t* in = strip + static_cast<std::size_t>(x) * b;
        const bool wide = x + 1 < width;
        for (int r = 0; r < rows; ++r, out += b) {
            copy_pixel<Bands>(out, in + r * row_stride, b, wide);
        }
    }
}

// The inverse of turn_strip: columns of `rows` pixels back into rows of `width` pixels. A
// pixel's stray byte falls on the next pixel of its row, written later; the last pixel of a row
// is copied exactly.
template <int Bands>
void unturn_strip(const std::uint8_t* columns, int width, int rows, int bands, std::uint8_t* strip,
                  std::size_t row_stride) {
    const int b = Bands > 0 ? Bands : bands;
    const std::uint8_t* in = columns;
    for (int x = 0; x < width; ++x) {
        std::uint8_t* out = strip + static_cast<std::size_t>(x) * b;
        const bool wide = x + 1 < width;
        for (int r = 0; r < rows; ++r, in += b) {
            copy_pixel<Bands>(out + r * row_stride, in, b, wide);
        }
    }
}

using TurnFn = void (*)(const std::uint8_t*, std::size_t, int, int, int, std::uint8_t*);
using UnturnFn = void (*)(const std::uint8_t*, int, int, int, std::uint8_t*, std::size_t);

TurnFn turn_for(int bands) {
    switch (bands) {
        case 1:
            return turn_strip<1>;
        case 2:
            return turn_strip<2>;
        case 3:
            return turn_strip<3>;
        case 4:
            return turn_strip<4>;
        default:
            return turn_strip<0>;
    }
}

UnturnFn unturn_for(int bands) {
    switch (bands) {
        case 1:
            return unturn_strip<1>;
        case 2:
            return unturn_strip<2>;
        case 3:
            return unturn_strip<3>;
        case 4:
            return unturn_strip<4>;
        default:
            return unturn_strip<0>;
    }
}

// Rows of an 8-bit image read top to bottom through a region: pulling a strip computes only
// that strip of a lazy pipeline, in the calling thread.
class StripReader {
  public:
    explicit StripReader(vips::VImage image) : image_(std::move(image)) {
        region_ = vips_region_new(image_.get_image());
        if (region_ == nullptr) {
            throw vips::VError();
        }
    }
    ~StripReader() { g_object_unref(region_); }
    StripReader(const StripReader&) = delete;
    StripReader& operator=(const StripReader&) = delete;

    const std::uint8_t* rows(int y, int count) {
        VipsRect rect{0, y, image_.width(), count};
        if (vips_region_prepare(region_, &rect) != 0) {
            throw vips::VError();
        }
        return reinterpret_cast<const std::uint8_t*>(VIPS_REGION_ADDR(region_, 0, y));
    }
    std::size_t stride() const { return VIPS_REGION_LSKIP(region_); }

  private:
    vips::VImage image_;
    VipsRegion* region_ = nullptr;
};

// Rows already in memory, `stride` bytes apart, read as strips the same way.
struct RowsInMemory {
    const std::uint8_t* data;
    std::size_t row_stride;
    const std::uint8_t* rows(int y, int) const { return data + y * row_stride; }
    std::size_t stride() const { return row_stride; }
};

// The row pass over the whole image, strip by strip; `dst` gets in_height rows of out_width.
template <typename Source>
void resample_rows(Source& reader, int in_width, int in_height, int bands, std::uint8_t* dst,
                   int out_width) {
    const Taps taps = taps_for(in_width, out_width);
    const int strip_rows = std::max(1, kStripSamples / bands);
    const std::size_t out_row = static_cast<std::size_t>(out_width) * bands;
    // One spare byte each for the 4-byte moves of turn_strip and unturn_strip.
    std::vector<std::uint8_t> columns(static_cast<std::size_t>(in_width) * strip_rows * bands + 1);
    std::vector<std::uint8_t> reduced(static_cast<std::size_t>(out_width) * strip_rows * bands + 1);
    const TurnFn turn = turn_for(bands);
    const UnturnFn unturn = unturn_for(bands);
    for (int y = 0; y < in_height; y += strip_rows) {
        const int rows = std::min(strip_rows, in_height - y);
        const std::size_t column_samples = static_cast<std::size_t>(rows) * bands;
        const std::uint8_t* strip = reader.rows(y, rows);  // before stride(): it prepares
        turn(strip, reader.stride(), in_width, rows, bands, columns.data());
        resample_lines(columns.data(), column_samples, taps, column_samples, reduced.data(),
                       column_samples);
        unturn(reduced.data(), out_width, rows, bands, dst + y * out_row, out_row);
    }
}

void copy_rows(StripReader& reader, int height, std::size_t row_bytes, std::uint8_t* dst) {
    constexpr int kRows = 64;
    for (int y = 0; y < height; y += kRows) {
        const int rows = std::min(kRows, height - y);
        const std::uint8_t* src = reader.rows(y, rows);
        for (int r = 0; r < rows; ++r) {
            std::memcpy(dst + (y + r) * row_bytes, src + r * reader.stride(), row_bytes);
        }
    }
}

// The same resampling with the passes swapped (the 8-bit rounding between them differs, by at
// most one level), over the whole input in memory.
vips::VImage resample_columns_first(const vips::VImage& source, int width, int height) {
    PixelsIn in = read_pixels(source);
    const int bands = in.bands;
    const std::size_t in_row = in.row_bytes();
    std::unique_ptr<std::uint8_t[]> between;
    const std::uint8_t* columns = in.data;
    if (height != in.height) {
        between = std::make_unique_for_overwrite<std::uint8_t[]>(in_row * height);
        resample_lines(in.data, in_row, taps_for(in.height, height), in_row, between.get(), in_row);
        columns = between.get();
    }
    PixelsOut out = new_pixels(width, height, bands);
    if (width == in.width) {
        std::memcpy(out.data, columns, in_row * height);
    } else {
        RowsInMemory rows{columns, in_row};
        resample_rows(rows, in.width, height, bands, out.data, width);
    }
    return out.image;
}

}  // namespace

vips::VImage lanczos3_resample(const vips::VImage& image, int width, int height) {
    vips::VImage source =
        image.format() == VIPS_FORMAT_UCHAR ? image : image.cast(VIPS_FORMAT_UCHAR);
    const int bands = source.bands();
    const int in_width = source.width();
    const int in_height = source.height();
    // Rows first, as Pillow does; its intermediate image is width × the input's height. When that
    // is over the pixel limit (a wide, short result from a tall input), columns go first: that
    // intermediate is then at most as large as the result.
    const auto rows_first_pixels = static_cast<std::uint64_t>(width) * in_height;
    const auto columns_first_pixels = static_cast<std::uint64_t>(in_width) * height;
    if (rows_first_pixels > pixel_limit() && columns_first_pixels < rows_first_pixels) {
        return resample_columns_first(source, width, height);
    }
    const std::size_t row_bytes = static_cast<std::size_t>(width) * bands;
    PixelsOut out = new_pixels(width, height, bands);
    // Without a column pass the row pass writes straight into the result. The buffer between
    // the passes is left uninitialised: the row pass writes all of it (clearing ~10 MB per
    // 24 MP web export cost 5 % of the batch).
    std::unique_ptr<std::uint8_t[]> between;
    std::uint8_t* rows = out.data;
    if (height != in_height) {
        between = std::make_unique_for_overwrite<std::uint8_t[]>(row_bytes * in_height);
        rows = between.get();
    }
    StripReader reader(source);
    if (width == in_width) {
        copy_rows(reader, in_height, row_bytes, rows);
    } else {
        resample_rows(reader, in_width, in_height, bands, rows, width);
    }
    if (height != in_height) {
        resample_lines(rows, row_bytes, taps_for(in_height, height), row_bytes, out.data,
                       row_bytes);
    }
    return out.image;
}

}  // namespace lote
