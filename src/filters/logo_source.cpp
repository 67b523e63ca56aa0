#include "filters/logo_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

namespace lote {

namespace fs = std::filesystem;

namespace {

struct FileFacts {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
};

std::string quoted(const std::string& path) {
    return "\"" + path + "\"";
}

Result<FileFacts> file_facts(const std::string& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
        return fail(ErrorKind::not_found, quoted(path) + " does not exist");
    }
    if (ec) {
        return fail(ErrorKind::io, quoted(path) + " cannot be read: " + ec.message());
    }
    if (status.type() == fs::file_type::directory) {
        return fail(quoted(path) + " is a folder, not an image");
    }
    if (status.type() != fs::file_type::regular) {
        return fail(quoted(path) + " is not a regular file");
    }
    FileFacts facts;
    facts.size = fs::file_size(path, ec);
    const auto mtime = fs::last_write_time(path, ec);
    if (ec) {
        return fail(ErrorKind::io, quoted(path) + " cannot be read: " + ec.message());
    }
    facts.mtime_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
    if (facts.size == 0) {
        return fail(ErrorKind::corrupt, quoted(path) + " is empty");
    }
    if (facts.size > kMaxLogoBytes) {
        return fail(ErrorKind::too_large,
                    fmt::format("{} is {} bytes, more than a logo's limit of {} MiB", quoted(path),
                                facts.size, kMaxLogoBytes / (1024 * 1024)));
    }
    return facts;
}

Result<std::string> file_bytes(const std::string& path, std::uint64_t size) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return fail(ErrorKind::io, quoted(path) + " cannot be read: " + std::strerror(errno));
    }
    std::string bytes(size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uint64_t>(in.gcount()) != size) {
        return fail(ErrorKind::io, quoted(path) + " cannot be read in full");
    }
    return bytes;
}

// FNV-1a, 64 bits: stable across processes and runs, enough to notice a changed file.
std::string digest_of(const std::string& bytes) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : bytes) {
        h = (h ^ c) * 1099511628211ull;
    }
    return fmt::format("{:016x}", h);
}

bool starts_with(const std::string& bytes, std::string_view prefix, std::size_t at = 0) {
    return bytes.size() >= at + prefix.size() && bytes.compare(at, prefix.size(), prefix) == 0;
}

// The name of another image format the bytes are in, or empty.
std::string other_image_format(const std::string& bytes) {
    if (starts_with(bytes, "\xFF\xD8\xFF")) return "JPEG";
    if (starts_with(bytes, "GIF8")) return "GIF";
    if (starts_with(bytes, "BM")) return "BMP";
    if (starts_with(bytes, std::string_view("II*\0", 4)) ||
        starts_with(bytes, std::string_view("MM\0*", 4)))
        return "TIFF";
    if (starts_with(bytes, "ftyp", 4)) return "HEIF/AVIF";
    return "";
}

Status check_format(const std::string& path, const std::string& bytes) {
    if (starts_with(bytes, "\x89PNG\r\n\x1a\n") ||
        (starts_with(bytes, "RIFF") && starts_with(bytes, "WEBP", 8))) {
        return Status::success();
    }
    const std::string other = other_image_format(bytes);
    if (!other.empty()) {
        return fail(ErrorKind::unsupported,
                    quoted(path) + " is a " + other +
                        " image; a logo must be a PNG or WebP file (they keep transparency)");
    }
    return fail(ErrorKind::unsupported, quoted(path) + " is not a PNG or WebP image");
}

std::string first_line(const char* text) {
    std::string s(text);
    const auto end = s.find('\n');
    return end == std::string::npos ? s : s.substr(0, end);
}

bool has_profile(const vips::VImage& image) {
    return image.get_typeof(VIPS_META_ICC_NAME) != 0;
}

