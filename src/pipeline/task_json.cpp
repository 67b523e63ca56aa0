// The JSON form of ImageTask and ImageResult, spoken between the process pool and its workers.
// Paths travel as bytes (util/json_paths.hpp): a name that is not UTF-8 arrives unchanged.
#include <string>

#include "pipeline/process_image.hpp"
#include "util/json_paths.hpp"

namespace lote {

namespace {

using nlohmann::json;

// An output whose name is rendered by the worker (OutputRequest.name).
Status read_later_name(const json& j, OutputRequest& request) {
    if (!request.path.empty()) {
        return {};
    }
    if (!j.contains("name") || !j.contains("folder") || !j["folder"].is_string()) {
        return fail("an output without \"path\" needs \"folder\" and \"name\"");
    }
    auto pattern = name_pattern_from_json(j["name"]);
    if (!pattern) {
        return pattern.error();
    }
    request.folder = j["folder"].get<std::string>();
    request.name = std::move(*pattern);
    request.on_conflict = parse_conflict_policy(j.value("on_conflict", std::string("overwrite")))
                              .value_or(ConflictPolicy::Overwrite);
    request.replaceable = j.value("replaceable", std::vector<std::string>{});
    return {};
}

json output_request_to_json(const OutputRequest& output) {
    json j{{"chain", chain_to_json(output.chain)}};
    put_path(j, "path", output.path);  // file names are bytes (util/json_paths.hpp)
    if (output.path.empty()) {
        j["folder"] = output.folder;
        j["name"] = to_json(output.name);
        j["on_conflict"] = conflict_policy_name(output.on_conflict);
        j["replaceable"] = output.replaceable;
    }
    return j;
}

Result<OutputRequest> output_request_from_json(const json& j) {
    if (!j.is_object() || !j.contains("chain") || !j.contains("path") || !j["path"].is_string()) {
        return fail("an output needs \"chain\" and \"path\"");
    }
    auto chain = chain_from_json(j["chain"]);
    if (!chain) {
        return fail(chain.message());
    }
    OutputRequest request{std::move(*chain), path_from(j, "path")};
    if (Status named = read_later_name(j, request); !named) {
        return named.error();
    }
    return request;
}

Result<ImageTask> task_from_checked_json(const json& j) {
    ImageTask task;
    task.id = j.value("id", std::uint64_t{0});
    task.input = path_from(j, "input");
    for (const auto& output : j.at("outputs")) {
        auto request = output_request_from_json(output);
        if (!request) {
            return fail(request.message());
        }
        task.outputs.push_back(std::move(*request));
    }
    task.load = load_options_from_json(j.value("load", json::object()));
    task.save = save_options_from_json(j.value("save", json::object()));
    return task;
}

OutputResult output_result_from_json(const json& j) {
    OutputResult out;
    out.chain = j.at("chain").get<std::string>();
    out.path = path_from(j, "path", std::string{});
    out.ok = j.at("ok").get<bool>();
    out.message = j.value("message", std::string{});
    out.kind = error_kind_from_name(j.value("kind", std::string{}));
    out.warning = j.value("warning", std::string{});
    out.seconds = j.value("seconds", 0.0);
    out.bytes = j.value("bytes", std::uint64_t{0});
    out.skipped = j.value("skipped", false);
    return out;
}

}  // namespace

json to_json(const ImageTask& t) {
    json outputs = json::array();
    for (const auto& output : t.outputs) {
        outputs.push_back(output_request_to_json(output));
    }
    json task = {
        {"id", t.id}, {"outputs", outputs}, {"load", to_json(t.load)}, {"save", to_json(t.save)}};
    put_path(task, "input", t.input);
    return task;
}

Result<ImageTask> image_task_from_json(const json& j) {
    if (!j.is_object() || !j.contains("input") || !j.contains("outputs") ||
        !j["outputs"].is_array()) {
        return fail("a task needs \"input\" and an \"outputs\" array");
    }
    try {
        return task_from_checked_json(j);
    } catch (const json::exception& e) {
        return fail(std::string("malformed task: ") + e.what());
    }
}

json to_json(const ImageResult& r) {
    json outputs = json::array();
    for (const auto& o : r.outputs) {
        json entry = {{"chain", o.chain},     {"ok", o.ok},       {"message", o.message},
                      {"seconds", o.seconds}, {"bytes", o.bytes}, {"skipped", o.skipped}};
        put_path(entry, "path", o.path);
        if (!o.ok) {
            entry["kind"] = std::string(error_kind_name(o.kind));
        }
        if (!o.warning.empty()) {
            entry["warning"] = o.warning;
        }
        outputs.push_back(std::move(entry));
    }
    json result = {{"id", r.id}, {"outputs", outputs}, {"warnings", r.warnings}};
    put_path(result, "input", r.input);
    if (!r.node.empty()) result["node"] = r.node;
    return result;
}

Result<ImageResult> image_result_from_json(const json& j) {
    if (!j.is_object() || !j.contains("outputs") || !j["outputs"].is_array()) {
        return fail("a result needs an \"outputs\" array");
    }
    try {
        ImageResult result;
        result.id = j.value("id", std::uint64_t{0});
        result.input = path_from(j, "input", std::string{});
        result.node = j.value("node", std::string{});
        for (const auto& output : j["outputs"]) {
            result.outputs.push_back(output_result_from_json(output));
        }
        result.warnings = j.value("warnings", std::vector<std::string>{});
        return result;
    } catch (const json::exception& e) {
        return fail(std::string("malformed result: ") + e.what());
    }
}

}  // namespace lote
