#include "filters/catalog.hpp"

#include "filters/filter_functions.hpp"
#include "filters/param_builders.hpp"

namespace lote {

namespace {

// Watermark texts longer than this are refused (a watermark is a word or two, not a document).
constexpr std::size_t kMaxWatermarkText = 200;

ParamSpec factor_param(double def) {
    return number_param("factor", "factor", 0, 10, def, {"Intensidad", "Strength"});
}

std::vector<FilterSpec> seed_filters() {
    std::vector<FilterSpec> list;
    list.push_back(filter("invertir", "invert", {"Invertir colores", "Invert colours"},
                          {"Como un negativo: cada color pasa a su opuesto.",
                           "Like a negative: every colour becomes its opposite."},
                          filters::invertir));
    list.push_back(filter("grises", "grayscale", {"Escala de grises", "Grayscale"},
                          {"Blanco y negro con la claridad de cada color, como la ve el ojo.",
                           "Black and white, each colour as bright as the eye sees it."},
                          filters::grises));
    list.push_back(filter("blur", "gaussian-blur", {"Desenfoque gaussiano", "Gaussian blur"},
                          {"Suaviza la foto; cuanto mayor el radio, más borrosa.",
                           "Softens the photo; the larger the radius, the blurrier."},
                          filters::blur,
                          {number_param("radio", "radius", 0, 100, 5, {"Radio", "Radius"}, true)}));
    list.push_back(filter("nitidez", "sharpen", {"Nitidez", "Sharpen"},
                          {"Realza los detalles (1 = sin cambios, más = más nítida).",
                           "Brings out detail (1 = unchanged, higher = crisper)."},
                          filters::nitidez, {factor_param(2.0)}));
    list.push_back(filter("brillo", "brightness", {"Brillo", "Brightness"},
                          {"Aclara u oscurece la foto (1 = sin cambios, 1,5 = más clara).",
                           "Lightens or darkens the photo (1 = unchanged, 1.5 = lighter)."},
                          filters::brillo, {factor_param(1.5)}));
    list.push_back(filter("contraste", "contrast", {"Contraste", "Contrast"},
                          {"Separa más las luces de las sombras (1 = sin cambios).",
                           "Pulls highlights and shadows further apart (1 = unchanged)."},
                          filters::contraste, {factor_param(1.5)}));
    list.push_back(
        filter("sepia", "sepia", {"Sepia", "Sepia"},
               {"Tono cálido de foto antigua.", "The warm brown tone of an old photograph."},
               filters::sepia));
    list.push_back(filter("bordes", "edges", {"Detectar bordes", "Find edges"},
                          {"Deja solo los contornos, claros sobre fondo oscuro.",
                           "Keeps only the outlines, light on a dark background."},
                          filters::bordes));
    list.push_back(filter("relieve", "emboss", {"Relieve", "Emboss"},
                          {"Efecto de relieve gris, como grabado en metal.",
                           "A grey raised effect, as if stamped in metal."},
                          filters::relieve));
    list.push_back(filter("posterizar", "posterize", {"Posterizar", "Posterize"},
                          {"Reduce los colores a unos pocos tonos planos, como un póster.",
                           "Reduces the colours to a few flat tones, like a poster."},
                          filters::posterizar,
                          {integer_param("bits", "bits", 1, 8, 4,
                                         {"Niveles (1 = muy pocos tonos, 8 = todos)",
                                          "Levels (1 = very few tones, 8 = all)"})}));
    list.push_back(
        filter("redimensionar", "resize", {"Redimensionar", "Resize"},
               {"Cambia el tamaño al porcentaje dado (50 = la mitad).",
                "Resizes to the given percentage (50 = half the size)."},
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
        text, number_param(
                  "opacidad", "opacity", 0, 1, 0.3,
                  {"Opacidad (0 = invisible, 1 = opaca)", "Opacity (0 = invisible, 1 = solid)"})};
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
               {"Cabe dentro del ancho y el alto sin deformarse; una foto más pequeña se queda "
                "como está salvo que se marque «Ampliar si es menor».",
                "Fits inside the width and height without distortion; a smaller photo keeps "
                "its size unless “Enlarge if smaller” is ticked."},
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
    // An output of the photo as it is (re-encoded, with its metadata by the policy): archives,
    // format conversions.
    list.push_back(filter(
        "original", "copy", {"Original", "Original"},
        {"La imagen sin cambios (para archivar o cambiar de formato).",
         "The image unchanged (to archive or convert the format)."},
        [](const vips::VImage& image, const Params&) { return image; }, {}, false));
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
