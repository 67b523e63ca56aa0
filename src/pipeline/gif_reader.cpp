#include "pipeline/gif_reader.hpp"

#include <gif_lib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <vector>

#include "pipeline/image_diagnostics.hpp"

namespace lote {

namespace {

using Rgb = std::array<unsigned char, 3>;

// Where the first frame sits on the logical screen, and how to colour it.
struct FirstFrame {
    int screen_width = 0;
    int screen_height = 0;
    int left = 0;  // the frame's own rectangle (it may reach beyond the screen)
    int top = 0;
    int width = 0;
    int height = 0;
    bool interlaced = false;
    std::array<Rgb, 256> palette{};
    int transparent = -1;  // the transparent index, or -1

    bool covers_screen() const {
        return left == 0 && top == 0 && width >= screen_width && height >= screen_height;
    }
    // The frame's columns that are on the screen: [first_column, end_column).
    int first_column() const { return std::min(left, screen_width); }
    int end_column() const { return std::min(left + width, screen_width); }
};

// The rows of an interlaced frame come in four passes: every 8th from 0, every 8th from 4,
// every 4th from 2, every 2nd from 1.
constexpr std::array<int, 4> kPassStart{0, 4, 2, 1};
constexpr std::array<int, 4> kPassStep{8, 8, 4, 2};

int read_from_file(GifFileType* gif, GifByteType* buffer, int length) {
    auto* file = static_cast<std::FILE*>(gif->UserData);
    return static_cast<int>(std::fread(buffer, 1, static_cast<std::size_t>(length), file));
}

std::string giflib_error(int code) {
    const char* text = GifErrorString(code);
    return text != nullptr ? text : "unknown giflib error " + std::to_string(code);
}

// One pass over a GIF: giflib reading from a file, or from bytes through a memory stream.
class GifSource {
  public:
    static Result<std::unique_ptr<GifSource>> open_file(const std::string& path) {
        std::unique_ptr<GifSource> source(new GifSource());
        source->file_ = std::fopen(path.c_str(), "rb");
        return start(std::move(source));
    }
    static Result<std::unique_ptr<GifSource>> open_bytes(std::string_view bytes) {
        std::unique_ptr<GifSource> source(new GifSource());
        source->bytes_.assign(bytes);
        if (!source->bytes_.empty()) {
            source->file_ =
                ::fmemopen(source->bytes_.data(), source->bytes_.size(), "rb");  // read in place
        }
        return start(std::move(source));
    }
    ~GifSource() {
        int ignored = 0;
        if (gif_ != nullptr) {
            DGifCloseFile(gif_, &ignored);
        }
        if (file_ != nullptr) {
            std::fclose(file_);
        }
    }
    GifSource(const GifSource&) = delete;
    GifSource& operator=(const GifSource&) = delete;

    GifHeader screen() const { return {gif_->SWidth, gif_->SHeight}; }

    // Reads the records up to the first image: its place, its colours, its transparent index.
    Result<FirstFrame> seek_first_frame() {
        int transparent = NO_TRANSPARENT_COLOR;
        for (;;) {
            GifRecordType record = UNDEFINED_RECORD_TYPE;
            if (DGifGetRecordType(gif_, &record) == GIF_ERROR) {
                return fail(ErrorKind::corrupt, "corrupt GIF data (" + error() + ")");
            }
            if (record == TERMINATE_RECORD_TYPE) {
                return fail(ErrorKind::corrupt, "the GIF holds no image");
            }
            if (record == EXTENSION_RECORD_TYPE) {
                if (Status read = read_extension(transparent); !read) {
                    return read.error();
                }
            } else if (record == IMAGE_DESC_RECORD_TYPE) {
                if (DGifGetImageDesc(gif_) == GIF_ERROR) {
                    return fail(ErrorKind::corrupt, "corrupt GIF image header (" + error() + ")");
                }
                return frame_from_descriptor(transparent);
            }
        }
    }

    bool read_line(std::vector<GifPixelType>& line) {
        return DGifGetLine(gif_, line.data(), static_cast<int>(line.size())) != GIF_ERROR;
    }

    std::string error() const { return giflib_error(gif_->Error); }

  private:
    GifSource() = default;

