// The registry: the fifteen filters, lookup by id and alias, validation and the schema.

#include "filters/registry.hpp"

#include <gtest/gtest.h>

namespace lote {
namespace {

const Registry& reg() {
    return Registry::instance();
}

TEST(Registry, HasTheTwelveSeedFiltersAndSevenOperations) {
    const std::vector<std::string> seeds = {
        "invertir", "grises", "blur",    "nitidez",    "brillo",        "contraste",
        "sepia",    "bordes", "relieve", "posterizar", "redimensionar", "marca_agua"};
    ASSERT_EQ(reg().all().size(), 20u);
    auto seed = reg().seed_filters();
    ASSERT_EQ(seed.size(), 12u);
    for (std::size_t i = 0; i < seeds.size(); ++i) {
        EXPECT_EQ(seed[i]->id, seeds[i]);
    }
    for (const char* op :
         {"ajustar", "rotar", "voltear", "logo", "rellenar", "lienzo", "recortar"}) {
        ASSERT_NE(reg().find(op), nullptr) << op;
        EXPECT_FALSE(reg().find(op)->seed);
    }
}

TEST(Registry, FindsByEnglishAlias) {
    const std::pair<const char*, const char*> pairs[] = {
        {"invert", "invertir"},      {"grayscale", "grises"},     {"gaussian-blur", "blur"},
        {"sharpen", "nitidez"},      {"brightness", "brillo"},    {"contrast", "contraste"},
        {"sepia", "sepia"},          {"edges", "bordes"},         {"emboss", "relieve"},
        {"posterize", "posterizar"}, {"resize", "redimensionar"}, {"watermark", "marca_agua"},
        {"fit", "ajustar"},          {"rotate", "rotar"},         {"flip", "voltear"},
        {"fill", "rellenar"},        {"cover", "rellenar"},       {"pad", "lienzo"},
        {"contain", "lienzo"},       {"crop", "recortar"},        {"logo", "logo"}};
    for (const auto& [alias, id] : pairs) {
        const FilterSpec* f = reg().find(alias);
        ASSERT_NE(f, nullptr) << alias;
        EXPECT_EQ(f->id, id);
    }
    EXPECT_EQ(reg().find("Blur"), nullptr);
    EXPECT_EQ(reg().find("nope"), nullptr);
}

TEST(Registry, EveryFilterAndParameterHasLabelsAndDescriptions) {
    for (const auto& f : reg().all()) {
        EXPECT_FALSE(f.label.es.empty()) << f.id;
        EXPECT_FALSE(f.label.en.empty()) << f.id;
        EXPECT_FALSE(f.description.es.empty()) << f.id;
        EXPECT_FALSE(f.description.en.empty()) << f.id;
        EXPECT_TRUE(static_cast<bool>(f.apply)) << f.id;
        for (const auto& p : f.params) {
            EXPECT_FALSE(p.label.es.empty()) << f.id << "." << p.id;
            EXPECT_FALSE(p.label.en.empty()) << f.id << "." << p.id;
        }
    }
}

TEST(Registry, FillsDefaults) {
    auto blur = reg().validate(*reg().find("blur"), nlohmann::json::object());
    ASSERT_TRUE(blur.ok()) << blur.message();
    EXPECT_DOUBLE_EQ(blur->number("radio"), 5.0);
    auto wm = reg().validate(*reg().find("marca_agua"), nullptr);
    ASSERT_TRUE(wm.ok());
    EXPECT_EQ(wm->text("texto"), "PROCESADO");
    EXPECT_DOUBLE_EQ(wm->number("opacidad"), 0.3);
    auto post = reg().validate(*reg().find("posterizar"), {});
    ASSERT_TRUE(post.ok());
    EXPECT_EQ(post->integer("bits"), 4);
    auto rot = reg().validate(*reg().find("rotar"), {});
    ASSERT_TRUE(rot.ok());
    EXPECT_EQ(rot->text("grados"), "90");
    auto flip = reg().validate(*reg().find("voltear"), {});
    ASSERT_TRUE(flip.ok());
    EXPECT_EQ(flip->text("direccion"), "horizontal");
    EXPECT_DOUBLE_EQ(reg().validate(*reg().find("nitidez"), {})->number("factor"), 2.0);
    EXPECT_DOUBLE_EQ(reg().validate(*reg().find("brillo"), {})->number("factor"), 1.5);
    EXPECT_DOUBLE_EQ(reg().validate(*reg().find("contraste"), {})->number("factor"), 1.5);
    EXPECT_DOUBLE_EQ(reg().validate(*reg().find("redimensionar"), {})->number("porcentaje"), 50.0);
}

TEST(Registry, AcceptsAliasesAsKeys) {
    auto blur = reg().validate(*reg().find("blur"), {{"radius", 2.5}});
    ASSERT_TRUE(blur.ok()) << blur.message();
    EXPECT_DOUBLE_EQ(blur->number("radio"), 2.5);
    auto wm = reg().validate(*reg().find("watermark"), {{"text", "ACME"}, {"opacity", 1}});
    ASSERT_TRUE(wm.ok()) << wm.message();
    EXPECT_EQ(wm->text("texto"), "ACME");
    EXPECT_DOUBLE_EQ(wm->number("opacidad"), 1.0);
    auto fit = reg().validate(*reg().find("fit"), {{"width", 800}, {"enlarge", true}});
    ASSERT_TRUE(fit.ok()) << fit.message();
    EXPECT_EQ(fit->integer("ancho"), 800);
    EXPECT_FALSE(fit->has("alto"));
    EXPECT_TRUE(fit->boolean("ampliar"));
    auto rot = reg().validate(*reg().find("rotate"), {{"degrees", 270}});
    ASSERT_TRUE(rot.ok()) << rot.message();
    EXPECT_EQ(rot->text("grados"), "270");
}

void expect_refused(const char* filter, const nlohmann::json& given, const std::string& needle) {
    auto r = reg().validate(*reg().find(filter), given);
    ASSERT_FALSE(r.ok()) << filter << " " << given.dump();
    EXPECT_NE(r.message().find(needle), std::string::npos) << r.message();
    EXPECT_EQ(r.message().rfind(std::string(reg().find(filter)->id) + ":", 0), 0u) << r.message();
}

TEST(Registry, RefusesOutOfRangeWithTheRangeInTheMessage) {
    expect_refused("blur", {{"radio", 250}},
                   "blur: parameter \"radio\" must be a number with 0 < radio <= 100 (got 250)");
    expect_refused("blur", {{"radio", 0}}, "0 < radio <= 100");
    expect_refused("blur", {{"radio", -1}}, "(got -1)");
    expect_refused("nitidez", {{"factor", 10.5}}, "0 <= factor <= 10");
    expect_refused("brillo", {{"factor", -0.1}}, "factor");
    expect_refused("contraste", {{"factor", 11}}, "factor");
    expect_refused("posterizar", {{"bits", 0}}, "an integer with 1 <= bits <= 8");
    expect_refused("posterizar", {{"bits", 9}}, "bits");
    expect_refused("redimensionar", {{"porcentaje", 1001}}, "1 <= porcentaje <= 1000");
    expect_refused("redimensionar", {{"percent", 0.5}}, "porcentaje");
    expect_refused("marca_agua", {{"opacidad", 1.5}}, "0 <= opacidad <= 1");
    expect_refused("ajustar", {{"ancho", 0}}, "1 <= ancho <= 65535");
    expect_refused("ajustar", {{"alto", 70000}}, "alto");
}

TEST(Registry, RefusesWrongTypes) {
    expect_refused("blur", {{"radio", "3"}}, "must be a number");
    expect_refused("blur", {{"radio", true}}, "must be a number");
    expect_refused("blur", {{"radio", nullptr}}, "must be a number");
    expect_refused("blur", {{"radio", nlohmann::json::array({3})}}, "must be a number");
    expect_refused("posterizar", {{"bits", 2.5}}, "(got 2.5)");
    expect_refused("marca_agua", {{"texto", 5}}, "must be a text");
    expect_refused("ajustar", {{"ancho", 100}, {"ampliar", "yes"}}, "true or false");
    expect_refused("rotar", {{"grados", 45}}, "one of 90, 180, 270");
    expect_refused("voltear", {{"direccion", "diagonal"}}, "one of horizontal, vertical");
    expect_refused("blur", nlohmann::json::array(), "parameters must be a JSON object");
    expect_refused("blur", 3, "parameters must be a JSON object");
}

TEST(Registry, RefusesNanAndInfinity) {
    expect_refused("blur", {{"radio", std::nan("")}}, "radio");
    expect_refused("brillo", {{"factor", HUGE_VAL}}, "factor");
}

TEST(Registry, RefusesUnknownAndRepeatedKeys) {
    expect_refused("blur", {{"sigma", 3}}, "unknown parameter \"sigma\" (known: radio/radius)");
    expect_refused("invertir", {{"x", 1}}, "takes no parameters");
    expect_refused("blur", {{"radio", 3}, {"radius", 3}}, "given twice");
}

TEST(Registry, RefusesBadWatermarkText) {
    expect_refused("marca_agua", {{"texto", std::string(201, 'a')}}, "at most 200 characters");
    expect_refused("marca_agua", {{"texto", "a\nb"}}, "control characters");
    expect_refused("marca_agua", {{"texto", std::string("a\0b", 3)}}, "texto");
    expect_refused("marca_agua", {{"texto", "\xff\xfe"}}, "texto");
    // 200 letters of two bytes each are 200 characters.
    std::string accents;
    for (int i = 0; i < 200; ++i) {
        accents += "\xc3\xa9";
    }
    EXPECT_TRUE(reg().validate(*reg().find("marca_agua"), {{"texto", accents}}).ok());
}

TEST(Registry, FitNeedsWidthOrHeight) {
    expect_refused("ajustar", nlohmann::json::object(), "at least one of \"ancho\"");
    expect_refused("ajustar", {{"ampliar", true}}, "alto");
    EXPECT_TRUE(reg().validate(*reg().find("ajustar"), {{"alto", 10}}).ok());
}

TEST(Registry, IntegerAcceptsWholeFloats) {
    auto r = reg().validate(*reg().find("posterizar"), {{"bits", 3.0}});
    ASSERT_TRUE(r.ok()) << r.message();
    EXPECT_EQ(r->integer("bits"), 3);
}

TEST(Registry, SchemaDescribesEveryFilter) {
    const auto schema = reg().schema();
    ASSERT_TRUE(schema["filters"].is_array());
    ASSERT_EQ(schema["filters"].size(), 20u);
    const auto& blur = schema["filters"][2];
    EXPECT_EQ(blur["id"], "blur");
    EXPECT_EQ(blur["aliases"], nlohmann::json::array({"gaussian-blur"}));
    EXPECT_EQ(blur["seed"], true);
    EXPECT_EQ(blur["label"]["en"], "Gaussian blur");
    EXPECT_FALSE(blur["description"]["es"].get<std::string>().empty());
    const auto& radio = blur["params"][0];
    EXPECT_EQ(radio["id"], "radio");
    EXPECT_EQ(radio["aliases"], nlohmann::json::array({"radius"}));
    EXPECT_EQ(radio["type"], "number");
    EXPECT_EQ(radio["min"], 0);
    EXPECT_EQ(radio["max"], 100);
    EXPECT_EQ(radio["min_exclusive"], true);
    EXPECT_EQ(radio["default"], 5);
    EXPECT_EQ(radio["label"]["es"], "Radio");
    const auto& rotar = schema["filters"][13];
    EXPECT_EQ(rotar["id"], "rotar");
    EXPECT_EQ(rotar["seed"], false);
    EXPECT_EQ(rotar["params"][0]["type"], "choice");
    EXPECT_EQ(rotar["params"][0]["choices"], nlohmann::json::array({"90", "180", "270"}));
    const auto& ajustar = schema["filters"][12];
    EXPECT_EQ(ajustar["params"][0]["type"], "integer");
    EXPECT_TRUE(ajustar["params"][0]["default"].is_null());
    EXPECT_EQ(ajustar["params"][2]["type"], "boolean");
    EXPECT_EQ(schema["filters"][11]["params"][0]["type"], "text");
}

}  // namespace
}  // namespace lote

