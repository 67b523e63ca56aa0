#include "pipeline/vips_error.hpp"

#include <sstream>
#include <vips/vips8>

#include "pipeline/image_diagnostics.hpp"

namespace lote {

std::string first_error_line(const std::string& vips_message) {
    // The global error buffer also holds this text; clear it so that it does not grow without end.
    vips_error_clear();
    if (const ImageDiagnostics* own = ImageDiagnostics::current()) {
        std::string reason = own->reason();
        if (!reason.empty()) {
            return reason;
        }
    }
    std::istringstream lines(vips_message);
    std::string line;
    while (std::getline(lines, line)) {
        auto end = line.find_last_not_of(" \t\r");
        if (end != std::string::npos) {
            return line.substr(0, end + 1);
        }
    }
    return "libvips gave no reason";
}

}  // namespace lote
