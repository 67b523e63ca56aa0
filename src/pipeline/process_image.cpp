// process_image: decode once, run every chain, write every output atomically, never throw.
//
// The decoded image is always materialised in memory (copy_memory in decode_image): with several
// outputs no chain decodes the file again, and with any number a corrupt file fails at one known
// place, so all outputs fail with the same decode reason instead of one half-written picture.
#include "pipeline/process_image.hpp"

#include <chrono>
#include <exception>
#include <filesystem>

#include "pipeline/atomic_write.hpp"
#include "pipeline/encode_image.hpp"
#include "pipeline/load_image.hpp"
#include "pipeline/shrink_on_load.hpp"
#include "pipeline/vips_error.hpp"

namespace lote {

namespace {

class Stopwatch {
  public:
    double seconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

  private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

std::string display_name(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    return name.empty() ? path : name;
}

std::vector<const Chain*> chains_of(const ImageTask& task) {
    std::vector<const Chain*> chains;
    for (const auto& output : task.outputs) {
        chains.push_back(&output.chain);
    }
    return chains;
}

Result<DecodedImage> decode_for(const ImageTask& task) {
    auto header = read_image_header(task.input, task.load);
    if (!header) {
        return fail(header.message());
    }
    int shrink = 1;
    if (supports_shrink_on_load(header->format)) {
        shrink = choose_shrink({header->width, header->height}, chains_of(task));
    }
    return decode_image(task.input, *header, task.load, shrink);
}

Status check_output_size(const vips::VImage& image, std::uint64_t max_pixels) {
    auto pixels =
        static_cast<std::uint64_t>(image.width()) * static_cast<std::uint64_t>(image.height());
    if (pixels > max_pixels) {
        return fail("the result would have " + std::to_string(pixels) + " pixels (" +
                    std::to_string(image.width()) + "x" + std::to_string(image.height()) +
                    "), more than the limit of " + std::to_string(max_pixels));
    }
    return Status::success();
}

// Runs the chain lazily, checks the result's size before any pixel is computed, then encodes
// (which computes the pixels) and writes.
Result<std::uint64_t> make_output(const DecodedImage& decoded, const OutputRequest& request,
                                  const ImageTask& task) {
    auto format = format_from_path(request.path);
    if (!format) {
        return fail("unsupported output file extension: " + request.path);
    }
    Size original{decoded.header.width, decoded.header.height};
    vips::VImage result =
        apply_chain_after_shrink(decoded.image, original, decoded.shrink, request.chain);
    if (Status fits = check_output_size(result, std::min(task.load.max_pixels, kMaxOutputPixels));
        !fits) {
        return fail(fits.message());
    }
    auto bytes = encode_image(result, *format, task.save);
    if (!bytes) {
        return fail(bytes.message());
    }
    if (Status written = write_file_atomically(request.path, *bytes); !written) {
        return fail(written.message());
    }
    return static_cast<std::uint64_t>(bytes->size());
}

Result<std::uint64_t> make_output_safely(const DecodedImage& decoded, const OutputRequest& request,
                                         const ImageTask& task) {
    try {
        return make_output(decoded, request, task);
    } catch (const vips::VError& e) {
        return fail(request.chain.name + ": " + first_error_line(e.what()));
    } catch (const std::exception& e) {
        return fail(request.chain.name + ": " + e.what());
    }
}

OutputResult output_result(const ImageTask& task, const OutputRequest& request,
                           const Result<std::uint64_t>& made, double seconds) {
    OutputResult out;
    out.chain = request.chain.name;
    out.ok = made.ok();
    out.seconds = seconds;
    if (made) {
        out.path = request.path;
        out.bytes = *made;
    } else {
        out.message = display_name(task.input) + ": " + made.message();
    }
    return out;
}

}  // namespace

ImageResult process_image(const ImageTask& task) {
    ImageResult result{task.id, task.input, {}};
    if (task.outputs.empty()) {
        return result;
    }
    Stopwatch decode_clock;
    Result<DecodedImage> decoded = fail("not decoded");
    try {
        decoded = decode_for(task);
    } catch (const std::exception& e) {  // the decoder reports VErrors itself; this is a last fence
        decoded = fail(std::string("cannot decode: ") + e.what());
    }
    double decode_share = decode_clock.seconds() / static_cast<double>(task.outputs.size());
    for (const auto& request : task.outputs) {
        Stopwatch output_clock;
        Result<std::uint64_t> made = decoded ? make_output_safely(*decoded, request, task)
                                             : Result<std::uint64_t>(fail(decoded.message()));
        result.outputs.push_back(
            output_result(task, request, made, decode_share + output_clock.seconds()));
    }
    return result;
}

}  // namespace lote
