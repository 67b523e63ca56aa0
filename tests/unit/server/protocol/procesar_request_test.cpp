// parse_procesar: a `procesar` message checked field by field; each refusal names what is wrong
// and nothing is queued, and an accepted request is normalised the way the job store keeps it.
#include "server/protocol/procesar_request.hpp"

#include <gtest/gtest.h>

#include "unit/server/server_fixture.hpp"

namespace lote::server::testing {
namespace {

class ProcesarRequest : public ServerFixture {
  protected:
    void SetUp() override {
        ServerFixture::SetUp();
        make_images(3);
        make_images(2, "sub");
    }
    Result<JobRequest> parse(const json& message) { return parse_procesar(message, roots(), 4); }
    // The refusal's message for `message` (fails the test when it is accepted).
    std::string refusal(const json& message) {
        auto parsed = parse(message);
        EXPECT_FALSE(parsed) << message.dump();
        return parsed ? std::string() : parsed.message();
    }
};

TEST_F(ProcesarRequest, AMinimalRequestIsTheSeedsDefaults) {
    auto r = parse({{"tipo", "procesar"}});
    ASSERT_TRUE(r) << r.message();
    EXPECT_EQ(r->names, std::vector<std::string>{"grises"});
    EXPECT_EQ(r->spec.executor, ExecutorKind::processes);
    EXPECT_TRUE(r->spec.force);
    EXPECT_FALSE(r->spec.recursive);
    EXPECT_EQ(r->images, 3u);
    EXPECT_EQ(r->spec.input, input_);
    EXPECT_EQ(r->spec.output, output_);
    EXPECT_EQ(r->settings["modo"], "procesos");
    EXPECT_EQ(r->settings["entrada"], "");
    EXPECT_FALSE(r->settings.contains("trabajadores"));  // 0 = one per core is never stored
}

TEST_F(ProcesarRequest, NormalisesAliasesParametersAndChains) {
    json message = job({"blur"});
    message["parametros"] = {{"blur", {{"radius", 3}}}};
    message["cadenas"] =
        json::array({{{"nombre", "web"}, {"pasos", json::array({{{"filtro", "grises"}}})}}});
    message["modo"] = "processes";
    message["entrada"] = "sub";
    message["trabajadores"] = 2;
    message["calidad"] = 80;
    auto r = parse(message);
    ASSERT_TRUE(r) << r.message();
    EXPECT_EQ(r->names, (std::vector<std::string>{"blur", "web"}));
    EXPECT_EQ(r->spec.chains.size(), 2u);
    EXPECT_EQ(r->spec.executor, ExecutorKind::processes);
    EXPECT_EQ(r->settings["modo"], "procesos");
    EXPECT_EQ(r->settings["parametros"]["blur"]["radio"], 3);
    EXPECT_EQ(r->settings["filtros"], json::array({"blur"}));
    EXPECT_EQ(r->settings["cadenas"][0]["nombre"], "web");
    EXPECT_EQ(r->settings["trabajadores"], 2);
    EXPECT_EQ(r->settings["calidad"], 80);
    EXPECT_EQ(r->images, 2u);
    // The stored settings parse again to the same job: that is how a job resumes.
    auto again = parse(r->settings);
    ASSERT_TRUE(again) << again.message();
    EXPECT_EQ(again->settings, r->settings);
}

TEST_F(ProcesarRequest, RefusesBadFilterLists) {
    EXPECT_EQ(refusal({{"filtros", "grises"}}),
              "'filtros' debe ser una lista de nombres de filtro");
    EXPECT_EQ(refusal({{"filtros", {1}}}), "'filtros' debe ser una lista de nombres de filtro");
    EXPECT_EQ(refusal({{"filtros", {"nope"}}}), "Filtro desconocido: nope");
    EXPECT_EQ(refusal({{"filtros", {"grises", "grayscale"}}}), "Filtro repetido: grises");
    EXPECT_EQ(refusal({{"filtros", json::array()}}), "No se ha pedido ningún filtro");
}

TEST_F(ProcesarRequest, RefusesBadParameters) {
    EXPECT_EQ(refusal({{"parametros", {1, 2}}}),
              "'parametros' debe ser un objeto: filtro -> {parámetro: valor}");
    EXPECT_EQ(refusal({{"parametros", {{"nope", json::object()}}}}),
              "Filtro desconocido en 'parametros': nope");
    EXPECT_EQ(refusal({{"parametros", {{"blur", 3}}}}), "'parametros.blur' debe ser un objeto");
    std::string range =
        refusal({{"filtros", {"blur"}}, {"parametros", {{"blur", {{"radio", -1}}}}}});
    EXPECT_EQ(range.rfind("Parámetro inválido: ", 0), 0u) << range;
    EXPECT_NE(range.find("radio"), std::string::npos) << range;
    // Parameters of a filter that was not asked for are checked all the same.
    EXPECT_EQ(refusal({{"filtros", {"grises"}}, {"parametros", {{"blur", {{"radio", 1e9}}}}}})
                  .rfind("Parámetro inválido: ", 0),
              0u);
    EXPECT_EQ(refusal({{"filtros", {"blur"}}, {"parametros", {{"blur", {{"nope", 1}}}}}})
                  .rfind("Parámetro inválido: ", 0),
              0u);
}

TEST_F(ProcesarRequest, RefusesBadChains) {
    EXPECT_EQ(refusal({{"cadenas", "x"}}), "'cadenas' debe ser una lista de cadenas");
    EXPECT_EQ(refusal({{"cadenas", {1}}}), "cada cadena debe ser un objeto {nombre, pasos}");
    EXPECT_EQ(refusal({{"cadenas", {{{"nombre", "a"}, {"pasos", json::array()}}}}})
                  .rfind("Cadena inválida: ", 0),
              0u);
    for (const char* name : {".hidden", "a/b", "c:d"}) {
        std::string why = refusal(
            {{"cadenas", {{{"nombre", name}, {"pasos", json::array({{{"filtro", "grises"}}})}}}}});
        EXPECT_EQ(why.rfind("Cadena inválida: ", 0), 0u) << name << ": " << why;
    }
    json same_name = {
        {"filtros", {"grises"}},
        {"cadenas", {{{"nombre", "grises"}, {"pasos", json::array({{{"filtro", "sepia"}}})}}}}};
    EXPECT_EQ(refusal(same_name), "Nombre de salida repetido: grises");
}

TEST_F(ProcesarRequest, RefusesBadModesFlagsAndNumbers) {
    EXPECT_EQ(refusal({{"modo", 1}}),
              "'modo' debe ser \"procesos\", \"threads\" o \"distribuido\"");
    EXPECT_EQ(refusal({{"modo", "gpu"}}), "Modo desconocido: gpu");
    // Without a broker the distributed mode is refused, by its code too; with one it is the
    // default.
    auto alone = parse({{"modo", "distributed"}});
    ASSERT_FALSE(alone);
    EXPECT_EQ(alone.error().code, "no_broker");
    EXPECT_EQ(alone.kind(), ErrorKind::unavailable);
    auto with_broker = parse_procesar(json::object(), roots(), 4, true);
    ASSERT_TRUE(with_broker) << with_broker.message();
    EXPECT_EQ(with_broker->spec.executor, ExecutorKind::distributed);
    EXPECT_EQ(with_broker->settings["modo"], "distribuido");
    EXPECT_EQ(refusal({{"recursivo", "si"}}), "'recursivo' debe ser true o false");
    EXPECT_EQ(refusal({{"forzar", 1}}), "'forzar' debe ser true o false");
    EXPECT_EQ(refusal({{"formato", 5}}), "'formato' debe ser un texto");
    EXPECT_EQ(refusal({{"formato", "bmp2"}}), "Formato desconocido: bmp2");
    EXPECT_EQ(refusal({{"calidad", "alta"}}), "'calidad' debe ser un entero");
    EXPECT_EQ(refusal({{"calidad", 101}}), "'calidad' debe estar entre 1 y 100");
    EXPECT_EQ(refusal({{"trabajadores", 0}}), "'trabajadores' debe estar entre 1 y 4");
    EXPECT_EQ(refusal({{"trabajadores", 5}}), "'trabajadores' debe estar entre 1 y 4");
}

TEST_F(ProcesarRequest, RefusesInputFoldersOutsideMissingOrEmpty) {
    EXPECT_EQ(refusal({{"entrada", 3}}), "'entrada' debe ser una carpeta (texto)");
    for (const char* bad : {"..", "/etc", "sub/../.."}) {
        EXPECT_EQ(refusal({{"entrada", bad}}).rfind("Carpeta de entrada inválida: ", 0), 0u) << bad;
    }
    EXPECT_EQ(refusal({{"entrada", "missing"}}),
              "Carpeta de entrada inválida: no existe la carpeta missing");
    fs::create_directories(input_ / "empty");
    EXPECT_EQ(refusal({{"entrada", "empty"}}), "No se encontraron imágenes para procesar");
}

TEST_F(ProcesarRequest, RecursiveCountsSubFoldersButNeverTheOutput) {
    fs::path inside = input_ / "out-inside";
    Roots nested{input_, inside};
    make_images(1, "out-inside");
    auto flat = parse_procesar({{"recursivo", false}}, nested, 4);
    auto deep = parse_procesar({{"recursivo", true}}, nested, 4);
    ASSERT_TRUE(flat && deep);
    EXPECT_EQ(flat->images, 3u);
    EXPECT_EQ(deep->images, 5u);  // sub/ counted, the output folder inside the input not
    // The scan is kept for the batch, which then does not read the folder again.
    ASSERT_EQ(deep->inputs.images.size(), 5u);
    for (const auto& image : deep->inputs.images) {
        EXPECT_EQ(image.relative.find("out-inside"), std::string::npos) << image.relative;
    }
}

// Each refusal has a code a client can translate, and the values its message names.
TEST_F(ProcesarRequest, RefusalsCarryTheirCodeAndParams) {
    struct Case {
        json message;
        std::string code;
        json params;  // a subset of what must be there
    };
    std::vector<Case> cases = {
        {{{"filtros", "grises"}}, "invalid_field", {{"field", "filtros"}, {"expected", "list"}}},
        {{{"filtros", {"nope"}}}, "unknown_filter", {{"filter", "nope"}}},
        {{{"filtros", {"grises", "grayscale"}}}, "filter_repeated", {{"filter", "grises"}}},
        {{{"filtros", json::array()}}, "no_filters", json::object()},
        {{{"parametros", {{"nope", json::object()}}}}, "unknown_filter", {{"filter", "nope"}}},
        {{{"filtros", {"blur"}}, {"parametros", {{"blur", {{"radio", -1}}}}}},
         "param_out_of_range",
         {{"filter", "blur"}, {"parameter", "radio"}, {"min", 0}, {"min_exclusive", true}}},
        {{{"filtros", {"blur"}}, {"parametros", {{"blur", {{"zzz", 1}}}}}},
         "unknown_param",
         {{"filter", "blur"}, {"parameter", "zzz"}}},
        {{{"cadenas", {{{"nombre", "c:d"}, {"pasos", json::array({{{"filtro", "grises"}}})}}}}},
         "invalid_chain_name",
         {{"chain", "c:d"}}},
        {{{"cadenas", {{{"nombre", "c"}, {"pasos", "x"}}}}}, "invalid_chain", {{"chain", "c"}}},
        {{{"modo", "gpu"}}, "unknown_mode", {{"mode", "gpu"}}},
        {{{"formato", "bmp2"}}, "unknown_format", {{"format", "bmp2"}}},
        {{{"calidad", 101}},
         "field_out_of_range",
         {{"field", "calidad"}, {"min", 1}, {"max", 100}}},
        {{{"forzar", 1}}, "invalid_field", {{"field", "forzar"}, {"expected", "boolean"}}},
        {{{"entrada", ".."}}, "path_refused", {{"path", ".."}, {"reason", "parent"}}},
        {{{"entrada", "missing"}}, "folder_not_found", {{"folder", "missing"}}},
    };
    for (const auto& c : cases) {
        auto parsed = parse(c.message);
        ASSERT_FALSE(parsed) << c.message.dump();
        EXPECT_EQ(parsed.error().code, c.code) << c.message.dump() << ": " << parsed.message();
        for (const auto& [key, value] : c.params.items()) {
            EXPECT_EQ(parsed.error().params.value(key, json()), value)
                << c.message.dump() << " param " << key << " in " << parsed.error().params.dump();
        }
    }
    fs::create_directories(input_ / "empty");
    auto empty = parse({{"entrada", "empty"}});
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, "no_images");
    EXPECT_EQ(empty.error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace lote::server::testing
