#pragma once
// The `logo` step's image, read and decoded once per job and shared by every image of it: the
// job's set-up loads it (refusing a missing, unreadable, non-image, wrong-format or oversized
// file before any work), the threads of the thread executor use that one copy, and each worker
// process decodes it on its first image and keeps it until the job ends with the process.
//
// What it keeps: 8-bit sRGB + alpha pixels in memory (an opaque logo gets an opaque alpha band;
// a logo with its own ICC profile is brought to sRGB), and the sized, coloured variants made
// for the images so far (a batch of same-width photos resizes the logo once).

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>
#include <vips/vips8>

#include "util/result.hpp"

namespace lote {

// A logo is a mark, not a photo: limits well below the inputs'.
inline constexpr std::uint64_t kMaxLogoBytes = 64ull * 1024 * 1024;
inline constexpr std::uint64_t kMaxLogoPixels = 40'000'000;

// What a variant is made for: its size, the image's colour bands (1: grey, 3: colour), the ICC
// profile its colours must be in (empty: sRGB), and the opacity.
struct LogoVariantKey {
    int width = 0;
    int height = 0;
    int colour_bands = 3;
    std::uint64_t profile = 0;  // digest of the image's profile, 0 = none
    double opacity = 1;
    bool operator==(const LogoVariantKey&) const = default;
};

class Logo {
  public:
    Logo(std::string path, std::string stamp, vips::VImage rgba)
        : path_(std::move(path)), stamp_(std::move(stamp)), rgba_(std::move(rgba)) {}

    const std::string& path() const { return path_; }
    // A digest of the file's bytes.
    const std::string& stamp() const { return stamp_; }
    int width() const { return rgba_.width(); }
    int height() const { return rgba_.height(); }
    // 8-bit sRGB + alpha, in memory.
    const vips::VImage& rgba() const { return rgba_; }

    // The variant made for `key` (straight alpha, `key.colour_bands` + alpha bands, in memory),
    // made once by `make` and kept (the last few).
    template <class Make>
    vips::VImage variant(const LogoVariantKey& key, Make make) const {
        {
            std::lock_guard lock(mutex_);
            for (const auto& [k, image] : variants_) {
                if (k == key) {
                    return image;
                }
            }
        }
        vips::VImage made = make();
        std::lock_guard lock(mutex_);
        if (variants_.size() >= kKeptVariants) {
            variants_.erase(variants_.begin());
        }
        variants_.emplace_back(key, made);
        return made;
    }

  private:
    static constexpr std::size_t kKeptVariants = 16;
    std::string path_;
    std::string stamp_;
    vips::VImage rgba_;
    mutable std::mutex mutex_;
    mutable std::vector<std::pair<LogoVariantKey, vips::VImage>> variants_;
};

using LogoRef = std::shared_ptr<const Logo>;

class LogoCache {
  public:
    static LogoCache& instance();

    // For a job's set-up: the logo at `path`, decoded again only when the file changed (size or
    // modification time) since it was last decoded. The message says what is wrong with the
    // file, without naming the step ("\"x.png\" does not exist").
    Result<LogoRef> load_fresh(const std::string& path);
    // For an image: the logo as last decoded, decoding it only the first time in this process.
    Result<LogoRef> find_or_load(const std::string& path);
    // How many times a logo was decoded in this process (for tests).
    std::uint64_t decodes() const;

  private:
    struct Entry {
        std::string path;
        std::uint64_t size = 0;
        std::int64_t mtime_ns = 0;
        LogoRef logo;
    };
    Result<LogoRef> load(const std::string& path, bool check_fresh);

    static constexpr std::size_t kKeptLogos = 8;
    mutable std::mutex mutex_;
    std::vector<Entry> entries_;  // most recently used last
    std::uint64_t decodes_ = 0;
};

}  // namespace lote
