#include "batch/task_note_json.hpp"

#include <nlohmann/json.hpp>

namespace lote {

using nlohmann::json;

std::string task_note_to_text(const TaskNote& note) {
    json outputs = json::object();
    for (const auto& [chain, output] : note.outputs) {
        outputs[chain] = {{"relative", output.relative},
                          {"settings", output.settings},
                          {"folder", output.folder}};
    }
    json j = {{"image", note.image},     {"input_key", note.input_key},
              {"size", note.stamp.size}, {"mtime_ns", note.stamp.mtime_ns},
              {"hash", note.stamp.hash}, {"outputs", outputs}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<TaskNote> task_note_from_text(const std::string& text) {
    auto j = json::parse(text, nullptr, false);
    if (!j.is_object()) return fail(ErrorKind::corrupt, "a task note must be a JSON object");
    try {
        TaskNote note;
        note.image = j.at("image").get<std::string>();
        note.input_key = j.at("input_key").get<std::string>();
        note.stamp.size = j.at("size").get<std::uint64_t>();
        note.stamp.mtime_ns = j.at("mtime_ns").get<std::int64_t>();
        note.stamp.hash = j.at("hash").get<std::string>();
        for (const auto& [chain, output] : j.at("outputs").items()) {
            note.outputs[chain] = {output.at("relative").get<std::string>(),
                                   output.at("settings").get<std::string>(),
                                   output.value("folder", std::string())};
        }
        return note;
    } catch (const json::exception& e) {
        return fail(ErrorKind::corrupt, std::string("malformed task note: ") + e.what());
    }
}

}  // namespace lote
