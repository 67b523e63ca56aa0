// choose_output_extension (declared in options.hpp).
//
// Without a chosen format an output keeps the input's kind, decided by content: a JPEG named
// "photo.JPEG" keeps ".JPEG", a JPEG misnamed "photo.png" gets ".jpg" (the name then tells the
// truth), and inputs lote cannot write back (BMP, unreadable files) get ".png", lossless and read
// everywhere.
#include <filesystem>

#include "pipeline/encode_image.hpp"
#include "pipeline/input_format.hpp"
#include "pipeline/options.hpp"

namespace lote {

std::string choose_output_extension(const std::string& input_path, const SaveOptions& save) {
    if (save.format) {
        return format_extension(*save.format);
    }
    auto input = detect_input_format(input_path);
    if (!input || !input->writable_as || !can_write(*input->writable_as)) {
        return format_extension(Format::Png);
    }
    std::string own = std::filesystem::path(input_path).extension().string();
    if (parse_format(own) == input->writable_as) {
        return own;
    }
    return format_extension(*input->writable_as);
}

}  // namespace lote
