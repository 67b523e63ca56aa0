#include "batch/output_naming.hpp"

#include <gtest/gtest.h>

#include "batch/name_collisions.hpp"
#include "batch/preset.hpp"
#include "batch/slug.hpp"

namespace lote {
namespace {

NamePattern pattern(const std::string& text, const std::string& name = "IMG_1", std::size_t n = 1,
                    bool slug = false) {
    auto parsed = parse_name_template(text);
    EXPECT_TRUE(parsed.ok()) << text;
    return bind_name(*parsed, {name, "grises", n, "JPG", ".jpg"}, slug);
}

TEST(NameTemplate, EveryTokenIsFilledIn) {
    NamePattern p = pattern("{name}-{filter}-{n}-{n:000}-{ext}-{date}-{w}x{h}", "foto", 7);
    EXPECT_TRUE(p.dynamic());
    EXPECT_EQ(render_name(p, {"2023-06-15", 800, 600}),
              "foto-grises-7-007-JPG-2023-06-15-800x600.jpg");
    EXPECT_EQ(describe_name(p), "foto-grises-7-007-JPG-{date}-{w}x{h}.jpg");
}

TEST(NameTemplate, TheDefaultIsTheSeedsName) {
    NamePattern p = pattern(std::string(kDefaultNameTemplate), "IMG_0042");
    EXPECT_FALSE(p.dynamic());
    EXPECT_EQ(render_name(p, {}), "IMG_0042_grises.jpg");
}

TEST(NameTemplate, RefusalsSayWhy) {
    struct Case {
        std::string text;
        std::string says;
    };
    for (const Case& c : std::vector<Case>{{"{nombre}", "unknown token {nombre}"},
                                           {"{n:5}", "unknown token {n:5}"},
                                           {"{name", "left open"},
                                           {"name}", "without '{'"},
                                           {"{na{me}", "left open"},
                                           {"../{name}", "'/'"},
                                           {"a\\b", "'/'"},
                                           {"{name}..x", "\"..\""},
                                           {".{name}", "hidden"},
                                           {"", "empty"},
                                           {std::string(201, 'a'), "longer"},
                                           {"a\tb", "control"}}) {
        auto parsed = parse_name_template(c.text);
        ASSERT_FALSE(parsed.ok()) << c.text;
        EXPECT_NE(parsed.message().find(c.says), std::string::npos)
            << c.text << " -> " << parsed.message();
    }
}

TEST(Slug, FoldsToLowerCaseAsciiWithDashes) {
    EXPECT_EQ(slugify("Été à Málaga"), "ete-a-malaga");
    EXPECT_EQ(slugify("  IMG_0042 (copia) "), "img-0042-copia");
    EXPECT_EQ(slugify("Straße Œuvre Łódź"), "strasse-oeuvre-lodz");
    EXPECT_EQ(slugify("写真"), "");
    EXPECT_EQ(slugify("a\xff\xfe b"), "a-b");  // malformed UTF-8 separates words
    EXPECT_EQ(render_name(pattern("{name}_{filter}", "Foto Ñandú", 1, true), {}),
              "foto-nandu-grises.jpg");
}

TEST(ChainFolders, AreSafeEitherWay) {
    EXPECT_EQ(chain_folder_name("Web grande", false), "Web grande");
    EXPECT_EQ(chain_folder_name("Web grande", true), "web-grande");
    EXPECT_EQ(chain_folder_name(" a:b*c? ", false), "a-b-c-");
    EXPECT_EQ(chain_folder_name("...", false), "chain");
    EXPECT_EQ(chain_folder_name("!!!", true), "chain");
}

std::vector<NamedOutput> outputs_of(const std::string& text, std::vector<std::string> stems) {
    std::vector<NamedOutput> out;
    for (std::size_t i = 0; i < stems.size(); ++i) {
        out.push_back({stems[i] + ".jpg", "grises/", pattern(text, stems[i], i + 1)});
    }
    return out;
}

TEST(NameCollisions, TokensThatCanRepeatAreRefusedOthersPass) {
    EXPECT_TRUE(find_possible_collision(outputs_of("{date}", {"a", "b"})));
    EXPECT_TRUE(find_possible_collision(outputs_of("{w}x{h}", {"a", "b"})));
    EXPECT_TRUE(find_possible_collision(outputs_of("{filter}", {"a", "b"})));
    EXPECT_FALSE(find_possible_collision(outputs_of("{date}", {"a"})));
    EXPECT_FALSE(find_possible_collision(outputs_of("{name}_{w}x{h}", {"IMG_1", "IMG_2"})));
    EXPECT_FALSE(find_possible_collision(outputs_of("{date}_{n}", {"a", "b", "c"})));
    // "a1" + w=23 and "a" + w=123 are the same name.
    EXPECT_TRUE(find_possible_collision(outputs_of("{name}{w}", {"a1", "a"})));
    EXPECT_TRUE(find_possible_collision(
        outputs_of("{n}{w}", {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"})));
    // Case-insensitive: one file on some file systems.
    auto clash = find_possible_collision(outputs_of("{name}", {"Foto", "foto"}));
    ASSERT_TRUE(clash);
    EXPECT_EQ(clash->first, "Foto.jpg");
    EXPECT_EQ(clash->second, "foto.jpg");
}

TEST(NamePattern, MatchesItsOwnNamesAndRenames) {
    NamePattern p = pattern("{name}_{w}x{h}", "IMG_1");
    EXPECT_TRUE(name_matches(p, "IMG_1_800x600.jpg"));
    EXPECT_TRUE(name_matches(p, "IMG_1_800x600-2.jpg"));
    EXPECT_FALSE(name_matches(p, "IMG_1_800x600.png"));
    EXPECT_FALSE(name_matches(p, "IMG_2_800x600.jpg"));
    EXPECT_FALSE(name_matches(p, "IMG_1_x600.jpg"));
    NamePattern dated = pattern("{date}_{name}", "a");
    EXPECT_TRUE(name_matches(dated, "2023-06-15_a.jpg"));
    EXPECT_FALSE(name_matches(dated, "2023-6-15_a.jpg"));
    EXPECT_EQ(renamed("a_grises.jpg", 2), "a_grises-2.jpg");
    auto back = name_pattern_from_json(to_json(dated));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(describe_name(*back), describe_name(dated));
}

TEST(Preset, RefusalsNameTheKeyAndGoodOnesPass) {
    EXPECT_TRUE(parse_preset(R"({"version":1,"filtros":["sepia"],"calidad":70})").ok());
    for (const auto& [doc, key] : std::vector<std::pair<std::string, std::string>>{
             {R"({"filtros":["sepia"]})", "\"version\""},
             {R"({"version":2})", "newer"},
             {R"({"version":"1"})", "\"version\""},
             {R"({"version":1,"extra":1})", "\"extra\""},
             {R"({"version":1,"a_srgb":"yes"})", "\"a_srgb\""},
             {R"({"version":1,"conflictos":"keep"})", "\"conflictos\""},
             {R"({"version":1,"cadenas":[{"nombre":"x","pasos":[]}]})", "\"cadenas\""},
             {R"([1,2])", "object"},
             {R"({"version":1,)", "JSON"}}) {
        auto parsed = parse_preset(doc);
        ASSERT_FALSE(parsed.ok()) << doc;
        EXPECT_NE(parsed.message().find(key), std::string::npos) << doc << ": " << parsed.message();
    }
    EXPECT_FALSE(check_preset_name("../x").ok());
    EXPECT_FALSE(check_preset_name("").ok());
    EXPECT_TRUE(check_preset_name("web-2024_v1.2").ok());
}

}  // namespace
}  // namespace lote
