#include "exec/redis/result_entries.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "exec/failed_result.hpp"
#include "pipeline/name_pattern.hpp"

namespace lote {

ResultKind result_kind(const StreamEntry& entry) {
    std::string kind = entry.get("kind");
    if (kind == "started") return ResultKind::Started;
    if (kind == "done") return ResultKind::Done;
    if (kind == "dead") return ResultKind::Dead;
    return ResultKind::Unknown;
}

std::optional<std::uint64_t> result_task(const StreamEntry& entry) {
    std::string text = entry.get("task");
    std::uint64_t task = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), task);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return task;
}

std::string node_of_consumer(const std::string& consumer) {
    auto colon = consumer.rfind(':');
    return colon == std::string::npos ? consumer : consumer.substr(0, colon);
}

Result<ImageResult> reported_result(const StreamEntry& entry) {
    ImageResult result;
    if (result_kind(entry) == ResultKind::Done) {
        auto json = nlohmann::json::parse(entry.get("result"), nullptr, false);
        if (json.is_discarded()) return fail(ErrorKind::corrupt, "not JSON");
        auto parsed = image_result_from_json(json);
        if (!parsed) return parsed.error();
        result = std::move(*parsed);
        result.node = entry.get("node");
    } else {
        result.node = node_of_consumer(entry.get("node"));
    }
    if (auto task = result_task(entry)) result.id = *task;
    return result;
}

std::string dead_letter_reason(const StreamEntry& entry) {
    return "set aside after " + entry.get("deliveries") +
           " deliveries: every node that took this image stopped before finishing it (the last "
           "was " +
           node_of_consumer(entry.get("node")) + ")";
}

ImageResult dead_letter_result(const StreamEntry& entry, const ImageTask& task) {
    ImageResult result = failed_result(task, dead_letter_reason(entry));
    result.node = node_of_consumer(entry.get("node"));
    return result;
}

namespace {

// Where the coordinator takes an output to be: the path it planned, or, for a name the node
// renders from the decoded image ({date}, {w}, {h}), the node's path when it is a name of that
// pattern directly in the planned folder. Anything else a node says is not believed.
Result<std::string> accepted_path(const OutputRequest& planned, const OutputResult& sent,
                                  const std::string& node) {
    if (!planned.path.empty()) return planned.path;
    const std::filesystem::path path = std::filesystem::path(sent.path).lexically_normal();
    const std::filesystem::path folder =
        (std::filesystem::path(planned.folder) / "").lexically_normal().parent_path();
    if (path.parent_path() != folder || !name_matches(planned.name, path.filename().string())) {
        return fail(ErrorKind::corrupt, "node " + node + " reported an output outside its folder");
    }
    return path.string();
}

}  // namespace

ImageResult planned_result(const StreamEntry& entry, const ImageTask& task) {
    const std::string node = entry.get("node");
    auto reported = reported_result(entry);
    if (!reported || reported->id != task.id) {
        std::string why = reported ? "a result for another image" : reported.message();
        ImageResult failed =
            failed_result(task, "node " + node + " sent an invalid result (" + why + ")");
        failed.node = node;
        return failed;
    }
    ImageResult result;
    result.id = task.id;
    result.input = task.input;
    result.node = node;
    for (const auto& planned : task.outputs) {
        OutputResult output;
        output.chain = planned.chain.name;
        output.ok = false;
        output.message = "node " + node + " did not report this output";
        for (const auto& sent : reported->outputs) {
            if (sent.chain != planned.chain.name) continue;
            output = sent;
            break;
        }
        if (output.ok) {
            auto path = accepted_path(planned, output, node);
            output.ok = path.ok();
            output.path = path ? *path : std::string();
            if (!path) {
                output.message = path.message();
                output.kind = path.kind();
            }
        } else {
            output.path.clear();
        }
        result.outputs.push_back(std::move(output));
    }
    return result;
}

}  // namespace lote