    static Result<std::unique_ptr<GifSource>> start(std::unique_ptr<GifSource> source) {
        if (source->file_ == nullptr) {
            return fail(ErrorKind::io, std::string("cannot open the GIF: ") + std::strerror(errno));
        }
        int code = 0;
        source->gif_ = DGifOpen(source->file_, read_from_file, &code);
        if (source->gif_ == nullptr) {
            return fail(ErrorKind::corrupt,
                        "cannot read the GIF header (" + giflib_error(code) + ")");
        }
        if (source->gif_->SWidth < 1 || source->gif_->SHeight < 1) {
            return fail(ErrorKind::corrupt, "invalid GIF dimensions");
        }
        return source;
    }

    Status read_extension(int& transparent) {
        int code = 0;
        GifByteType* block = nullptr;
        if (DGifGetExtension(gif_, &code, &block) == GIF_ERROR) {
            return fail(ErrorKind::corrupt, "corrupt GIF extension (" + error() + ")");
        }
        if (code == GRAPHICS_EXT_FUNC_CODE && block != nullptr) {
            GraphicsControlBlock control{};
            if (DGifExtensionToGCB(block[0], block + 1, &control) == GIF_OK) {
                transparent = control.TransparentColor;
            }
        }
        while (block != nullptr) {
            if (DGifGetExtensionNext(gif_, &block) == GIF_ERROR) {
                return fail(ErrorKind::corrupt, "corrupt GIF extension (" + error() + ")");
            }
        }
        return Status::success();
    }

    Result<FirstFrame> frame_from_descriptor(int transparent) const {
        const GifImageDesc& image = gif_->Image;
        FirstFrame frame;
        frame.screen_width = gif_->SWidth;
        frame.screen_height = gif_->SHeight;
        frame.left = image.Left;
        frame.top = image.Top;
        frame.width = image.Width;
        frame.height = image.Height;
        frame.interlaced = image.Interlace;
        frame.transparent = transparent >= 0 && transparent < 256 ? transparent : -1;
        if (frame.width < 1 || frame.height < 1) {
            return fail(ErrorKind::corrupt, "the GIF's first image is empty");
        }
        const ColorMapObject* map = image.ColorMap != nullptr ? image.ColorMap : gif_->SColorMap;
        for (int i = 0; i < 256; ++i) {
            // Without a colour table, a grey ramp; indices past the table are black.
            auto grey = static_cast<unsigned char>(i);
            frame.palette[static_cast<std::size_t>(i)] =
                map == nullptr ? Rgb{grey, grey, grey} : Rgb{0, 0, 0};
        }
        for (int i = 0; map != nullptr && i < std::min(map->ColorCount, 256); ++i) {
            const GifColorType& c = map->Colors[i];
            frame.palette[static_cast<std::size_t>(i)] = Rgb{c.Red, c.Green, c.Blue};
        }
        return frame;
    }

