// process_image: decode once, run every chain, write every output atomically, never throw.
//
// With several outputs the decoded image is materialised in memory (copy_memory in decode_image),
// so no chain decodes the file again. With one output whose chain starts by making the image
// smaller (`ajustar`, `redimensionar`), the decode streams through that first step and only its
// result is held (decode_streamed): a 24 MP input then never exists in memory in full. Either
// way every decode error surfaces in the decode call, before any chain runs or any file is
// written, and all outputs fail with the same decode reason.
#include "pipeline/process_image.hpp"

#include <chrono>
#include <exception>
#include <filesystem>

#include "pipeline/atomic_write.hpp"
#include "pipeline/encode_image.hpp"
#include "pipeline/image_diagnostics.hpp"
#include "pipeline/load_image.hpp"
#include "pipeline/memory_ceiling.hpp"
#include "pipeline/memory_policy.hpp"
#include "pipeline/metadata_edit.hpp"
#include "pipeline/output_path.hpp"
#include "pipeline/shrink_on_load.hpp"
#include "pipeline/vips_error.hpp"
#include "util/byte_text.hpp"

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

// Messages are read by people and carried in JSON: the name in its display form.
std::string display_name(const std::string& path) {
    std::string name = std::filesystem::path(path).filename().string();
    return display_text(name.empty() ? path : name);
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
    if (task.outputs.size() == 1) {
        Size original{header->width, header->height};
        if (auto target = leading_reduction(original, shrink, task.outputs.front().chain)) {
            auto reduce = [target](const vips::VImage& image) {
                return resize_exactly(image, *target);
            };
            return decode_streamed(task.input, *header, task.load, shrink, reduce);
        }
    }
    return decode_image(task.input, *header, task.load, shrink);
}

// Every step checks its own size before building anything (filters/geometry.hpp); this is the
// last fence, before the pixels are computed by the encoder.
Status check_output_size(const vips::VImage& image, std::uint64_t max_pixels) {
    auto checked = check_size("the chain", wanted_size_of(image), max_pixels);
    if (!checked) {
        return checked.error();
    }
    return Status::success();
}

// A streamed decode has exactly one user: each remaining step replaces the image, so every
// intermediate result (the first step's included) is freed as soon as the next one exists, not
// held until the output is written. Leaves `streamed` empty.
vips::VImage finish_streamed_chain(vips::VImage& streamed, const Chain& chain) {
    for (const Step& step : chain_after_first_step(chain).steps) {
        streamed = step.filter->apply(streamed, step.params);
    }
    vips::VImage result = streamed;
    streamed = vips::VImage();
    return result;
}

vips::VImage run_chain(DecodedImage& decoded, const Chain& chain) {
    if (decoded.first_step_applied) {
        return finish_streamed_chain(decoded.image, chain);
    }
    Size original{decoded.header.width, decoded.header.height};
    return apply_chain_after_shrink(decoded.image, original, decoded.shrink, chain);
}

// "web: ajustar: ..." for a step of a chain; a one-step chain is named after its step already.
std::string with_chain_name(const Chain& chain, const std::string& step_message) {
    if (step_message.rfind(chain.name + ": ", 0) == 0) {
        return step_message;
    }
    return chain.name + ": " + step_message;
}

struct Made {
    std::string path;  // empty when skipped
    std::uint64_t bytes = 0;
};

// Runs the chain lazily, checks the result's size before any pixel is computed, then encodes
// (which computes the pixels) and writes.
Result<Made> make_output(DecodedImage& decoded, const OutputMetadata& metadata,
                         const OutputRequest& request, const ImageTask& task) {
    vips::VImage result = run_chain(decoded, request.chain);
    if (Status fits = check_output_size(result, task.load.max_pixels); !fits) {
        return fits.error();
    }
    auto path = output_path_for(request, task.input, metadata.date_taken(), result);
    if (!path) {
        return path.error();
    }
    if (path->empty()) {
        return Made{};  // kept the file that was there
    }
    auto format = format_from_path(*path);
    if (!format) {
        return fail("unsupported output file extension: " + *path);
    }
    auto bytes = encode_image(result, *format, task.save, metadata);
    if (!bytes) {
        return bytes.error();
    }
    if (Status written = write_file_atomically(*path, *bytes); !written) {
        return written.error();
    }
    return Made{*path, static_cast<std::uint64_t>(bytes->size())};
}

Result<Made> make_output_safely(DecodedImage& decoded, const OutputMetadata& metadata,
                                const OutputRequest& request, const ImageTask& task) {
    ImageDiagnostics diagnostics;  // this output's own libvips messages
    try {
        return make_output(decoded, metadata, request, task);
    } catch (const SizeRefused& e) {
        return fail(e.error().kind, with_chain_name(request.chain, e.error().message));
    } catch (const std::bad_alloc&) {
        return fail(ErrorKind::too_large, request.chain.name + ": " + out_of_memory_reason());
    } catch (const vips::VError& e) {
        std::string why = diagnostics.reason(e);
        if (why.find("out of memory") != std::string::npos) {
            return fail(ErrorKind::too_large,
                        request.chain.name + ": " + out_of_memory_reason() + " (" + why + ")");
        }
        return fail(ErrorKind::internal, request.chain.name + ": " + why);
    } catch (const std::exception& e) {
        return fail(request.chain.name + ": " + e.what());
    }
}

OutputResult output_result(const ImageTask& task, const OutputRequest& request,
                           const Result<Made>& made, const std::string& warning, double seconds) {
    OutputResult out;
    out.chain = request.chain.name;
    out.ok = made.ok();
    out.seconds = seconds;
    if (made) {
        out.path = made->path;
        out.bytes = made->bytes;
        out.skipped = made->path.empty();
        out.warning = warning.empty() ? "" : display_name(task.input) + ": " + warning;
    } else {
        out.message = display_name(task.input) + ": " + made.message();
        out.kind = made.kind();
    }
    return out;
}

}  // namespace

ImageResult process_image(const ImageTask& task) {
    apply_memory_policy(memory_policy_for(task.outputs.size()));
    PixelLimitScope limit(task.load.max_pixels);  // for every step of every chain
    ImageResult result{task.id, task.input, {}, {}};
    if (task.outputs.empty()) {
        return result;
    }
    Stopwatch decode_clock;
    Result<DecodedImage> decoded = fail("not decoded");
    try {
        decoded = decode_for(task);
    } catch (const std::bad_alloc&) {
        decoded = fail(ErrorKind::too_large, "cannot decode: " + out_of_memory_reason());
    } catch (const std::exception& e) {  // the decoder reports VErrors itself; this is a last fence
        decoded = fail(std::string("cannot decode: ") + e.what());
    }
    OutputMetadata metadata;
    if (decoded) {
        metadata = OutputMetadata::prepare(decoded->metadata, effective_policy(task.save),
                                           task.save.metadata, task.load.to_srgb);
        result.warnings = metadata.warnings();
    }
    double decode_share = decode_clock.seconds() / static_cast<double>(task.outputs.size());
    for (const auto& request : task.outputs) {
        Stopwatch output_clock;
        Result<Made> made = decoded ? make_output_safely(*decoded, metadata, request, task)
                                    : Result<Made>(decoded.error());
        result.outputs.push_back(output_result(task, request, made,
                                               decoded ? decoded->warning : std::string(),
                                               decode_share + output_clock.seconds()));
    }
    return result;
}

}  // namespace lote
