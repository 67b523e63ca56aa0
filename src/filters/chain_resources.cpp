#include "filters/chain_resources.hpp"

#include <fmt/format.h>

#include "util/error_codes.hpp"

namespace lote {

namespace {

// "chain \"web\", step 2: " for a chain of several steps or a name of its own; nothing for a
// single filter (its message already starts with the filter's id).
std::string where(const Chain& chain, std::size_t step) {
    if (chain.steps.size() == 1 && chain.name == chain.steps.front().filter->id) {
        return "";
    }
    return fmt::format("chain \"{}\", step {}: ", chain.name, step + 1);
}

// The step's failure with its place: its code (or step_file_unusable) and params kept, the chain,
// step, filter and parameter added.
Error in_step(Error error, std::string message, const Chain& chain, std::size_t step,
              const std::string& parameter) {
    error.message = std::move(message);
    if (error.code.empty()) {
        error.code = codes::step_file_unusable;
        error.params["cause"] = std::string(error_kind_name(error.kind));
    }
    error.params["chain"] = chain.name;
    error.params["step"] = step + 1;
    error.params["filter"] = chain.steps[step].filter->id;
    if (!parameter.empty()) error.params["parameter"] = parameter;
    return error;
}

}  // namespace

Status resolve_step_files(std::vector<Chain>& chains, const FileResolver& resolve) {
    for (Chain& chain : chains) {
        for (std::size_t i = 0; i < chain.steps.size(); ++i) {
            Step& step = chain.steps[i];
            for (const ParamSpec& spec : step.filter->params) {
                if (spec.format != TextFormat::File || !step.params.has(spec.id)) {
                    continue;
                }
                auto resolved = resolve(step.params.text(spec.id));
                if (!resolved) {
                    return in_step(resolved.error(),
                                   fmt::format("{}{}: parameter \"{}\": {}", where(chain, i),
                                               step.filter->id, spec.id, resolved.message()),
                                   chain, i, spec.id);
                }
                step.params.set(spec.id, *resolved);
            }
        }
    }
    return Status::success();
}

Status prepare_chain_resources(const std::vector<Chain>& chains) {
    for (const Chain& chain : chains) {
        for (std::size_t i = 0; i < chain.steps.size(); ++i) {
            const Step& step = chain.steps[i];
            if (!step.filter->prepare) {
                continue;
            }
            if (Status ready = step.filter->prepare(step.params); !ready) {
                return in_step(ready.error(), where(chain, i) + ready.message(), chain, i, {});
            }
        }
    }
    return Status::success();
}

std::vector<std::string> files_read_by(const std::vector<Chain>& chains) {
    std::vector<std::string> files;
    for (const Chain& chain : chains) {
        for (const Step& step : chain.steps) {
            for (const ParamSpec& spec : step.filter->params) {
                if (spec.format == TextFormat::File && step.params.has(spec.id)) {
                    files.push_back(step.params.text(spec.id));
                }
            }
        }
    }
    return files;
}

}  // namespace lote
