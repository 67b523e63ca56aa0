// The studio's steps: the watermark's style parameters, the logo, and framing to an exact size
// (rellenar, lienzo, recortar). Their pixel code is in watermark.cpp, logo_filter.cpp and
// framing_filters.cpp.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "filters/catalog.hpp"
#include "filters/filter_functions.hpp"
#include "filters/focus.hpp"
#include "filters/fonts.hpp"
#include "filters/framing_geometry.hpp"
#include "filters/logo_source.hpp"
#include "filters/param_builders.hpp"
#include "filters/placement.hpp"

namespace lote {

namespace {

constexpr std::size_t kMaxPathLength = 4096;
constexpr std::size_t kMaxFontName = 100;
constexpr std::size_t kShownFamilies = 20;

// Added after outputs were first fingerprinted (see ParamSpec::fingerprint_default).
ParamSpec later(ParamSpec p) {
    p.fingerprint_default = false;
    return p;
}

ParamSpec optional(ParamSpec p) {
    p.default_value = nullptr;
    return p;
}

ParamSpec required(ParamSpec p) {
    p.default_value = nullptr;
    p.required = true;
    return p;
}

ParamSpec placement_param(const std::string& def) {
    ParamSpec p = choice_param("posicion", "position", {}, def, {"Posición", "Position"});
    for (const auto& n : placement_names()) {
        p.choices.push_back(n.id);
        p.choice_aliases[n.english] = n.id;
        p.choice_labels.push_back(n.label);
    }
    return p;
}

ParamSpec focus_param() {
    ParamSpec p = choice_param("foco", "focus", {}, "centro", {"Foco", "Focus"});
    for (const auto& n : focus_names()) {
        p.choices.push_back(n.id);
        p.choice_aliases[n.english] = n.id;
        p.choice_labels.push_back(n.label);
    }
    return p;
}

ParamSpec margin_param() {
    return optional(number_param("margen", "margin", 0, 50, 0,
                                 {"Margen (% del lado menor)", "Margin (% of the shorter side)"}));
}

ParamSpec colour_param(nlohmann::json def, Label label) {
    ParamSpec p = text_param("color", "colour", 7, std::move(def), std::move(label));
    p.format = TextFormat::Colour;
    return p;
}

ParamSpec size_param(const char* id, const char* alias, Label label) {
    return required(integer_param(id, alias, 1, 65535, nullptr, std::move(label)));
}

ParamSpec width_param() {
    return size_param("ancho", "width", {"Ancho (px)", "Width (px)"});
}

ParamSpec height_param() {
    return size_param("alto", "height", {"Alto (px)", "Height (px)"});
}

std::string shown_families() {
    const auto& families = installed_font_families();
    if (families.empty()) {
        return "none found";
    }
    std::vector<std::string> shown(families.begin(),
                                   families.begin() + std::min(families.size(), kShownFamilies));
    return fmt::format("{}{}", fmt::join(shown, ", "),
                       families.size() > kShownFamilies ? ", ..." : "");
}

Status check_font(const FilterSpec& f, const Params& p) {
    if (!p.has("fuente") || p.text("fuente") == kDefaultFontFamily ||
        font_description(p.text("fuente"))) {
        return Status::success();
    }
    return fail(fmt::format(
        "{}: parameter \"fuente\" must name an installed font family, optionally with Bold, "
        "Italic or Oblique (got \"{}\"; installed: {})",
        f.id, p.text("fuente"), shown_families()));
}

// ---- logo

Status prepare_logo(const Params& p) {
    auto logo = LogoCache::instance().load_fresh(p.text("archivo"));
    if (!logo) {
        return fail(logo.kind(), "logo: parameter \"archivo\": " + logo.message());
    }
    return Status::success();
}

std::string logo_stamp(const Params& p) {
    auto logo = LogoCache::instance().find_or_load(p.text("archivo"));
    return logo ? (*logo)->stamp() : std::string("unreadable");
}

FilterSpec logo_step() {
    ParamSpec file = text_param("archivo", "file", kMaxPathLength, nullptr,
                                {"Logotipo (PNG o WebP)", "Logo (PNG or WebP)"});
    file.format = TextFormat::File;
    file.accept = {"png", "webp"};
    file.required = true;
    FilterSpec f = filter(
        "logo", "logo", {"Logotipo", "Logo"},
        {"Dibuja un logotipo PNG o WebP con transparencia en una esquina (o donde se elija), a un "
         "porcentaje del ancho de la imagen.",
         "Draws a PNG or WebP logo with transparency in a corner (or where chosen), at a "
         "percentage of the image's width."},
        filters::logo,
        {file, placement_param("abajo-derecha"),
         number_param("tamano", "size", 1, 100, 15,
                      {"Tamaño (% del ancho)", "Size (% of the width)"}),
         margin_param(), number_param("opacidad", "opacity", 0, 1, 1, {"Opacidad", "Opacity"})},
        false);
    f.prepare = prepare_logo;
    f.resource_stamp = logo_stamp;
    return f;
}

// ---- framing

FilterSpec fill_step() {
    FilterSpec f = filter(
        "rellenar", "fill", {"Rellenar al tamaño", "Fill to size"},
        {"Exactamente ancho × alto: escala hasta cubrirlo y recorta lo que sobra (según el foco).",
         "Exactly width × height: scales to cover it and crops what is left over (by the "
         "focus)."},
        filters::rellenar, {width_param(), height_param(), focus_param()}, false);
    f.aliases.push_back("cover");
    return f;
}

FilterSpec pad_step() {
    FilterSpec f = filter(
        "lienzo", "pad", {"Lienzo (encajar y rellenar)", "Pad to size"},
        {"Exactamente ancho × alto: la imagen entera cabe dentro y el resto se rellena con el "
         "color (transparente si no se da y el formato lo admite; si no, blanco).",
         "Exactly width × height: the whole image fits inside and the rest is filled with the "
         "colour (transparent when none is given and the format allows it; white otherwise)."},
        filters::lienzo,
        {width_param(), height_param(),
         colour_param(nullptr, {"Color del relleno", "Padding colour"}), placement_param("centro"),
         only_shrink_param(false)},
        false);
    f.aliases.push_back("contain");
    return f;
}

Status check_crop(const FilterSpec& f, const Params& p) {
    const bool ratio = p.has("proporcion");
    const bool size = p.has("ancho") || p.has("alto");
    const bool corner = p.has("x") || p.has("y");
    if (ratio && (size || corner)) {
        return fail(fmt::format(
            "{}: give either \"proporcion\" (an aspect ratio such as 4:5) or \"ancho\" and "
            "\"alto\" (a size in pixels, with \"x\" and \"y\" for its top-left corner), not both",
            f.id));
    }
    if (ratio) {
        if (!parse_ratio(p.text("proporcion"))) {
            return fail(fmt::format(
                "{}: parameter \"proporcion\" must be two positive numbers written W:H, such as "
                "4:5, 16:9 or 1.91:1, neither more than 1000 times the other (got \"{}\")",
                f.id, p.text("proporcion")));
        }
        return Status::success();
    }
    if (!p.has("ancho") || !p.has("alto")) {
        return fail(fmt::format(
            "{}: give \"proporcion\" (such as 4:5) or both \"ancho\" and \"alto\" in pixels",
            f.id));
    }
    if (p.has("x") != p.has("y")) {
        return fail(fmt::format(
            "{}: give both \"x\" and \"y\" (the crop's top-left corner), or neither", f.id));
    }
    return Status::success();
}

FilterSpec crop_step() {
    FilterSpec f = filter(
        "recortar", "crop", {"Recortar", "Crop"},
        {"Recorta a una proporción (4:5) o a un rectángulo en píxeles (x, y, ancho, alto); sin "
         "x e y, el recorte se coloca según el foco.",
         "Crops to an aspect ratio (4:5) or to a rectangle in pixels (x, y, width, height); "
         "without x and y the crop is placed by the focus."},
        filters::recortar,
        {text_param("proporcion", "ratio", 30, nullptr,
                    {"Proporción (ancho:alto)", "Aspect ratio (width:height)"}),
         optional(integer_param("x", "x", 0, 65535, nullptr, {"X (px)", "X (px)"})),
         optional(integer_param("y", "y", 0, 65535, nullptr, {"Y (px)", "Y (px)"})),
         optional(integer_param("ancho", "width", 1, 65535, nullptr, {"Ancho (px)", "Width (px)"})),
         optional(integer_param("alto", "height", 1, 65535, nullptr, {"Alto (px)", "Height (px)"})),
         focus_param()},
        false);
    f.check = check_crop;
    return f;
}

}  // namespace

ParamSpec only_shrink_param(bool def) {
    return later(boolean_param("solo_reducir", "shrink_only", def,
                               {"Solo reducir (nunca ampliar)", "Shrink only (never enlarge)"}));
}

std::vector<ParamSpec> watermark_style_params() {
    ParamSpec font =
        text_param("fuente", "font", kMaxFontName, kDefaultFontFamily, {"Tipo de letra", "Font"});
    return {later(placement_param("centro")),
            margin_param(),
            optional(number_param("tamano", "size", 1, 100, 0,
                                  {"Tamaño (% del ancho)", "Size (% of the width)"})),
            later(colour_param("#FFFFFF", {"Color", "Colour"})),
            later(boolean_param("sombra", "shadow", false, {"Sombra", "Shadow"})),
            later(boolean_param("mosaico", "tile", false, {"Mosaico (repetir)", "Tile (repeat)"})),
            later(font)};
}

Status check_watermark_style(const FilterSpec& f, const Params& p) {
    return check_font(f, p);
}

std::vector<FilterSpec> studio_operations() {
    std::vector<FilterSpec> list;
    list.push_back(logo_step());
    list.push_back(fill_step());
    list.push_back(pad_step());
    list.push_back(crop_step());
    return list;
}

}  // namespace lote
