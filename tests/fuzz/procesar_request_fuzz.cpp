// The WebSocket `procesar` message reader: any JSON a client sends is a job or a reason, and a
// job's stored settings read back into the same job.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_target.hpp"
#include "server/protocol/procesar_request.hpp"

namespace {

// Real folders for the roots: the request checks the input folder and lists its images.
const lote::server::Roots& roots() {
    static const lote::server::Roots made = [] {
        namespace fs = std::filesystem;
        fs::path base = fs::temp_directory_path() / "lote-fuzz-procesar";
        fs::create_directories(base / "in" / "sub");
        fs::create_directories(base / "out");
        std::FILE* image = std::fopen((base / "in" / "a.jpg").c_str(), "wb");
        if (image != nullptr) {
            std::fputs("\xFF\xD8\xFF\xE0 not really a JPEG", image);
            std::fclose(image);
        }
        return lote::server::Roots{base / "in", base / "out"};
    }();
    return made;
}

}  // namespace

LOTE_FUZZ_TARGET(procesar_request) {
    auto message = nlohmann::json::parse(lote::fuzz::as_text(data, size), nullptr, false);
    if (message.is_discarded()) {
        return 0;
    }
    auto request = lote::server::parse_procesar(message, roots(), 2);
    if (!request) {
        return 0;
    }
    // What the store keeps must be valid JSON text, and must make the same job again.
    std::string stored =
        request->settings.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    auto again = lote::server::parse_procesar(nlohmann::json::parse(stored), roots(), 2);
    if (!again || again->spec.chains.size() != request->spec.chains.size()) {
        __builtin_trap();
    }
    return 0;
}
