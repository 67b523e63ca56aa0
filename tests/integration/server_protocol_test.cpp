// The WebSocket protocol end to end against the real `lote serve`: every message type with its
// exact fields, bad input answered without closing anyone, and jobs with parameters and chains.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vips/vips8>

#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

std::unique_ptr<WsClient> connect(std::uint16_t port) {
    return connect_client(port);
}

std::size_t count_files(const fs::path& folder) {
    return files_in(folder).size();
}

TEST(ServerProtocol, GreetsWithConexion) {
    Served s(1);
    WsClient client(s.port());
    ASSERT_TRUE(client.ok());
    auto hello = client.next();
    ASSERT_TRUE(hello);
    EXPECT_EQ(*hello, (json{{"tipo", "conexion"},
                            {"mensaje", "Conectado al servidor de procesamiento"},
                            {"estado", "conectado"}}));
}

TEST(ServerProtocol, AcceptsUpgradeOnWsPathToo) {
    Served s(1);
    WsClient client(s.port(), "/ws");
    ASSERT_TRUE(client.ok());
    EXPECT_EQ((*client.next())["tipo"], "conexion");
}

TEST(ServerProtocol, ListsFiltersSeedOnesFirst) {
    Served s(1);
    auto c = connect(s.port());
    auto m = c->ask({{"tipo", "listar_filtros"}}, "filtros");
    ASSERT_TRUE(m);
    const json& ids = (*m)["datos"];
    ASSERT_TRUE(ids.is_array());
    ASSERT_GE(ids.size(), 12u);
    std::set<std::string> first12;
    for (std::size_t i = 0; i < 12; ++i) first12.insert(ids[i].get<std::string>());
    for (const char* seed :
         {"invertir", "grises", "blur", "nitidez", "brillo", "contraste", "sepia", "bordes",
          "relieve", "posterizar", "redimensionar", "marca_agua"}) {
        EXPECT_TRUE(first12.count(seed)) << seed;
    }
}

TEST(ServerProtocol, ListsImages) {
    Served s(3);
    auto c = connect(s.port());
    auto m = c->ask({{"tipo", "listar_imagenes"}}, "imagenes");
    ASSERT_TRUE(m);
    EXPECT_EQ((*m)["datos"]["cantidad"], 3);
    ASSERT_EQ((*m)["datos"]["imagenes"].size(), 3u);
    EXPECT_TRUE((*m)["datos"]["imagenes"][0].is_string());
}

TEST(ServerProtocol, EstadoHasSeedFieldsAndExtensions) {
    Served s(1);
    auto a = connect(s.port());
    auto b = connect(s.port());
    auto m = a->ask({{"tipo", "estado"}}, "estado");
    ASSERT_TRUE(m);
    const json& d = (*m)["datos"];
    EXPECT_EQ(d["procesando"], false);
    EXPECT_EQ(d["clientes_conectados"], 2);
    EXPECT_TRUE(d["trabajo"].is_null());
    EXPECT_TRUE(d["cola"].is_array());
    EXPECT_GE(d["nucleos"].get<int>(), 1);
}

TEST(ServerProtocol, BadInputGetsErrorsAndTheConnectionStays) {
    Served s(1);
    auto c = connect(s.port());
    c->send_text("{not json");
    EXPECT_EQ((*c->wait_for("error"))["mensaje"], "Formato de mensaje inválido");
    c->send_text("[1,2]");
    EXPECT_EQ((*c->wait_for("error"))["mensaje"], "Formato de mensaje inválido");
    c->send({{"tipo", "volar"}});
    EXPECT_EQ((*c->wait_for("error"))["mensaje"], "Comando desconocido: volar");
    c->send({{"sin", "tipo"}});
    EXPECT_EQ((*c->wait_for("error"))["mensaje"], "Comando desconocido: ");
    c->send_binary(std::string("\x00\x01\x02", 3));
    EXPECT_EQ((*c->wait_for("error"))["mensaje"], "Formato de mensaje inválido");
    c->send_text(std::string(20000, '['));
    EXPECT_TRUE(c->wait_for("error"));
    EXPECT_TRUE(c->ask({{"tipo", "estado"}}, "estado"));
}

