#include "pipeline/image_diagnostics.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace lote {

namespace {

thread_local ImageDiagnostics* working_for = nullptr;

// Sets the log a thread works for, for one call of libvips' work on it.
class WorkingFor {
  public:
    explicit WorkingFor(ImageDiagnostics* log) : previous_(working_for) { working_for = log; }
    ~WorkingFor() { working_for = previous_; }
    WorkingFor(const WorkingFor&) = delete;
    WorkingFor& operator=(const WorkingFor&) = delete;

  private:
    ImageDiagnostics* previous_;
};

std::string first_line_of(const std::string& text) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        auto end = line.find_last_not_of(" \t\r");
        if (end != std::string::npos) {
            return line.substr(0, end + 1);
        }
    }
    return {};
}

std::string formatted(const char* format, va_list arguments) {
    std::array<char, 1024> text{};
    std::vsnprintf(text.data(), text.size(), format, arguments);
    return text.data();
}

// libjpeg's warning texts (jerror.h, JWRN_*), as libvips passes them on.
constexpr std::array<const char*, 9> kJpegWarnings{
    "VipsJpeg: Corrupt JPEG data",
    "VipsJpeg: Premature end of JPEG file",
    "VipsJpeg: Warning:",
    "VipsJpeg: Invalid SOS parameters",
    "VipsJpeg: Inconsistent progression",
    "VipsJpeg: Unknown Adobe color transform",
    "VipsJpeg: Application transferred",
    "VipsJpeg: Unsupported marker",
    "VipsJpeg: Invalid JPEG file structure: two SOI"};

// A log keeps its first lines: a damaged file can make a warning for every row.
constexpr std::size_t kMaxLines = 32;

// libvips' own warnings while it decodes with fail_on=none (PNG, TIFF, WebP...): rows it could
// not read.
constexpr std::array<const char*, 5> kLibvipsDamage{"not enough data", "truncated", "read error",
                                                    "premature end", "corrupt"};

constexpr std::array<const char*, 6> kDamage{"Premature end of JPEG file",
                                             "premature end of data segment",
                                             "bad Huffman code",
                                             "bad arithmetic code",
                                             "instead of RST",
                                             "Inconsistent progression"};

bool starts_with(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

// The parts of a libvips work unit, wrapped so the worker thread works for the right image.
struct TaggedWork {
    VipsThreadStartFn start;
    VipsThreadpoolAllocateFn allocate;
    VipsThreadpoolWorkFn work;
    VipsThreadpoolProgressFn progress;
    void* a;
    ImageDiagnostics* log;
};

VipsThreadState* tagged_start(VipsImage* image, void* a) {
    auto* tagged = static_cast<TaggedWork*>(a);
    WorkingFor scope(tagged->log);
    return tagged->start(image, tagged->a);
}

int tagged_allocate(VipsThreadState* state, void* a, gboolean* stop) {
    auto* tagged = static_cast<TaggedWork*>(a);
    WorkingFor scope(tagged->log);
    return tagged->allocate(state, tagged->a, stop);
}

int tagged_work(VipsThreadState* state, void* a) {
    auto* tagged = static_cast<TaggedWork*>(a);
    WorkingFor scope(tagged->log);
    return tagged->work(state, tagged->a);
}

int tagged_progress(void* a) {
    auto* tagged = static_cast<TaggedWork*>(a);
    return tagged->progress(tagged->a);
}

template <class Function>
Function libvips_own(const char* name) {
    return reinterpret_cast<Function>(::dlsym(RTLD_NEXT, name));
}

void record_warning(const gchar* domain, GLogLevelFlags, const gchar* message, gpointer) {
    std::string line =
        std::string(domain != nullptr ? domain : "") + ": " + (message != nullptr ? message : "");
    if (ImageDiagnostics* log = working_for) {
        log->add_warning(line);
    }
    static const bool shown = std::getenv("LOTE_VIPS_WARNINGS") != nullptr;
    if (shown) {
        std::fprintf(stderr, "%s\n", line.c_str());
    }
}

}  // namespace

