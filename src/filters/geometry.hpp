#pragma once
// Sizes of the steps that make an image of a new size, and the one check every such size goes
// through.
//
// How a step computes a size: in 64 bits (WantedSize), so that no parameter, however absurd,
// wraps around, then checked_size() BEFORE anything is allocated or any libvips operation is
// built. It refuses, by throwing SizeRefused with a message naming the step and the size:
//   - a side below one pixel (kind invalid): a size that rounds to 0 is the caller's to clamp
//     when the spec says so ("at least 1x1"), never silently;
//   - a side above libvips' limit, or more pixels than the limit in force (kind too_large).
// The limit in force is LoadOptions::max_pixels while process_image runs a task (it sets a
// PixelLimitScope on its thread), kMaxOutputPixels elsewhere. process_image turns a SizeRefused
// into that output's failure; the other outputs of the image go on.
//
// For a new step: `Size out = checked_size("lienzo", WantedSize{w + 2 * margin, h + 2 * margin});`
// with w, h and margin as std::int64_t (or whole_pixels(x) for a size computed in double).

#include <cstdint>
#include <string_view>
#include <vips/vips8>

#include "filters/params.hpp"
#include "util/result.hpp"

namespace lote {

// A checked size: each side 1..kMaxSide, the pixel count within the limit it was checked against.
struct Size {
    int width = 0;
    int height = 0;
    bool operator==(const Size&) const = default;
};

// A size as computed, not checked yet.
struct WantedSize {
    std::int64_t width = 0;
    std::int64_t height = 0;
    bool operator==(const WantedSize&) const = default;
};

// The default pixel limit of results, like that of inputs (Pillow's own limit).
inline constexpr std::uint64_t kMaxOutputPixels = 179'000'000;
// libvips' largest coordinate (VIPS_MAX_COORD): no image side may be longer.
inline constexpr std::int64_t kMaxSide = 10'000'000;

// A step refused because of the size it would make; a vips::VError so that code catching
// libvips' errors catches it too.
class SizeRefused : public vips::VError {
  public:
    explicit SizeRefused(Error error) : vips::VError(error.message), error_(std::move(error)) {}
    const Error& error() const { return error_; }

  private:
    Error error_;
};

// The pixel limit in force on this thread.
std::uint64_t pixel_limit();

// Sets the pixel limit of this thread for its lifetime (the previous one comes back after).
class PixelLimitScope {
  public:
    explicit PixelLimitScope(std::uint64_t max_pixels);
    ~PixelLimitScope();
    PixelLimitScope(const PixelLimitScope&) = delete;
    PixelLimitScope& operator=(const PixelLimitScope&) = delete;

  private:
    std::uint64_t previous_;
};

// `wanted` if it is a valid size within pixel_limit(); otherwise throws SizeRefused.
Size checked_size(std::string_view step, WantedSize wanted);
// The same as a value, against an explicit limit, for code that returns Results.
Result<Size> check_size(std::string_view step, WantedSize wanted, std::uint64_t max_pixels);

// A whole number of pixels computed in double (already rounded as the step's rule says), in
// 64 bits; NaN, infinities and values beyond any side become something checked_size refuses.
std::int64_t whole_pixels(double value);

inline WantedSize wanted_size_of(const vips::VImage& image) {
    return {image.width(), image.height()};
}

// redimensionar: trunc(w·p/100) × trunc(h·p/100), at least 1×1.
WantedSize percent_size(WantedSize input, double percent);
// ajustar: the largest size with the input's aspect ratio inside ancho × alto (either may be
// absent), at least 1×1; never larger than the input unless `ampliar` (or `solo_reducir=false`).
// The limiting side gets the box's exact value, the other side is rounded.
WantedSize fitted_size(WantedSize input, const Params& params);
// Lanczos3 resampling to exactly `target` (antialiased when shrinking).
vips::VImage resize_exactly(const vips::VImage& image, Size target);

}  // namespace lote
