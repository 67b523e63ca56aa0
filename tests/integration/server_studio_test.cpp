// The studio steps through the real `lote serve`: a logo named inside the input root (or
// uploaded there with POST /api/uploads) is drawn on every image; a logo outside the root,
// missing, of the wrong kind, or bad values are an `error` reply before any job starts; the
// preview honours the same rules; the registry served to the page describes every parameter.
#include <gtest/gtest.h>

#include <vips/vips8>

#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

const std::string kBoundary = "lote-studio-boundary-77";

std::string logo_png(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    vips::VImage rgb = vips::VImage::black(60, 30, vips::VImage::option()->set("bands", 3));
    vips::VImage colour =
        rgb.linear({0.0, 0.0, 0.0}, {double(r), double(g), double(b)})
            .cast(VIPS_FORMAT_UCHAR)
            .bandjoin_const({255})
            .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
    void* buf = nullptr;
    size_t len = 0;
    colour.write_to_buffer(".png", &buf, &len);
    std::string out(static_cast<char*>(buf), len);
    g_free(buf);
    return out;
}

HttpResult post(std::uint16_t port, const std::string& target, const std::string& body,
                const std::string& type) {
    return http_request("127.0.0.1", port, http::verb::post, target, {{"Content-Type", type}},
                        body);
}

json logo_chain(const json& parameters) {
    return json::array(
        {{{"nombre", "marca"},
          {"pasos", json::array({{{"filtro", "nitidez"}},
                                 {{"filtro", "logo"}, {"parametros", parameters}}})}}});
}

TEST(ServerStudio, BadLogosAndValuesAreErrorsBeforeAnyWork) {
    Served s(2);
    std::ofstream(s.dir.path() / "outside.png", std::ios::binary) << logo_png(1, 2, 3);
    std::ofstream(s.dir / "in/notes.png") << "no image here";
    vips::VImage::black(8, 8).jpegsave((s.dir / "in/photo.jpg").string().c_str());
    fs::create_directories(s.dir / "in/carpeta");
    std::ofstream(s.dir / "in/marca.png", std::ios::binary) << logo_png(1, 2, 3);
    auto c = connect_client(s.port());
    const std::vector<std::pair<json, std::string>> cases = {
        {{{"archivo", "../outside.png"}}, "archivo"},
        {{{"archivo", (s.dir.path() / "outside.png").string()}}, "inside the input folder"},
        {{{"archivo", std::string("mar\0ca.png", 10)}}, "archivo"},
        {{{"archivo", "nope.png"}}, "does not exist"},
        {{{"archivo", "notes.png"}}, "not a PNG or WebP"},
        {{{"archivo", "photo.jpg"}}, "is a JPEG image"},
        {{{"archivo", "carpeta"}}, "is a folder"},
        {{{"archivo", "marca.png"}, {"opacidad", 3}}, "opacidad"},
        {{{"archivo", "marca.png"}, {"tamano", 500}}, "tamano"},
        {{{"archivo", "marca.png"}, {"posicion", "fuera"}}, "posicion"},
        {json::object(), "archivo"},
    };
    for (const auto& [parameters, expected] : cases) {
        auto m = c->ask({{"tipo", "procesar"}, {"cadenas", logo_chain(parameters)}}, "error");
        ASSERT_TRUE(m) << parameters.dump();
        const std::string text = (*m)["mensaje"];
        EXPECT_NE(text.find(expected), std::string::npos) << parameters.dump() << " -> " << text;
        EXPECT_TRUE(text.find("Parámetro inválido") != std::string::npos ||
                    text.find("Cadena inválida") != std::string::npos)
            << text;
    }
    // The filter form, with its parameters beside it.
    auto single = c->ask({{"tipo", "procesar"},
                          {"filtros", {"logo"}},
                          {"parametros", {{"logo", {{"archivo", "../outside.png"}}}}}},
                         "error");
    ASSERT_TRUE(single);
    EXPECT_NE((*single)["mensaje"].get<std::string>().find("archivo"), std::string::npos);
    auto font = c->ask({{"tipo", "procesar"},
                        {"filtros", {"marca_agua"}},
                        {"parametros", {{"marca_agua", {{"fuente", "Nada Sans"}}}}}},
                       "error");
    ASSERT_TRUE(font);
    EXPECT_NE((*font)["mensaje"].get<std::string>().find("fuente"), std::string::npos);
    EXPECT_TRUE(c->received_of("aceptado").empty());
    EXPECT_FALSE(fs::exists(s.dir / "out" / "marca"));
    EXPECT_FALSE(fs::exists(s.dir / "out" / "logo"));
}