TEST(ServerProtocol, BadProcesarStartsNothing) {
    Served s(2);
    auto c = connect(s.port());
    std::vector<std::pair<json, std::string>> cases = {
        {{{"tipo", "procesar"}, {"filtros", "grises"}}, "'filtros' debe ser una lista"},
        {{{"tipo", "procesar"}, {"filtros", {1, 2}}}, "'filtros' debe ser una lista"},
        {{{"tipo", "procesar"}, {"filtros", {"nope"}}}, "Filtro desconocido: nope"},
        {{{"tipo", "procesar"}, {"filtros", {"blur"}}, {"parametros", {{"blur", {{"radio", -5}}}}}},
         "radio"},
        {{{"tipo", "procesar"}, {"filtros", {"blur"}}, {"parametros", {{"blur", {{"zzz", 1}}}}}},
         "zzz"},
        {{{"tipo", "procesar"}, {"parametros", "x"}}, "'parametros'"},
        {{{"tipo", "procesar"}, {"cadenas", {{{"nombre", "a"}, {"pasos", "x"}}}}},
         "Cadena inválida"},
        {{{"tipo", "procesar"},
          {"cadenas", {{{"nombre", "../x"}, {"pasos", {{{"filtro", "grises"}}}}}}}},
         "Cadena inválida"},
        {{{"tipo", "procesar"}, {"modo", "magia"}}, "Modo desconocido: magia"},
        {{{"tipo", "procesar"}, {"entrada", "../"}}, "Carpeta de entrada inválida"},
        {{{"tipo", "procesar"}, {"entrada", "/etc"}}, "Carpeta de entrada inválida"},
        {{{"tipo", "procesar"}, {"entrada", std::string("a\0b", 3)}},
         "Carpeta de entrada inválida"},
        {{{"tipo", "procesar"}, {"calidad", 500}}, "'calidad'"},
        {{{"tipo", "procesar"}, {"formato", "bmp9"}}, "Formato desconocido"},
        {{{"tipo", "procesar"}, {"forzar", "si"}}, "'forzar'"},
    };
    for (const auto& [message, expected] : cases) {
        auto m = c->ask(message, "error");
        ASSERT_TRUE(m) << message.dump();
        EXPECT_NE((*m)["mensaje"].get<std::string>().find(expected), std::string::npos)
            << message.dump() << " -> " << (*m)["mensaje"];
    }
    EXPECT_TRUE(c->received_of("aceptado").empty());
    auto st = c->ask({{"tipo", "estado"}}, "estado");
    EXPECT_EQ((*st)["datos"]["procesando"], false);
    EXPECT_FALSE(fs::exists(s.dir / "out" / "grises"));
}

TEST(ServerProtocol, NoImagesIsAnError) {
    Served s(0);
    auto c = connect(s.port());
    auto m = c->ask({{"tipo", "procesar"}}, "error");
    ASSERT_TRUE(m);
    EXPECT_EQ((*m)["mensaje"], "No se encontraron imágenes para procesar");
}

void expect_progress_fields(const json& p) {
    const json& d = p["datos"];
    EXPECT_TRUE(d["imagen"].is_string());
    EXPECT_TRUE(d["estado"] == "procesando" || d["estado"] == "completado" ||
                d["estado"] == "error");
    EXPECT_TRUE(d["mensaje"].is_string());
    EXPECT_TRUE(d["procesadas"].is_number_integer());
    EXPECT_TRUE(d["total"].is_number_integer());
    EXPECT_TRUE(d["porcentaje"].is_number());
    double pct = d["porcentaje"].get<double>();
    EXPECT_NEAR(pct * 100, std::round(pct * 100), 1e-6);
    EXPECT_TRUE(d["tiempo_transcurrido"].is_number());
    EXPECT_TRUE(d["nucleos"].is_number_integer());
    EXPECT_TRUE(d["trabajo"].is_string());
}

