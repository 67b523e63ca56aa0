#pragma once
// The one list of filters and operations. The CLI help, `lote filters`, the server, the page and
// the validation of every request read it; nothing else lists filters by hand.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>
#include <vips/vips8>

#include "filters/label.hpp"
#include "filters/params.hpp"
#include "util/result.hpp"

namespace lote {

// A filter takes a normalised image (8-bit uchar, 1 or 3 colour bands, optional alpha as the
// last band, sRGB or B_W interpretation) and returns one in the same normal form.
using FilterFn = std::function<vips::VImage(const vips::VImage&, const Params&)>;

struct FilterSpec {
    std::string id;                    // seed id, the protocol id (Spanish)
    std::vector<std::string> aliases;  // English alias(es)
    Label label;
    Label description;
    std::vector<ParamSpec> params;
    bool seed = false;  // one of the twelve seed filters (what `-f all` selects)
    FilterFn apply;
    // Bumped whenever the filter's pixels change for the same parameters (chain fingerprints).
    int version = 1;
    // Rules across parameters (e.g. "at least one of ancho/alto"); empty when there are none.
    std::function<Status(const FilterSpec&, const Params&)> check;
    // What the step reads besides the image (a logo file): checked and loaded once per job,
    // before any image is touched (chain_resources.hpp); empty when it reads nothing.
    std::function<Status(const Params&)> prepare;
    // A stamp of what `prepare` read (the logo's content), part of the chain fingerprint so a
    // changed file redoes the outputs made with it.
    std::function<std::string(const Params&)> resource_stamp;
};

class Registry {
  public:
    static const Registry& instance();

    const std::vector<FilterSpec>& all() const { return filters_; }
    std::vector<const FilterSpec*> seed_filters() const;
    // By id or alias, case-sensitive; nullptr if unknown.
    const FilterSpec* find(std::string_view id_or_alias) const;
    // Checks given values (keys may be ids or aliases) against the schema and fills defaults.
    // The message names the filter, the parameter and the allowed range.
    Result<Params> validate(const FilterSpec& filter, const nlohmann::json& given) const;
    // The self-description served to the CLI, the HTTP API and the page.
    nlohmann::json schema() const;

    explicit Registry(std::vector<FilterSpec> filters) : filters_(std::move(filters)) {}

  private:
    std::vector<FilterSpec> filters_;
};

}  // namespace lote