// 8-bit sRGB + alpha, whatever the file held (grey, palette, 16-bit, its own ICC profile).
vips::VImage srgb_with_alpha(vips::VImage image) {
    const bool colour = image.bands() >= 3;
    if (colour && has_profile(image)) {
        try {
            image = image.icc_transform(
                "srgb", vips::VImage::option()->set("embedded", true)->set("depth", 8));
        } catch (const vips::VError&) {
            // A broken profile: the samples are taken as sRGB, as a browser would.
        }
    }
    if (image.interpretation() != VIPS_INTERPRETATION_sRGB || image.format() != VIPS_FORMAT_UCHAR) {
        image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    }
    if (image.format() != VIPS_FORMAT_UCHAR) {
        image = image.cast(VIPS_FORMAT_UCHAR);
    }
    if (image.bands() == 3) {
        image = image.bandjoin_const({255});
    } else if (image.bands() > 4) {
        image = image.extract_band(0, vips::VImage::option()->set("n", 4));
    }
    vips::VImage out = image.copy_memory();
    vips_image_remove(out.get_image(), VIPS_META_ICC_NAME);
    return out;
}

Result<vips::VImage> decode(const std::string& path, const std::string& bytes) {
    try {
        vips::VImage opened = vips::VImage::new_from_buffer(
            bytes.data(), bytes.size(), "",
            vips::VImage::option()->set("fail_on", VIPS_FAIL_ON_ERROR));
        const auto pixels = static_cast<std::uint64_t>(opened.width()) *
                            static_cast<std::uint64_t>(opened.height());
        if (pixels > kMaxLogoPixels) {
            return fail(
                ErrorKind::too_large,
                fmt::format("{} is {}x{} = {} pixels, more than a logo's limit of {}", quoted(path),
                            opened.width(), opened.height(), pixels, kMaxLogoPixels));
        }
        return srgb_with_alpha(opened);  // in memory: `bytes` may go now
    } catch (const vips::VError& e) {
        const std::string reason = first_line(e.what());
        return fail(ErrorKind::corrupt, quoted(path) + " cannot be decoded" +
                                            (reason.empty() ? "" : " (" + reason + ")"));
    }
}

}  // namespace

LogoCache& LogoCache::instance() {
    static LogoCache cache;
    return cache;
}

Result<LogoRef> LogoCache::load_fresh(const std::string& path) {
    return load(path, true);
}

Result<LogoRef> LogoCache::find_or_load(const std::string& path) {
    return load(path, false);
}

std::uint64_t LogoCache::decodes() const {
    std::lock_guard lock(mutex_);
    return decodes_;
}

Result<LogoRef> LogoCache::load(const std::string& path, bool check_fresh) {
    // One lock for the whole load: a logo is decoded once, however many threads ask at once.
    std::lock_guard lock(mutex_);
    auto found = std::find_if(entries_.begin(), entries_.end(),
                              [&path](const Entry& e) { return e.path == path; });
    std::optional<FileFacts> facts;
    if (found != entries_.end() && check_fresh) {
        auto now = file_facts(path);
        if (!now) {
            entries_.erase(found);
            return now.error();
        }
        facts = *now;
    }
    if (found != entries_.end() &&
        (!facts || (facts->size == found->size && facts->mtime_ns == found->mtime_ns))) {
        Entry entry = std::move(*found);
        entries_.erase(found);
        entries_.push_back(std::move(entry));
        return entries_.back().logo;
    }
    if (found != entries_.end()) {
        entries_.erase(found);
    }
    if (!facts) {
        auto now = file_facts(path);
        if (!now) {
            return now.error();
        }
        facts = *now;
    }
    auto bytes = file_bytes(path, facts->size);
    if (!bytes) {
        return bytes.error();
    }
    if (Status format = check_format(path, *bytes); !format) {
        return format.error();
    }
    auto pixels = decode(path, *bytes);
    ++decodes_;
    if (!pixels) {
        return pixels.error();
    }
    auto logo = std::make_shared<const Logo>(path, digest_of(*bytes), std::move(*pixels));
    if (entries_.size() >= kKeptLogos) {
        entries_.erase(entries_.begin());
    }
    entries_.push_back({path, facts->size, facts->mtime_ns, logo});
    return LogoRef(logo);
}

}  // namespace lote