TEST(ServerProtocol, ProcesarRunsAndEveryClientSeesIt) {
    Served s(3);
    auto a = connect(s.port());
    auto b = connect(s.port());
    a->send({{"tipo", "procesar"}, {"filtros", {"grises", "sepia"}}, {"modo", "threads"}});
    auto accepted = a->wait_for("aceptado");
    ASSERT_TRUE(accepted);
    EXPECT_EQ((*accepted)["mensaje"], "Procesamiento iniciado");
    EXPECT_EQ((*accepted)["en_cola"], false);
    std::string job = (*accepted)["trabajo"];
    auto fin = a->wait_for("finalizado", 60s);
    ASSERT_TRUE(fin);

    auto starts = a->received_of("inicio_procesamiento");
    ASSERT_EQ(starts.size(), 1u);
    const json& d = starts[0]["datos"];
    EXPECT_EQ(d["imagenes"], 3);
    EXPECT_EQ(d["filtros"], json({"grises", "sepia"}));
    EXPECT_EQ(d["modo"], "threads");
    EXPECT_EQ(d["trabajo"], job);

    int hundreds = 0;
    std::uint64_t last = 0;
    for (const auto& p : a->received_of("progreso")) {
        expect_progress_fields(p);
        auto done = p["datos"]["procesadas"].get<std::uint64_t>();
        EXPECT_GE(done, last);
        last = done;
        hundreds += p["datos"]["porcentaje"] == 100.0 ? 1 : 0;
    }
    EXPECT_EQ(hundreds, 1);

    const json& results = (*fin)["datos"]["resultados"];
    EXPECT_EQ((*fin)["datos"]["mensaje"], "Procesamiento completado exitosamente");
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0]["filtro"], "grises");
    EXPECT_EQ(results[1]["filtro"], "sepia");
    for (const auto& r : results) {
        EXPECT_EQ(r["exitosas"].get<int>() + r["fallidas"].get<int>(), 3);
        EXPECT_TRUE(r["tiempo_total"].is_number());
        EXPECT_TRUE(r["nucleos_usados"].is_number_integer());
    }
    EXPECT_EQ(count_files(s.dir / "out" / "grises"), 3u);
    EXPECT_EQ(count_files(s.dir / "out" / "sepia"), 3u);

    auto b_fin = b->wait_for("finalizado", 30s);
    ASSERT_TRUE(b_fin);
    EXPECT_EQ((*b_fin)["datos"]["trabajo"], job);
    EXPECT_EQ(b->received_of("inicio_procesamiento").size(), 1u);
    EXPECT_TRUE(b->received_of("aceptado").empty());
}

// A careless folder: text saved as .jpg, a cut-off JPEG, a note. The two bad "images" are listed
// (their names say image), fail alone with their reason, and are counted in `fallidas`.
TEST(ServerProtocol, BadFilesFailAloneWithTheirReason) {
    Served s(2);
    std::ofstream(s.dir / "in" / "rota.jpg") << "esto no es una imagen";
    std::ofstream(s.dir / "in" / "cortada.jpg", std::ios::binary)
        << std::string("\xFF\xD8\xFF\xE0", 4) << "corte";
    std::ofstream(s.dir / "in" / "notas.txt") << "apuntes";
    auto c = connect(s.port());
    auto listing = c->ask({{"tipo", "listar_imagenes"}}, "imagenes");
    ASSERT_TRUE(listing);
    EXPECT_EQ((*listing)["datos"]["cantidad"], 4);
    std::set<std::string> listed((*listing)["datos"]["imagenes"].begin(),
                                 (*listing)["datos"]["imagenes"].end());
    EXPECT_TRUE(listed.count("rota.jpg") && listed.count("cortada.jpg") &&
                !listed.count("notas.txt"));

    c->send({{"tipo", "procesar"}, {"filtros", {"grises", "sepia"}}});
    auto fin = c->wait_for("finalizado", 60s);
    ASSERT_TRUE(fin);
    std::map<std::string, std::string> errors;
    for (const auto& p : c->received_of("progreso")) {
        if (p["datos"]["estado"] == "error") errors[p["datos"]["imagen"]] = p["datos"]["mensaje"];
    }
    ASSERT_EQ(errors.size(), 2u) << json(errors).dump();
    EXPECT_NE(errors["rota.jpg"].find("not an image"), std::string::npos) << errors["rota.jpg"];
    EXPECT_FALSE(errors["cortada.jpg"].empty());
    for (const auto& r : (*fin)["datos"]["resultados"]) {
        EXPECT_EQ(r["exitosas"], 2) << r.dump();
        EXPECT_EQ(r["fallidas"], 2) << r.dump();
    }
    EXPECT_EQ(count_files(s.dir / "out" / "grises"), 2u);
    EXPECT_EQ(count_files(s.dir / "out" / "sepia"), 2u);
    auto st = c->ask({{"tipo", "estado"}}, "estado");
    ASSERT_TRUE(st);
    EXPECT_EQ((*st)["datos"]["procesando"], false);
}

