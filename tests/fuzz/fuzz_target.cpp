#include "fuzz/fuzz_target.hpp"

#include <mutex>
#include <vips/vips8>

#include "pipeline/init_image_io.hpp"

namespace lote::fuzz {

std::map<std::string, TargetFunction>& targets() {
    static std::map<std::string, TargetFunction> all;
    return all;
}

void start_libvips() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (VIPS_INIT("lote-fuzz") != 0) {
            vips_error_exit("cannot start libvips");
        }
        vips_concurrency_set(1);
        init_image_io();
    });
}

}  // namespace lote::fuzz
