#include "filters/catalog.hpp"

#include "filters/filter_functions.hpp"
#include "filters/param_builders.hpp"

namespace lote {

namespace {

// Watermark texts longer than this are refused (a watermark is a word or two, not a document).
constexpr std::size_t kMaxWatermarkText = 200;

ParamSpec factor_param(double def) {
    return number_param("factor", "factor", 0, 10, def, {"Factor", "Factor"});
}

std::vector<FilterSpec> seed_filters() {
    std::vector<FilterSpec> list;
    list.push_back(filter(
        "invertir", "invert", {"Invertir colores", "Invert colours"},
        {"Cada canal de color pasa a 255 − valor.", "Each colour channel becomes 255 − value."},
        filters::invertir));
    list.push_back(filter("grises", "grayscale", {"Escala de grises", "Grayscale"},
                          {"Luminancia ITU-R 601-2 (una banda).", "ITU-R 601-2 luma (one band)."},
                          filters::grises));
    list.push_back(filter("blur", "gaussian-blur", {"Desenfoque gaussiano", "Gaussian blur"},
                          {"Desenfoque gaussiano de Pillow (caja extendida, 3 pasadas).",
                           "Pillow's Gaussian blur (extended box, 3 passes)."},
                          filters::blur,
                          {number_param("radio", "radius", 0, 100, 5, {"Radio", "Radius"}, true)}));
    list.push_back(
        filter("nitidez", "sharpen", {"Nitidez", "Sharpen"},
               {"Aumenta la nitidez (factor 1 = sin cambios).", "Sharpens (factor 1 = unchanged)."},
               filters::nitidez, {factor_param(2.0)}));
    list.push_back(
        filter("brillo", "brightness", {"Brillo", "Brightness"},
               {"Multiplica cada canal por el factor.", "Multiplies each channel by the factor."},
               filters::brillo, {factor_param(1.5)}));
    list.push_back(filter(
        "contraste", "contrast", {"Contraste", "Contrast"},
        {"Aleja cada valor de la luminancia media.", "Moves each value away from the mean luma."},
        filters::contraste, {factor_param(1.5)}));
    list.push_back(
        filter("sepia", "sepia", {"Sepia", "Sepia"},
               {"Tono sepia clásico (matriz de 3×3).", "Classic sepia tone (3×3 matrix)."},
               filters::sepia));
    list.push_back(filter("bordes", "edges", {"Detectar bordes", "Find edges"},
                          {"Filtro de bordes 3×3 de Pillow.", "Pillow's 3×3 edge filter."},
                          filters::bordes));
    list.push_back(filter("relieve", "emboss", {"Relieve", "Emboss"},
                          {"Filtro de relieve 3×3 de Pillow.", "Pillow's 3×3 emboss filter."},
                          filters::relieve));
    list.push_back(filter(
        "posterizar", "posterize", {"Posterizar", "Posterize"},
        {"Conserva los bits más altos de cada canal.", "Keeps the top bits of each channel."},
        filters::posterizar, {integer_param("bits", "bits", 1, 8, 4, {"Bits", "Bits"})}));
    list.push_back(filter(
        "redimensionar", "resize", {"Redimensionar", "Resize"},
        {"Escala al porcentaje dado (Lanczos3).", "Scales to the given percentage (Lanczos3)."},
        filters::redimensionar,
        {number_param("porcentaje", "percent", 1, 1000, 50, {"Porcentaje", "Percent"})}));
    ParamSpec text;
    text.id = "texto";
    text.aliases = {"text"};
    text.type = ParamType::Text;
    text.max_length = kMaxWatermarkText;
    text.default_value = "PROCESADO";
    text.label = {"Texto", "Text"};
    std::vector<ParamSpec> watermark_params = {
        text, number_param("opacidad", "opacity", 0, 1, 0.3, {"Opacidad", "Opacity"})};
    for (auto& p : watermark_style_params()) {
        watermark_params.push_back(std::move(p));
    }
    FilterSpec mark =
        filter("marca_agua", "watermark", {"Marca de agua", "Watermark"},
               {"Texto semitransparente: blanco y centrado, o en la esquina, el color, "
                "el tamaño y la letra que se elijan, con sombra o en mosaico.",
                "Semi-transparent text: white and centred, or in the corner, colour, "
                "size and font chosen, with a shadow or tiled."},
               filters::marca_agua, std::move(watermark_params));
    mark.check = check_watermark_style;
    list.push_back(std::move(mark));
    return list;
}

Status need_width_or_height(const FilterSpec& f, const Params& p) {
    if (p.has("ancho") || p.has("alto")) {
        return Status::success();
    }
    return fail(f.id + ": give at least one of \"ancho\" (width) or \"alto\" (height)");
}

std::vector<FilterSpec> operations() {
    std::vector<FilterSpec> list;
    ParamSpec enlarge;
    enlarge.id = "ampliar";
    enlarge.aliases = {"enlarge"};
    enlarge.type = ParamType::Boolean;
    enlarge.default_value = false;
    enlarge.label = {"Ampliar si es menor", "Enlarge if smaller"};
    FilterSpec fit =
        filter("ajustar", "fit", {"Ajustar al tamaño", "Fit in box"},
               {"Cabe en ancho × alto conservando la proporción; solo reduce (no amplía una "
                "imagen menor) salvo solo_reducir=false o ampliar=true.",
                "Fits inside width × height keeping the aspect ratio; only shrinks (a smaller "
                "image keeps its size) unless shrink_only=false or enlarge=true."},
               filters::ajustar,
               {integer_param("ancho", "width", 1, 65535, nullptr, {"Ancho", "Width"}),
                integer_param("alto", "height", 1, 65535, nullptr, {"Alto", "Height"}), enlarge,
                only_shrink_param(true)},
               false);
    fit.check = need_width_or_height;
    list.push_back(std::move(fit));
    list.push_back(filter(
        "rotar", "rotate", {"Rotar", "Rotate"},
        {"Gira en sentido horario 90, 180 o 270 grados.",
         "Rotates clockwise by 90, 180 or 270 degrees."},
        filters::rotar,
        {choice_param("grados", "degrees", {"90", "180", "270"}, "90", {"Grados", "Degrees"})},
        false));
    list.push_back(filter("voltear", "flip", {"Voltear", "Flip"},
                          {"Refleja la imagen en horizontal o en vertical.",
                           "Mirrors the image horizontally or vertically."},
                          filters::voltear,
                          {choice_param("direccion", "direction", {"horizontal", "vertical"},
                                        "horizontal", {"Dirección", "Direction"})},
                          false));
    return list;
}

}  // namespace

std::vector<FilterSpec> build_catalog() {
    std::vector<FilterSpec> all = seed_filters();
    for (auto& op : operations()) {
        all.push_back(std::move(op));
    }
    for (auto& op : studio_operations()) {
        all.push_back(std::move(op));
    }
    return all;
}

}  // namespace lote