namespace lote {
namespace {

const nlohmann::json& param_schema(const nlohmann::json& schema, const std::string& filter,
                                   const std::string& param) {
    for (const auto& f : schema["filters"]) {
        if (f["id"] != filter) continue;
        for (const auto& p : f["params"]) {
            if (p["id"] == param) return p;
        }
    }
    static const nlohmann::json none;
    return none;
}

TEST(Registry, SchemaDescribesTheStudioParameters) {
    const auto schema = reg().schema();
    const auto& position = param_schema(schema, "logo", "posicion");
    EXPECT_EQ(position["type"], "choice");
    EXPECT_EQ(position["default"], "abajo-derecha");
    ASSERT_EQ(position["choices"].size(), 9u);
    EXPECT_EQ(position["choices"][0], "centro");
    EXPECT_EQ(position["choice_aliases"]["bottom-right"], "abajo-derecha");
    ASSERT_EQ(position["choice_labels"].size(), 9u);
    EXPECT_EQ(position["choice_labels"][8]["en"], "Bottom right");
    const auto& file = param_schema(schema, "logo", "archivo");
    EXPECT_EQ(file["type"], "text");
    EXPECT_EQ(file["format"], "file");
    EXPECT_EQ(file["required"], true);
    EXPECT_EQ(file["accept"], nlohmann::json::array({"png", "webp"}));
    EXPECT_TRUE(file["default"].is_null());
    const auto& size = param_schema(schema, "logo", "tamano");
    EXPECT_EQ(size["default"], 15);
    EXPECT_EQ(size["min"], 1);
    EXPECT_EQ(size["max"], 100);
    EXPECT_EQ(param_schema(schema, "logo", "opacidad")["default"], 1);
    EXPECT_EQ(param_schema(schema, "marca_agua", "color")["format"], "color");
    EXPECT_EQ(param_schema(schema, "marca_agua", "color")["default"], "#FFFFFF");
    EXPECT_EQ(param_schema(schema, "marca_agua", "fuente")["default"], "DejaVu Sans");
    for (const char* p : {"posicion", "margen", "tamano", "sombra", "mosaico"}) {
        EXPECT_FALSE(param_schema(schema, "marca_agua", p).is_null()) << p;
    }
    const auto& focus = param_schema(schema, "rellenar", "foco");
    EXPECT_EQ(focus["choice_aliases"]["attention"], "atencion");
    EXPECT_EQ(focus["choice_aliases"]["entropy"], "entropia");
    EXPECT_EQ(param_schema(schema, "rellenar", "ancho")["required"], true);
    EXPECT_EQ(param_schema(schema, "ajustar", "solo_reducir")["default"], true);
    EXPECT_EQ(param_schema(schema, "lienzo", "solo_reducir")["default"], false);
    EXPECT_TRUE(param_schema(schema, "lienzo", "color")["default"].is_null());
    for (const auto& f : schema["filters"]) {
        for (const auto& p : f["params"]) {
            EXPECT_FALSE(p["label"]["es"].get<std::string>().empty()) << f["id"] << p["id"];
            EXPECT_FALSE(p["label"]["en"].get<std::string>().empty()) << f["id"] << p["id"];
        }
    }
}

TEST(Validate, EnglishChoiceNamesAreStoredAsTheSpanishOnes) {
    auto params =
        reg().validate(*reg().find("watermark"), {{"position", "top-left"}, {"colour", "#abc"}});
    ASSERT_TRUE(params) << params.message();
    EXPECT_EQ(params->text("posicion"), "arriba-izquierda");
    EXPECT_EQ(params->text("color"), "#AABBCC");
    auto fill = reg().validate(*reg().find("fill"),
                               {{"width", 10}, {"height", 10}, {"focus", "attention"}});
    ASSERT_TRUE(fill) << fill.message();
    EXPECT_EQ(fill->text("foco"), "atencion");
}

TEST(Validate, RefusesBadStudioValuesNamingTheParameter) {
    struct Case {
        const char* filter;
        const char* param;
        nlohmann::json given;
    };
    const Case bad[] = {
        {"marca_agua", "posicion", {{"posicion", "abajo-centro"}}},
        {"marca_agua", "color", {{"color", "red"}}},
        {"marca_agua", "color", {{"color", "#12345"}}},
        {"marca_agua", "color", {{"color", "#GG0000"}}},
        {"marca_agua", "margen", {{"margen", 51}}},
        {"marca_agua", "tamano", {{"tamano", 0}}},
        {"marca_agua", "tamano", {{"tamano", 101}}},
        {"marca_agua", "sombra", {{"sombra", "quizá"}}},
        {"logo", "opacidad", {{"archivo", "x.png"}, {"opacidad", 1.5}}},
        {"logo", "opacidad", {{"archivo", "x.png"}, {"opacidad", -0.1}}},
        {"logo", "tamano", {{"archivo", "x.png"}, {"tamano", 0}}},
        {"logo", "margen", {{"archivo", "x.png"}, {"margen", -1}}},
        {"logo", "archivo", {{"archivo", ""}}},
        {"logo", "archivo", {{"archivo", 3}}},
        {"rellenar", "foco", {{"ancho", 10}, {"alto", 10}, {"foco", "sideways"}}},
    };
    for (const auto& [id, param, given] : bad) {
        auto params = reg().validate(*reg().find(id), given);
        ASSERT_FALSE(params) << id << " " << given.dump();
        EXPECT_NE(params.message().find(std::string("\"") + param + "\""), std::string::npos)
            << params.message();
    }
    auto missing = reg().validate(*reg().find("logo"), nlohmann::json::object());
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.message().find("\"archivo\" is required"), std::string::npos);
}

TEST(Validate, AFontMustBeInstalled) {
    const FilterSpec& mark = *reg().find("marca_agua");
    EXPECT_TRUE(reg().validate(mark, {{"fuente", "DejaVu Serif"}}));
    EXPECT_TRUE(reg().validate(mark, {{"font", "dejavu sans mono bold"}}));
    auto missing = reg().validate(mark, {{"fuente", "Comic Sans Imaginary"}});
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.message().find("\"fuente\""), std::string::npos);
    EXPECT_NE(missing.message().find("DejaVu Sans"), std::string::npos) << missing.message();
    EXPECT_FALSE(reg().validate(mark, {{"fuente", "DejaVu Sans, Comic Sans Imaginary"}}));
}

}  // namespace
}  // namespace lote
