// Steps and chains: the command line's text form, the protocol's JSON form, names,
// fingerprints and applying a chain.

#include "filters/chain.hpp"

#include <gtest/gtest.h>

#include "test_image.hpp"

namespace lote {
namespace {

void expect_error(const Result<Step>& r, const std::string& needle) {
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find(needle), std::string::npos) << r.message();
}

void expect_error(const Result<Chain>& r, const std::string& needle) {
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.message().find(needle), std::string::npos) << r.message();
}

TEST(ParseStep, FilterAloneTakesDefaults) {
    auto step = parse_step("blur");
    ASSERT_TRUE(step.ok()) << step.message();
    EXPECT_EQ(step->filter->id, "blur");
    EXPECT_DOUBLE_EQ(step->params.number("radio"), 5.0);
}

TEST(ParseStep, ConvertsTextToTheSchemaType) {
    auto step = parse_step(" gaussian-blur : radius = 3.5 ");
    ASSERT_TRUE(step.ok()) << step.message();
    EXPECT_EQ(step->filter->id, "blur");
    EXPECT_DOUBLE_EQ(step->params.number("radio"), 3.5);
    auto post = parse_step("posterizar:bits=3");
    ASSERT_TRUE(post.ok()) << post.message();
    EXPECT_EQ(post->params.integer("bits"), 3);
    auto fit = parse_step("ajustar:ancho=1600;alto=900;ampliar=true");
    ASSERT_TRUE(fit.ok()) << fit.message();
    EXPECT_EQ(fit->params.integer("ancho"), 1600);
    EXPECT_EQ(fit->params.integer("alto"), 900);
    EXPECT_TRUE(fit->params.boolean("ampliar"));
    auto rot = parse_step("rotate:degrees=180");
    ASSERT_TRUE(rot.ok()) << rot.message();
    EXPECT_EQ(rot->params.text("grados"), "180");
}

TEST(ParseStep, QuotedValuesKeepSeparators) {
    auto step = parse_step("marca_agua:texto='ACME, Inc; 2024',opacidad=0.5");
    ASSERT_TRUE(step.ok()) << step.message();
    EXPECT_EQ(step->params.text("texto"), "ACME, Inc; 2024");
    EXPECT_DOUBLE_EQ(step->params.number("opacidad"), 0.5);
    auto dq = parse_step("watermark:text=\"a=b | c\"");
    ASSERT_TRUE(dq.ok()) << dq.message();
    EXPECT_EQ(dq->params.text("texto"), "a=b | c");
}

TEST(ParseStep, Errors) {
    expect_error(parse_step(""), "empty step");
    expect_error(parse_step("  "), "empty step");
    expect_error(parse_step(":radio=3"), "no filter name");
    expect_error(parse_step("desenfocar"), "unknown filter \"desenfocar\"");
    expect_error(parse_step("blur:radio=abc"),
                 "blur: parameter \"radio\" must be a number with 0 < radio <= 100 (got \"abc\")");
    expect_error(parse_step("blur:radio=nan"), "radio");
    expect_error(parse_step("blur:radio=inf"), "radio");
    expect_error(parse_step("blur:radio=3x"), "(got \"3x\")");
    expect_error(parse_step("blur:radio=250"), "(got 250)");
    expect_error(parse_step("blur:radio"), "expected key=value");
    expect_error(parse_step("blur:=3"), "without a parameter name");
    expect_error(parse_step("blur:sigma=3"), "unknown parameter \"sigma\"");
    expect_error(parse_step("blur:radio=3,radio=4"), "given twice");
    expect_error(parse_step("blur:radio=3,radius=4"), "given twice");
    expect_error(parse_step("posterizar:bits=2.5"), "(got 2.5)");
    expect_error(parse_step("ajustar:ampliar=quizas,ancho=3"), "true or false");
    expect_error(parse_step("ajustar"), "at least one of");
    expect_error(parse_step("marca_agua:texto='sin cerrar"), "unclosed quote");
    expect_error(parse_step("marca_agua:texto='a'b"), "after the quoted value");
}

TEST(ParseChain, StepsInOrderAndDefaultName) {
    auto chain =
        parse_chain("redimensionar:porcentaje=25 | nitidez:factor=1.5 | marca_agua:texto=ACME");
    ASSERT_TRUE(chain.ok()) << chain.message();
    ASSERT_EQ(chain->steps.size(), 3u);
    EXPECT_EQ(chain->name, "redimensionar+nitidez+marca_agua");
    EXPECT_DOUBLE_EQ(chain->steps[0].params.number("porcentaje"), 25.0);
    EXPECT_DOUBLE_EQ(chain->steps[1].params.number("factor"), 1.5);
    EXPECT_EQ(chain->steps[2].params.text("texto"), "ACME");
    auto named = parse_chain("invert|flip", "web");
    ASSERT_TRUE(named.ok()) << named.message();
    EXPECT_EQ(named->name, "web");
    EXPECT_EQ(named->steps[1].filter->id, "voltear");
}

