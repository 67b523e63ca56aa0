#include "exec/failed_result.hpp"

#include <filesystem>

#include "util/byte_text.hpp"

namespace lote {

ImageResult failed_result(const ImageTask& task, const std::string& reason, double seconds) {
    ImageResult result;
    result.id = task.id;
    result.input = task.input;
    for (const auto& wanted : task.outputs) {
        OutputResult output;
        output.chain = wanted.chain.name;
        output.ok = false;
        output.message = reason;
        output.seconds = seconds;
        result.outputs.push_back(std::move(output));
    }
    return result;
}

std::string display_name(const ImageTask& task) {
    auto name = std::filesystem::path(task.input).filename().string();
    return display_text(name.empty() ? task.input : name);  // for messages: valid UTF-8
}

}  // namespace lote
