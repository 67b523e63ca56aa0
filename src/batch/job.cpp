#include "batch/job.hpp"

#include "util/json_paths.hpp"

namespace lote {

namespace {

nlohmann::json chains_to_json(const std::vector<Chain>& chains) {
    nlohmann::json list = nlohmann::json::array();
    for (const Chain& chain : chains) {
        list.push_back(chain_to_json(chain));
    }
    return list;
}

Result<std::vector<Chain>> chains_from_json(const nlohmann::json& list) {
    if (!list.is_array()) {
        return fail("\"chains\" must be an array");
    }
    std::vector<Chain> chains;
    for (const auto& item : list) {
        auto chain = chain_from_json(item);
        if (!chain) {
            return chain.error();
        }
        chains.push_back(std::move(*chain));
    }
    return chains;
}

nlohmann::json naming_to_json(const NamingOptions& naming) {
    return {{"name_template", naming.name_template},
            {"slug", naming.slug},
            {"on_conflict", conflict_policy_name(naming.on_conflict)}};
}

NamingOptions naming_from_json(const nlohmann::json& j) {
    NamingOptions naming;
    if (!j.is_object()) return naming;
    naming.name_template = j.value("name_template", naming.name_template);
    naming.slug = j.value("slug", false);
    naming.on_conflict = parse_conflict_policy(j.value("on_conflict", std::string("overwrite")))
                             .value_or(ConflictPolicy::Overwrite);
    return naming;
}

}  // namespace

nlohmann::json job_spec_to_json(const JobSpec& spec) {
    nlohmann::json j = {{"recursive", spec.recursive},
                        {"chains", chains_to_json(spec.chains)},
                        {"load", to_json(spec.load)},
                        {"save", to_json(spec.save)},
                        {"executor", executor_kind_id(spec.executor)},
                        {"workers", spec.workers},
                        {"force", spec.force},
                        {"task_timeout_seconds", spec.task_timeout_seconds}};
    j["naming"] = naming_to_json(spec.naming);
    j["claim_timeout_seconds"] = spec.claim_timeout_seconds;
    j["max_deliveries"] = spec.max_deliveries;
    if (spec.worker_memory_mb) {
        j["worker_memory_mb"] = *spec.worker_memory_mb;
    }
    put_path(j, "input", spec.input.string());  // folders are bytes, like file names
    put_path(j, "output", spec.output.string());
    return j;
}

Result<JobSpec> job_spec_from_json(const nlohmann::json& j) {
    if (!j.is_object()) {
        return fail("a job must be a JSON object");
    }
    try {
        JobSpec spec;
        spec.input = path_from(j, "input");
        spec.output = path_from(j, "output");
        spec.recursive = j.value("recursive", false);
        auto chains = chains_from_json(j.value("chains", nlohmann::json::array()));
        if (!chains) {
            return chains.error();
        }
        spec.chains = std::move(*chains);
        spec.load = load_options_from_json(j.value("load", nlohmann::json::object()));
        spec.save = save_options_from_json(j.value("save", nlohmann::json::object()));
        auto executor = executor_kind_from_name(
            j.value("executor", std::string(executor_kind_id(spec.executor))));
        if (!executor) {
            return executor.error();
        }
        spec.executor = *executor;
        spec.workers = j.value("workers", 0u);
        spec.force = j.value("force", false);
        spec.task_timeout_seconds = j.value("task_timeout_seconds", spec.task_timeout_seconds);
        spec.naming = naming_from_json(j.value("naming", nlohmann::json::object()));
        spec.claim_timeout_seconds = j.value("claim_timeout_seconds", spec.claim_timeout_seconds);
        spec.max_deliveries = j.value("max_deliveries", spec.max_deliveries);
        if (j.contains("worker_memory_mb")) {
            spec.worker_memory_mb = j.at("worker_memory_mb").get<std::uint64_t>();
        }
        return spec;
    } catch (const nlohmann::json::exception& e) {
        return fail(std::string("bad job description: ") + e.what());
    }
}

}  // namespace lote
