#pragma once
// libvips error texts are multi-line logs ("VipsJpeg: Premature end of input file\n..."); the user
// gets their first meaningful line. The text of a vips::VError is a copy of libvips'
// process-wide error buffer, which may hold another image's lines: when the calling thread works
// for an image (pipeline/image_diagnostics.hpp), that image's own reason is given instead.
#include <string>

namespace lote {

std::string first_error_line(const std::string& vips_message);

}  // namespace lote