TEST(ServerProtocol, ParametersAndChainsProduceTheirOutputs) {
    Served s(2);
    auto c = connect(s.port());
    json chain = {
        {"nombre", "web"},
        {"pasos",
         {{{"filtro", "grises"}}, {{"filtro", "rotar"}, {"parametros", {{"grados", "90"}}}}}}};
    c->send({{"tipo", "procesar"},
             {"filtros", {"redimensionar"}},
             {"parametros", {{"redimensionar", {{"porcentaje", 50}}}}},
             {"cadenas", {chain}},
             {"formato", "png"},
             {"modo", "threads"}});
    auto fin = c->wait_for("finalizado", 60s);
    ASSERT_TRUE(fin) << (c->received().empty() ? "" : c->received().back().dump());
    const json& results = (*fin)["datos"]["resultados"];
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0]["filtro"], "redimensionar");
    EXPECT_EQ(results[1]["filtro"], "web");
    EXPECT_EQ(results[1]["exitosas"], 2);
    EXPECT_EQ(count_files(s.dir / "out" / "web"), 2u);
    for (const auto& e : fs::directory_iterator(s.dir / "out" / "redimensionar")) {
        vips::VImage img = vips::VImage::new_from_file(e.path().c_str());
        EXPECT_EQ(img.width(), 32);
        EXPECT_EQ(img.height(), 24);
        EXPECT_EQ(e.path().extension(), ".png");
    }
    for (const auto& e : fs::directory_iterator(s.dir / "out" / "web")) {
        vips::VImage img = vips::VImage::new_from_file(e.path().c_str());
        EXPECT_EQ(img.width(), 48);  // rotated by 90 degrees
        EXPECT_EQ(img.height(), 64);
    }
}

TEST(ServerProtocol, HugeMessageClosesOnlyThatClient) {
    Served s(1);
    auto other = connect(s.port());
    auto big = connect(s.port());
    big->send_text("{\"tipo\":\"estado\",\"x\":\"" + std::string(100 * 1024, 'a') + "\"}");
    EXPECT_TRUE(big->wait_closed(5s));
    EXPECT_TRUE(other->ask({{"tipo", "estado"}}, "estado"));
}

TEST(ServerProtocol, ListarTrabajosShowsJobs) {
    Served s(1);
    auto c = connect(s.port());
    c->send({{"tipo", "procesar"}, {"modo", "threads"}});
    ASSERT_TRUE(c->wait_for("finalizado", 30s));
    auto m = c->ask({{"tipo", "listar_trabajos"}}, "trabajos");
    ASSERT_TRUE(m);
    ASSERT_EQ((*m)["datos"].size(), 1u);
    EXPECT_EQ((*m)["datos"][0]["state"], "done");
    EXPECT_EQ((*m)["datos"][0]["filters"], json({"grises"}));
}

}  // namespace
}  // namespace lote::testing
