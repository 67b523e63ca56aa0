// `lote filters`: the registry as a readable table (English by default, `--lang es`), or its
// JSON schema with `--json` (the same document GET /api/filters serves).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "filters/param_rules.hpp"
#include "filters/registry.hpp"

namespace lote::cli {

namespace {

const std::string& in_language(const Label& label, const std::string& lang) {
    return lang == "es" ? label.es : label.en;
}

std::string names_of(const std::string& id, const std::vector<std::string>& aliases) {
    return aliases.empty() ? id : id + "/" + aliases.front();
}

std::string number_text(double v) {
    return fmt::format("{}", v);
}

// The Spanish wording of allowed_values (which speaks English, like every error message).
std::string allowed_values_es(const ParamSpec& p) {
    const std::string range = fmt::format("{} {} {} <= {}", number_text(p.min),
                                          p.min_exclusive ? "<" : "<=", p.id, number_text(p.max));
    switch (p.type) {
        case ParamType::Number:
            return "número con " + range;
        case ParamType::Integer:
            return "entero con " + range;
        case ParamType::Boolean:
            return "true o false";
        case ParamType::Choice:
            return fmt::format("uno de {}", fmt::join(p.choices, ", ")) +
                   (p.choice_aliases.empty() ? "" : " (o su nombre en inglés)");
        case ParamType::Text:
            if (p.format == TextFormat::Colour) {
                return "color escrito #RRGGBB (o #RGB)";
            }
            if (p.format == TextFormat::File) {
                return fmt::format("ruta de un archivo {}", fmt::join(p.accept, " o "));
            }
            return fmt::format("texto de hasta {} caracteres", p.max_length);
    }
    return "";
}

// "radio/radius: a number with 0 < radio <= 100, default 5"
std::string describe_param(const ParamSpec& p, const std::string& lang) {
    const bool es = lang == "es";
    std::string text =
        names_of(p.id, p.aliases) + ": " + (es ? allowed_values_es(p) : allowed_values(p));
    if (!p.default_value.is_null()) {
        text += (es ? ", por defecto " : ", default ") + shown(p.default_value);
    } else if (p.required) {
        text += es ? ", obligatorio" : ", required";
    } else {
        text += es ? ", opcional" : ", optional";
    }
    return text;
}

void print_table(const Registry& registry, const std::string& lang) {
    const bool es = lang == "es";
    constexpr int kId = 15;
    constexpr int kAlias = 15;
    constexpr int kLabel = 24;
    std::cout << fmt::format("{:<{}}{:<{}}{:<{}}{}\n", "ID", kId, es ? "ALIAS" : "ALIAS", kAlias,
                             es ? "NOMBRE" : "NAME", kLabel, es ? "PARÁMETROS" : "PARAMETERS");
    for (const auto& f : registry.all()) {
        const std::string alias = f.aliases.empty() ? "-" : f.aliases.front();
        std::string label = in_language(f.label, lang) + (f.seed ? "" : " *");
        std::vector<std::string> params;
        for (const auto& p : f.params) {
            params.push_back(describe_param(p, lang));
        }
        if (params.empty()) {
            params.push_back("-");
        }
        std::cout << fmt::format("{:<{}}{:<{}}{:<{}}{}\n", f.id, kId, alias, kAlias, label, kLabel,
                                 params.front());
        for (std::size_t i = 1; i < params.size(); ++i) {
            std::cout << fmt::format("{:<{}}{}\n", "", kId + kAlias + kLabel, params[i]);
        }
    }
    std::cout << (es ? "\n* operación (no es uno de los doce filtros del original; `-f all` no la "
                       "incluye)\n"
                     : "\n* operation (not one of the original twelve filters; `-f all` leaves it "
                       "out)\n");
    std::cout << (es ? "Cadena: \"redimensionar:porcentaje=25 | nitidez:factor=1.5 | "
                       "marca_agua:texto='ACME, S.A.'\"\n"
                     : "Chain: \"resize:percent=25 | sharpen:factor=1.5 | watermark:text='ACME, "
                       "Inc.'\"\n");
}

}  // namespace

void add_filters_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("filters", "List the filters, their parameters and ranges");
    auto json = std::make_shared<bool>(false);
    auto lang = std::make_shared<std::string>("en");
    cmd->add_flag("--json", *json, "Print the registry's JSON schema");
    cmd->add_option("--lang", *lang, "Language of the names: en or es")
        ->check(CLI::IsMember({"en", "es"}));
    cmd->callback([json, lang, &exit_code] {
        const Registry& registry = Registry::instance();
        if (*json) {
            std::cout << registry.schema().dump(2) << "\n";
        } else {
            print_table(registry, *lang);
        }
        exit_code = kExitOk;
    });
}

}  // namespace lote::cli
