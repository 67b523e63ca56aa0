#include "pipeline/preview_render.hpp"

#include <algorithm>
#include <cmath>

#include "filters/geometry.hpp"
#include "filters/registry.hpp"
#include "pipeline/encode_image.hpp"
#include "pipeline/image_diagnostics.hpp"
#include "pipeline/load_image.hpp"
#include "util/error_codes.hpp"

namespace lote {

namespace {

// The given parameters of `filter`, under its id or an alias.
nlohmann::json parameters_for(const nlohmann::json& request, const FilterSpec& filter) {
    if (!request.contains("parameters")) return nlohmann::json::object();
    for (const auto& [key, values] : request["parameters"].items()) {
        if (Registry::instance().find(key) == &filter) return values;
    }
    return nlohmann::json::object();
}

int shrink_for(const ImageHeader& header, int size) {
    int longest = std::max(header.width, header.height);
    int shrink = 1;
    while (shrink < 8 && longest / (shrink * 2) >= size) shrink *= 2;
    return shrink;
}

}  // namespace

Result<Chain> preview_chain(const nlohmann::json& request) {
    if (request.contains("chain")) {
        auto chain = chain_from_json(request["chain"]);
        if (!chain) return fail("invalid chain: " + chain.message()).coded(codes::invalid_chain);
        return chain;
    }
    if (!request.contains("filters") || !request["filters"].is_array() ||
        request["filters"].empty() || !request["filters"][0].is_string()) {
        return fail("'filters' must be a non-empty list of filter names (or give 'chain')")
            .coded(codes::invalid_field, {{"field", "filters"}, {"expected", "list"}});
    }
    if (request.contains("parameters") && !request["parameters"].is_object()) {
        return fail("'parameters' must be an object: filter -> {parameter: value}")
            .coded(codes::invalid_field, {{"field", "parameters"}, {"expected", "object"}});
    }
    std::string id = request["filters"][0].get<std::string>();
    const FilterSpec* filter = Registry::instance().find(id);
    if (!filter)
        return fail("unknown filter: " + id).coded(codes::unknown_filter, {{"filter", id}});
    auto params = Registry::instance().validate(*filter, parameters_for(request, *filter));
    if (!params) {
        Error why = params.error();
        why.message = "invalid parameter: " + why.message;
        if (why.code.empty()) why.code = codes::param_invalid;
        return why;
    }
    return single_filter_chain(Step{filter, *params});
}

Result<std::string> render_preview_jpeg(const std::string& path, const Chain& chain, int size) {
    if (size < 1 || size > kMaxPreviewSize) {
        return fail(ErrorKind::invalid,
                    "a preview is 1 to " + std::to_string(kMaxPreviewSize) + " pixels wide");
    }
    auto header = read_image_header(path, LoadOptions{});
    if (!header) return header.error();
    // A preview is a look at the chain, not its full-size result: no step may make more than
    // kMaxPreviewPixels (a chain that enlarges past it is refused with its size).
    PixelLimitScope limit(kMaxPreviewPixels);
    ImageDiagnostics diagnostics;
    try {
        auto decoded = decode_image(path, *header, LoadOptions{}, shrink_for(*header, size));
        if (!decoded) return decoded.error();
        vips::VImage image = decoded->image;
        double scale = static_cast<double>(size) / std::max(image.width(), image.height());
        if (scale < 1.0)
            image =
                image.resize(scale, vips::VImage::option()->set("kernel", VIPS_KERNEL_LANCZOS3));
        image = image.copy_memory();
        vips::VImage result = apply_chain(image, chain);
        SaveOptions save;
        save.quality = 85;
        save.strip = true;
        auto bytes = encode_image(result, Format::Jpeg, save);
        if (!bytes) return bytes.error();
        return std::move(*bytes);
    } catch (const SizeRefused& e) {
        return fail(e.error().kind, "cannot make the preview: " + e.error().message);
    } catch (const vips::VError& e) {
        return fail(ErrorKind::corrupt, "cannot make the preview: " + diagnostics.reason(e));
    }
}

}  // namespace lote