TEST(ServerStudio, AnUploadedLogoIsDrawnOnEveryImageAndIsNoInput) {
    Served s(3);
    std::string body = "--" + kBoundary +
                       "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"marca.png\""
                       "\r\nContent-Type: image/png\r\n\r\n" +
                       logo_png(250, 10, 10) + "\r\n--" + kBoundary + "--\r\n";
    auto uploaded =
        post(s.port(), "/api/uploads?folder=", body, "multipart/form-data; boundary=" + kBoundary);
    ASSERT_EQ(uploaded.status, 200) << uploaded.body;
    const std::string saved = uploaded.body_json()["files"][0]["saved"];
    auto c = connect_client(s.port());
    auto accepted = c->ask(
        {{"tipo", "procesar"},
         {"modo", "threads"},
         {"cadenas",
          logo_chain(
              {{"archivo", saved}, {"tamano", 50}, {"posicion", "top-left"}, {"margen", 0}})}},
        "aceptado");
    ASSERT_TRUE(accepted);
    auto done = c->wait_for("finalizado", 60s);
    ASSERT_TRUE(done);
    const auto outputs = files_in(s.dir / "out" / "marca");
    ASSERT_EQ(outputs.size(), 3u);  // the three photos; the logo itself is not one of them
    for (const auto& file : outputs) {
        vips::VImage out = vips::VImage::new_from_file(file.string().c_str());
        const auto corner = out.crop(2, 2, 4, 4).stats();  // inside the red logo
        EXPECT_GT(corner(4, 1)[0], 200) << file;           // mean of band 0 (red)
        EXPECT_LT(corner(4, 2)[0], 60) << file;            // mean of band 1 (green)
    }
}

TEST(ServerStudio, PreviewConfinesTheLogoToo) {
    Served s(1);
    std::ofstream(s.dir.path() / "outside.png", std::ios::binary) << logo_png(1, 2, 3);
    std::ofstream(s.dir / "in/marca.png", std::ios::binary) << logo_png(10, 200, 10);
    const std::string image = files_in(s.dir / "in").front().filename() == "marca.png"
                                  ? files_in(s.dir / "in").back().filename().string()
                                  : files_in(s.dir / "in").front().filename().string();
    auto preview = [&](const std::string& logo) {
        json chain = {{"nombre", "p"},
                      {"pasos", {{{"filtro", "logo"}, {"parametros", {{"archivo", logo}}}}}}};
        return post(s.port(), "/api/preview",
                    json{{"image", image}, {"chain", chain}, {"size", 64}}.dump(),
                    "application/json");
    };
    EXPECT_EQ(preview("../outside.png").status, 403);
    EXPECT_EQ(preview("nope.png").status, 404);
    auto good = preview("marca.png");
    EXPECT_EQ(good.status, 200) << good.body;
}

TEST(ServerStudio, TheRegistryDescribesEveryNewParameter) {
    Served s(0);
    auto res = http_get(s.port(), "/api/filters");
    ASSERT_EQ(res.status, 200);
    std::map<std::string, json> by_id;
    const json schema = res.body_json();
    for (const auto& f : schema["filters"]) by_id[f["id"].get<std::string>()] = f;
    ASSERT_FALSE(by_id.empty()) << res.body.substr(0, 200);
    for (const char* id : {"logo", "rellenar", "lienzo", "recortar"}) {
        ASSERT_TRUE(by_id.count(id)) << id;
        EXPECT_FALSE(by_id[id]["label"]["es"].get<std::string>().empty());
        for (const auto& p : by_id[id]["params"]) {
            EXPECT_TRUE(p.contains("type") && p.contains("default") && p.contains("label")) << p;
        }
    }
    std::set<std::string> mark;
    for (const auto& p : by_id["marca_agua"]["params"]) mark.insert(p["id"]);
    for (const char* p : {"posicion", "margen", "tamano", "color", "sombra", "mosaico", "fuente"})
        EXPECT_TRUE(mark.count(p)) << p;
}

}  // namespace
}  // namespace lote::testing