TEST(ParseChain, QuotedBarIsNotAStepSeparator) {
    auto chain = parse_chain("marca_agua:texto='a | b' | invertir");
    ASSERT_TRUE(chain.ok()) << chain.message();
    ASSERT_EQ(chain->steps.size(), 2u);
    EXPECT_EQ(chain->steps[0].params.text("texto"), "a | b");
}

TEST(ParseChain, Errors) {
    expect_error(parse_chain(""), "step 1");
    expect_error(parse_chain("blur || invertir"), "step 2 of the chain");
    expect_error(parse_chain("blur | "), "step 2");
    expect_error(parse_chain("blur | nada"), "step 2 (\"nada\"): unknown filter \"nada\"");
    expect_error(parse_chain("blur | blur:radio=0"), "step 2");
    expect_error(parse_chain("blur", "../etc"), "chain name");
    expect_error(parse_chain("blur", "a/b"), "chain name");
    std::string many = "invertir";
    for (int i = 0; i < 40; ++i) {
        many += "|invertir";
    }
    expect_error(parse_chain(many), "at most 32 steps");
}

TEST(ChainJson, ReadsTheProtocolForm) {
    const auto j = nlohmann::json::parse(R"({"nombre":"web","pasos":[
        {"filtro":"ajustar","parametros":{"ancho":1600}},
        {"filtro":"sharpen","parametros":{"factor":1.5}},
        {"filtro":"grises"}]})");
    auto chain = chain_from_json(j);
    ASSERT_TRUE(chain.ok()) << chain.message();
    EXPECT_EQ(chain->name, "web");
    ASSERT_EQ(chain->steps.size(), 3u);
    EXPECT_EQ(chain->steps[0].params.integer("ancho"), 1600);
    EXPECT_EQ(chain->steps[1].filter->id, "nitidez");
    EXPECT_EQ(chain->steps[2].filter->id, "grises");
}

TEST(ChainJson, NameDefaultsToTheIds) {
    auto chain = chain_from_json({{"pasos", {{{"filtro", "invert"}}, {{"filtro", "sepia"}}}}});
    ASSERT_TRUE(chain.ok()) << chain.message();
    EXPECT_EQ(chain->name, "invertir+sepia");
}

TEST(ChainJson, RoundTrips) {
    auto chain = parse_chain("blur:radio=2 | marca_agua:texto=ACME | rotar:grados=270", "x");
    ASSERT_TRUE(chain.ok());
    const auto j = chain_to_json(*chain);
    EXPECT_EQ(j["nombre"], "x");
    EXPECT_EQ(j["pasos"][0]["filtro"], "blur");
    EXPECT_EQ(j["pasos"][0]["parametros"]["radio"], 2.0);
    auto again = chain_from_json(j);
    ASSERT_TRUE(again.ok()) << again.message();
    EXPECT_EQ(again->name, "x");
    ASSERT_EQ(again->steps.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(again->steps[i].filter, chain->steps[i].filter);
        EXPECT_EQ(again->steps[i].params, chain->steps[i].params);
    }
    EXPECT_EQ(chain_fingerprint(*again), chain_fingerprint(*chain));
}

TEST(ChainJson, Errors) {
    expect_error(chain_from_json(nlohmann::json::array()), "must be an object");
    expect_error(chain_from_json(nlohmann::json::object()), "\"pasos\"");
    expect_error(chain_from_json({{"pasos", nlohmann::json::array()}}), "non-empty");
    expect_error(chain_from_json({{"pasos", {3}}}), "step 1: a step must be an object");
    expect_error(chain_from_json({{"pasos", {{{"parametros", {}}}}}}), "\"filtro\"");
    expect_error(chain_from_json({{"pasos", {{{"filtro", "zzz"}}}}}), "unknown filter \"zzz\"");
    expect_error(
        chain_from_json({{"pasos", {{{"filtro", "blur"}, {"parametros", {{"radio", "3"}}}}}}}),
        "step 1: blur: parameter \"radio\" must be a number");
    expect_error(chain_from_json({{"pasos", {{{"filtro", "blur"}, {"parametros", 5}}}}}),
                 "parameters must be a JSON object");
    expect_error(chain_from_json({{"nombre", 7}, {"pasos", {{{"filtro", "blur"}}}}}),
                 "must be a text");
    for (const std::string& bad :
         std::vector<std::string>{"", ".", "..", "a/b", "a\\b", "x..y", std::string("a\0b", 3),
                                  "a\nb", std::string(65, 'n')}) {
        expect_error(chain_from_json({{"nombre", bad}, {"pasos", {{{"filtro", "blur"}}}}}),
                     "chain name");
    }
    EXPECT_TRUE(
        chain_from_json({{"nombre", std::string(64, 'n')}, {"pasos", {{{"filtro", "blur"}}}}})
            .ok());
    EXPECT_TRUE(
        chain_from_json({{"nombre", "web ñ-1.v2"}, {"pasos", {{{"filtro", "blur"}}}}}).ok());
}