    std::string bytes_;  // what a memory stream reads
    std::FILE* file_ = nullptr;
    GifFileType* gif_ = nullptr;
};

using SourceOpener = std::function<Result<std::unique_ptr<GifSource>>()>;

// Whether a pixel of the frame that lies on the screen has the transparent index. A pass of its
// own over the file (one row of memory), so the bands are known before the image is made.
bool uses_transparency(const SourceOpener& open, const FirstFrame& frame) {
    if (frame.transparent < 0) {
        return false;
    }
    auto source = open();
    if (!source || !(*source)->seek_first_frame()) {
        return false;
    }
    std::vector<GifPixelType> line(static_cast<std::size_t>(frame.width));
    const int first = frame.first_column() - frame.left;
    const int end = frame.end_column() - frame.left;
    const auto index = static_cast<GifPixelType>(frame.transparent);
    for (int row = 0; row < frame.height; ++row) {
        if (!(*source)->read_line(line)) {
            return false;  // the decode itself reports the damage
        }
        if (std::find(line.begin() + first, line.begin() + end, index) != line.begin() + end) {
            return true;
        }
    }
    return false;
}

// Colours one frame row onto one screen row of `bands` samples a pixel (already cleared).
void colour_row(const FirstFrame& frame, const std::vector<GifPixelType>& line, int bands,
                unsigned char* out) {
    for (int x = frame.first_column(); x < frame.end_column(); ++x) {
        const GifPixelType index = line[static_cast<std::size_t>(x - frame.left)];
        unsigned char* pixel = out + static_cast<std::size_t>(x) * static_cast<std::size_t>(bands);
        const Rgb& colour = frame.palette[index];
        pixel[0] = colour[0];
        pixel[1] = colour[1];
        pixel[2] = colour[2];
        if (bands == 4) {
            pixel[3] = index == frame.transparent ? 0 : 255;
        }
    }
}

std::string damage_of(const GifSource& source) {
    return "truncated or corrupt GIF data (" + source.error() + ")";
}

// A row that did not decode, when damaged files are accepted: a warning, the rest left clear.
void keep_what_decoded(const GifSource& source) {
    if (ImageDiagnostics* log = ImageDiagnostics::current()) {
        log->add_warning("gifload: " + damage_of(source) + "; the rows that decoded are kept");
    }
}

// A row that did not decode, while libvips computes the image: an error of the image, or the
// rest left clear when damaged files are accepted.
bool give_up_on_rows(const GifSource& source, bool accept_damaged) {
    if (!accept_damaged) {
        vips_error("gifload", "%s", damage_of(source).c_str());
        return false;
    }
    keep_what_decoded(source);
    return true;
}

// The state of a sequential decode, owned by the image it feeds.
struct GifStream {
    std::unique_ptr<GifSource> source;
    FirstFrame frame;
    int bands = 3;
    bool accept_damaged = false;
    int next_row = 0;     // the next screen row to produce
    bool broken = false;  // a row failed and the rest is left clear
    std::vector<GifPixelType> line;
    std::vector<unsigned char> row;
};

void free_stream(VipsImage*, gpointer stream) {
    delete static_cast<GifStream*>(stream);
}

// Produces screen row `y` in stream.row; false on an error (already reported to libvips).
bool produce_row(GifStream& stream, int y) {
    std::fill(stream.row.begin(), stream.row.end(), 0);
    const FirstFrame& frame = stream.frame;
    if (y < frame.top || y >= frame.top + frame.height || stream.broken) {
        return true;
    }
    if (!stream.source->read_line(stream.line)) {
        stream.broken = true;
        return give_up_on_rows(*stream.source, stream.accept_damaged);
    }
    colour_row(frame, stream.line, stream.bands, stream.row.data());
    return true;
}

int generate_rows(VipsRegion* region, void*, void* a, void*, gboolean*) {
    auto& stream = *static_cast<GifStream*>(a);
    const VipsRect& wanted = region->valid;
    if (wanted.top != stream.next_row) {
        vips_error("gifload", "out of order read at row %d (GIF rows are read once, in order)",
                   wanted.top);
        return -1;
    }
    const auto pixel_bytes = static_cast<std::size_t>(stream.bands);
    for (int y = wanted.top; y < wanted.top + wanted.height; ++y) {
        if (!produce_row(stream, y)) {
            return -1;
        }
        std::memcpy(VIPS_REGION_ADDR(region, wanted.left, y),
                    stream.row.data() + static_cast<std::size_t>(wanted.left) * pixel_bytes,
                    static_cast<std::size_t>(wanted.width) * pixel_bytes);
        stream.next_row = y + 1;
    }
    return 0;
}

void describe(VipsImage* image, const FirstFrame& frame, int bands) {
    vips_image_init_fields(image, frame.screen_width, frame.screen_height, bands, VIPS_FORMAT_UCHAR,
                           VIPS_CODING_NONE, VIPS_INTERPRETATION_sRGB, 1.0, 1.0);
}

// A non-interlaced frame, decoded as libvips asks for its rows, top to bottom.
Result<vips::VImage> sequential_image(std::unique_ptr<GifSource> source, const FirstFrame& frame,
                                      int bands, bool accept_damaged) {
    auto* stream =
        new GifStream{std::move(source),
                      frame,
                      bands,
                      accept_damaged,
                      0,
                      false,
                      std::vector<GifPixelType>(static_cast<std::size_t>(frame.width)),
                      std::vector<unsigned char>(static_cast<std::size_t>(frame.screen_width) *
                                                 static_cast<std::size_t>(bands))};
    VipsImage* raw = vips_image_new();
    g_signal_connect(raw, "postclose", G_CALLBACK(free_stream), stream);
    describe(raw, frame, bands);
    VipsImage* sequential = nullptr;
    if (vips_image_pipelinev(raw, VIPS_DEMAND_STYLE_FATSTRIP, nullptr) != 0 ||
        vips_image_generate(raw, nullptr, generate_rows, nullptr, stream, nullptr) != 0 ||
        vips_sequential(raw, &sequential, "tile_height", 8, nullptr) != 0) {
        g_object_unref(raw);
        return fail(ErrorKind::internal, "cannot set up the GIF decoder");
    }
    g_object_unref(raw);  // the sequential image holds it
    // As libvips marks its own loaders' sequential images: operations that read several strips
    // of rows for one strip of theirs (a shrink) then keep the rows they will ask for again.
    vips_image_set_int(sequential, VIPS_META_SEQUENTIAL, 1);
    return vips::VImage(sequential);
}

void free_tracked(VipsImage*, gpointer buffer) {
    vips_tracked_free(buffer);
}

// An interlaced frame, decoded into memory at once (its rows come in four passes). The buffer
// is counted in libvips' tracked memory like libvips' own images.
Result<vips::VImage> interlaced_image(GifSource& source, const FirstFrame& frame, int bands,
                                      bool accept_damaged) {
    const std::size_t row_bytes =
        static_cast<std::size_t>(frame.screen_width) * static_cast<std::size_t>(bands);
    const std::size_t size = row_bytes * static_cast<std::size_t>(frame.screen_height);
    auto* pixels = static_cast<unsigned char*>(vips_tracked_malloc(size));
    if (pixels == nullptr) {
        throw std::bad_alloc();
    }
    std::memset(pixels, 0, size);
    VipsImage* raw = vips_image_new_from_memory(pixels, size, frame.screen_width,
                                                frame.screen_height, bands, VIPS_FORMAT_UCHAR);
    if (raw == nullptr) {
        vips_tracked_free(pixels);
        return fail(ErrorKind::internal, "cannot make the GIF image");
    }
    g_signal_connect(raw, "postclose", G_CALLBACK(free_tracked), pixels);
    raw->Type = VIPS_INTERPRETATION_sRGB;
    vips::VImage image(raw);
    std::vector<GifPixelType> line(static_cast<std::size_t>(frame.width));
    for (std::size_t pass = 0; pass < kPassStart.size(); ++pass) {
        for (int row = kPassStart[pass]; row < frame.height; row += kPassStep[pass]) {
            if (!source.read_line(line)) {
                if (!accept_damaged) {
                    return fail(ErrorKind::corrupt, damage_of(source));
                }
                keep_what_decoded(source);
                return image;
            }
            const int y = frame.top + row;
            if (y < frame.screen_height) {
                colour_row(frame, line, bands, pixels + row_bytes * static_cast<std::size_t>(y));
            }
        }
    }
    return image;
}

Result<vips::VImage> open_first_frame(const SourceOpener& open, const LoadOptions& options) {
    auto source = open();
    if (!source) {
        return source.error();
    }
    const GifHeader screen = (*source)->screen();
    const auto pixels =
        static_cast<std::uint64_t>(screen.width) * static_cast<std::uint64_t>(screen.height);
    if (pixels > options.max_pixels) {
        return fail(ErrorKind::too_large,
                    std::to_string(pixels) + " pixels (" + std::to_string(screen.width) + "x" +
                        std::to_string(screen.height) + ") exceeds the limit of " +
                        std::to_string(options.max_pixels) + " pixels");
    }
    auto frame = (*source)->seek_first_frame();
    if (!frame) {
        return frame.error();
    }
    const bool alpha = !frame->covers_screen() || uses_transparency(open, *frame);
    const int bands = alpha ? 4 : 3;
    if (frame->interlaced) {
        return interlaced_image(**source, *frame, bands, options.accept_damaged);
    }
    return sequential_image(std::move(*source), *frame, bands, options.accept_damaged);
}

}  // namespace

Result<GifHeader> read_gif_header(const std::string& path) {
    auto source = GifSource::open_file(path);
    if (!source) {
        return source.error();
    }
    return (*source)->screen();
}

Result<vips::VImage> open_gif(const std::string& path, const LoadOptions& options) {
    return open_first_frame([&path] { return GifSource::open_file(path); }, options);
}

Result<vips::VImage> open_gif_bytes(std::string_view bytes, const LoadOptions& options) {
    return open_first_frame([bytes] { return GifSource::open_bytes(bytes); }, options);
}

}  // namespace lote
