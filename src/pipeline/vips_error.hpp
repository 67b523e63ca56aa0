#pragma once
// libvips error texts are multi-line logs ("VipsJpeg: Premature end of input file\n..."); the user
// gets their first meaningful line.
#include <string>

namespace lote {

std::string first_error_line(const std::string& vips_message);

}  // namespace lote
