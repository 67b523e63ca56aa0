#include "pipeline/vips_error.hpp"

#include <sstream>
#include <vips/vips8>

namespace lote {

std::string first_error_line(const std::string& vips_message) {
    // The global error buffer also holds this text; clear it so the next failure reads clean.
    vips_error_clear();
    std::istringstream lines(vips_message);
    std::string line;
    while (std::getline(lines, line)) {
        auto end = line.find_last_not_of(" \t\r");
        if (end != std::string::npos) {
            return line.substr(0, end + 1);
        }
    }
    return "unknown libvips error";
}

}  // namespace lote
