#pragma once
// The pixel code of every filter, one function per filter, in the registry's FilterFn shape.
// Each receives and returns the normal form described in registry.hpp.

#include <vips/vips8>

#include "filters/params.hpp"

namespace lote::filters {

// Point operations (point_filters.cpp).
vips::VImage invertir(const vips::VImage& image, const Params& params);
vips::VImage grises(const vips::VImage& image, const Params& params);
vips::VImage brillo(const vips::VImage& image, const Params& params);
vips::VImage contraste(const vips::VImage& image, const Params& params);
vips::VImage sepia(const vips::VImage& image, const Params& params);
vips::VImage posterizar(const vips::VImage& image, const Params& params);

// Neighbourhood operations (box_blur.cpp, kernel3x3_filters.cpp).
vips::VImage blur(const vips::VImage& image, const Params& params);
vips::VImage nitidez(const vips::VImage& image, const Params& params);
vips::VImage bordes(const vips::VImage& image, const Params& params);
vips::VImage relieve(const vips::VImage& image, const Params& params);

// Geometry (geometry_filters.cpp).
vips::VImage redimensionar(const vips::VImage& image, const Params& params);
vips::VImage ajustar(const vips::VImage& image, const Params& params);
vips::VImage rotar(const vips::VImage& image, const Params& params);
vips::VImage voltear(const vips::VImage& image, const Params& params);

// Text (watermark.cpp).
vips::VImage marca_agua(const vips::VImage& image, const Params& params);

// Framing (framing_filters.cpp).
vips::VImage rellenar(const vips::VImage& image, const Params& params);
vips::VImage lienzo(const vips::VImage& image, const Params& params);
vips::VImage recortar(const vips::VImage& image, const Params& params);

// Logo (logo_filter.cpp).
vips::VImage logo(const vips::VImage& image, const Params& params);

}  // namespace lote::filters
