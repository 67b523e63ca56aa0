#include "batch/builtin_presets.hpp"

namespace lote {

const std::vector<BuiltinPreset>& builtin_presets() {
    static const std::vector<BuiltinPreset> presets = {
        {"web", R"json({
  "version": 1,
  "descripcion": "Web export: 1600 px wide at most (never enlarged), sharpened, WebP 80, sRGB, credit fields only",
  "cadenas": [{"nombre": "web", "pasos": [
    {"filtro": "ajustar", "parametros": {"ancho": 1600}},
    {"filtro": "nitidez", "parametros": {}}]}],
  "formato": "webp",
  "calidad": 80,
  "metadatos": "copyright",
  "a_srgb": true
})json"},
        {"thumbnails", R"json({
  "version": 1,
  "descripcion": "Thumbnails: inside 256 x 256, JPEG 80, no metadata",
  "cadenas": [{"nombre": "thumbnails", "pasos": [
    {"filtro": "ajustar", "parametros": {"ancho": 256, "alto": 256}}]}],
  "formato": "jpeg",
  "calidad": 80,
  "metadatos": "none"
})json"},
        {"archive", R"json({
  "version": 1,
  "descripcion": "Archive: the photos unchanged as TIFF (lossless) with all their metadata",
  "cadenas": [{"nombre": "archive", "pasos": [{"filtro": "original", "parametros": {}}]}],
  "formato": "tiff",
  "metadatos": "all"
})json"},
        {"social", R"json({
  "version": 1,
  "descripcion": "Social posts: exactly 1080 x 1350 (4:5 portrait), cropped around what draws the eye, sharpened, JPEG 85, credit fields only",
  "cadenas": [{"nombre": "social", "pasos": [
    {"filtro": "rellenar", "parametros": {"ancho": 1080, "alto": 1350, "foco": "atencion"}},
    {"filtro": "nitidez", "parametros": {}}]}],
  "formato": "jpeg",
  "calidad": 85,
  "metadatos": "copyright"
})json"},
    };
    return presets;
}

}  // namespace lote