TEST(Fingerprint, ChangesWithWhatChangesThePixelsOnly) {
    auto base = parse_chain("blur:radio=2 | invertir", "a");
    auto renamed = parse_chain("blur:radio=2 | invertir", "b");
    auto aliased = parse_chain("gaussian-blur:radius=2.0 | invert", "a");
    auto other_value = parse_chain("blur:radio=2.5 | invertir", "a");
    auto other_order = parse_chain("invertir | blur:radio=2", "a");
    auto defaults = parse_chain("blur | invertir");
    auto explicit_defaults = parse_chain("blur:radio=5 | invertir");
    ASSERT_TRUE(base.ok() && renamed.ok() && aliased.ok() && other_value.ok() && other_order.ok());
    EXPECT_EQ(chain_fingerprint(*base), chain_fingerprint(*renamed));
    EXPECT_EQ(chain_fingerprint(*base), chain_fingerprint(*aliased));
    EXPECT_NE(chain_fingerprint(*base), chain_fingerprint(*other_value));
    EXPECT_NE(chain_fingerprint(*base), chain_fingerprint(*other_order));
    EXPECT_EQ(chain_fingerprint(*defaults), chain_fingerprint(*explicit_defaults));
    EXPECT_NE(chain_fingerprint(*base).find("blur@"), std::string::npos);
}

TEST(SingleFilterChain, IsNamedAfterTheFilter) {
    auto step = parse_step("sharpen:factor=3");
    ASSERT_TRUE(step.ok());
    Chain chain = single_filter_chain(*step);
    EXPECT_EQ(chain.name, "nitidez");
    ASSERT_EQ(chain.steps.size(), 1u);
}

TEST(ApplyChain, AppliesStepsInOrder) {
    const test::Img in = test::random_image(8, 6, 3);
    auto chain = parse_chain("invertir | posterizar:bits=2 | voltear");
    ASSERT_TRUE(chain.ok());
    const test::Img out = test::from_vips(apply_chain(test::to_vips(in), *chain));
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            for (int c = 0; c < 3; ++c) {
                ASSERT_EQ(out.at(y, in.width - 1 - x, c), (255 - in.at(y, x, c)) & 0xc0);
            }
        }
    }
}

}  // namespace
}  // namespace lote

namespace lote {
namespace {

// Parameters added later leave the fingerprint of a chain that does not use them unchanged, so
// outputs recorded before they existed are still up to date.
TEST(Fingerprint, LaterParametersAtTheirDefaultDoNotChangeIt) {
    auto fit = parse_chain("ajustar:ancho=800");
    ASSERT_TRUE(fit);
    Chain before = *fit;
    Params old_params;
    old_params.set("ancho", std::int64_t{800});
    old_params.set("ampliar", false);
    before.steps[0].params = old_params;  // what the step held before solo_reducir existed
    EXPECT_EQ(chain_fingerprint(*fit), chain_fingerprint(before));
    auto enlarging = parse_chain("ajustar:ancho=800,solo_reducir=false");
    ASSERT_TRUE(enlarging);
    EXPECT_NE(chain_fingerprint(*fit), chain_fingerprint(*enlarging));

    auto mark = parse_chain("marca_agua:texto=ACME");
    ASSERT_TRUE(mark);
    Chain seed_mark = *mark;
    Params seed_params;
    seed_params.set("texto", std::string("ACME"));
    seed_params.set("opacidad", 0.3);
    seed_mark.steps[0].params = seed_params;
    EXPECT_EQ(chain_fingerprint(*mark), chain_fingerprint(seed_mark));
    for (const char* changed :
         {"marca_agua:texto=ACME,posicion=abajo", "marca_agua:texto=ACME,color=#000000",
          "marca_agua:texto=ACME,sombra=true", "marca_agua:texto=ACME,mosaico=true",
          "marca_agua:texto=ACME,tamano=20", "marca_agua:texto=ACME,fuente='DejaVu Serif'"}) {
        auto other = parse_chain(changed);
        ASSERT_TRUE(other) << other.message();
        EXPECT_NE(chain_fingerprint(*other), chain_fingerprint(*mark)) << changed;
    }
}

}  // namespace
}  // namespace lote