ImageDiagnostics::ImageDiagnostics() : previous_(working_for) {
    working_for = this;
}

ImageDiagnostics::~ImageDiagnostics() {
    working_for = previous_;
}

ImageDiagnostics* ImageDiagnostics::current() {
    return working_for;
}

std::vector<std::string> ImageDiagnostics::errors() const {
    std::lock_guard lock(mutex_);
    return errors_;
}

std::vector<std::string> ImageDiagnostics::warnings() const {
    std::lock_guard lock(mutex_);
    return warnings_;
}

std::string ImageDiagnostics::reason() const {
    std::lock_guard lock(mutex_);
    for (const std::string& line : errors_) {
        if (!is_decoder_warning(line)) {
            return line;
        }
    }
    return errors_.empty() ? std::string() : errors_.front();
}

std::string ImageDiagnostics::reason(const vips::VError& error) const {
    std::string own = reason();
    if (!own.empty()) {
        return own;
    }
    std::string given = first_line_of(error.what());
    return given.empty() ? "libvips gave no reason" : given;
}

void ImageDiagnostics::add_error(std::string line) {
    std::lock_guard lock(mutex_);
    if (errors_.size() < kMaxLines) {
        errors_.push_back(std::move(line));
    }
}

void ImageDiagnostics::add_warning(std::string line) {
    std::lock_guard lock(mutex_);
    if (warnings_.size() < kMaxLines) {
        warnings_.push_back(std::move(line));
    }
}

void ImageDiagnostics::clear() {
    std::lock_guard lock(mutex_);
    errors_.clear();
    warnings_.clear();
}

bool is_decoder_warning(const std::string& line) {
    for (const char* prefix : kJpegWarnings) {
        if (starts_with(line, prefix)) {
            return true;
        }
    }
    return false;
}

bool means_damaged_pixels(const std::string& line) {
    const auto holds_any = [&line](const auto& signs) {
        return std::any_of(signs.begin(), signs.end(), [&line](const char* sign) {
            return line.find(sign) != std::string::npos;
        });
    };
    if (is_decoder_warning(line)) {
        return holds_any(kDamage);
    }
    if (starts_with(line, "gifload: ")) {
        return true;  // lote's GIF reader only warns about rows it could not decode
    }
    return starts_with(line, "VIPS: ") && holds_any(kLibvipsDamage);
}

void listen_to_libvips_warnings() {
    g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, record_warning, nullptr);
}

}  // namespace lote

// The two libvips functions lote listens at (see image_diagnostics.hpp). Both forward to
// libvips' own definition, found with RTLD_NEXT.
extern "C" void vips_verror(const char* domain, const char* format, va_list arguments) {
    using Verror = void (*)(const char*, const char*, va_list);
    static const auto libvips_verror = lote::libvips_own<Verror>("vips_verror");
    if (lote::ImageDiagnostics* log = lote::working_for) {
        va_list copy;
        va_copy(copy, arguments);
        log->add_error(std::string(domain != nullptr ? domain : "") + ": " +
                       lote::formatted(format, copy));
        va_end(copy);
    }
    if (libvips_verror != nullptr) {
        libvips_verror(domain, format, arguments);
    }
}

extern "C" int vips_threadpool_run(VipsImage* image, VipsThreadStartFn start,
                                   VipsThreadpoolAllocateFn allocate, VipsThreadpoolWorkFn work,
                                   VipsThreadpoolProgressFn progress, void* a) {
    using Run = int (*)(VipsImage*, VipsThreadStartFn, VipsThreadpoolAllocateFn,
                        VipsThreadpoolWorkFn, VipsThreadpoolProgressFn, void*);
    static const auto libvips_run = lote::libvips_own<Run>("vips_threadpool_run");
    lote::TaggedWork tagged{start, allocate, work, progress, a, lote::working_for};
    return libvips_run(image, lote::tagged_start, lote::tagged_allocate, lote::tagged_work,
                       progress != nullptr ? lote::tagged_progress : nullptr, &tagged);
}
