#include "pipeline/vips_modules.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace lote {

void use_only_needed_vips_modules(const char* home) {
    if (home == nullptr || *home == '\0' || std::getenv("VIPSHOME") != nullptr) {
        return;
    }
    std::error_code error;
    if (std::filesystem::is_directory(home, error)) {
        setenv("VIPSHOME", home, 0);
    }
}

}  // namespace lote
