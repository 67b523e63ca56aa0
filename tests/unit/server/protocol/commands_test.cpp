// The WebSocket command table without a socket: each `tipo` answered through the reply callback,
// bad messages answered with an `error` and never a throw.
#include "server/protocol/commands.hpp"

#include <gtest/gtest.h>

#include "unit/server/server_fixture.hpp"

namespace lote::server::testing {
namespace {

class Commands : public ServerFixture {
  protected:
    void SetUp() override {
        ServerFixture::SetUp();
        make_images(3);
        build();
    }
    // Sends one message; the replies arrive in `replies`.
    void send(const std::string& text) {
        handle_client_message(*context_, text, [this](const json& m) { replies.add(m); });
    }
    void send(const json& message) { send(message.dump()); }
    json answer(const json& message, const std::string& tipo) {
        send(message);
        auto reply = replies.wait_for(tipo, 5s);
        EXPECT_TRUE(reply) << "no " << tipo << " for " << message.dump();
        return reply.value_or(json::object());
    }
    Inbox replies;
};

TEST_F(Commands, MalformedAndUnknownMessagesGetAnError) {
    for (const char* text : {"not json", "[1, 2]", "\"procesar\"", "{"}) {
        send(std::string(text));
        auto e = replies.wait_for("error", 1s);
        ASSERT_TRUE(e) << text;
        EXPECT_EQ((*e)["mensaje"], "Formato de mensaje inválido");
    }
    EXPECT_EQ(answer({{"tipo", "borrar_todo"}}, "error")["mensaje"],
              "Comando desconocido: borrar_todo");
    EXPECT_EQ(answer({{"tipo", 7}}, "error")["mensaje"], "Comando desconocido: 7");
    EXPECT_EQ(answer({{"sin_tipo", true}}, "error")["mensaje"], "Comando desconocido: ");
}

TEST_F(Commands, ListsFiltersSeedFirstAndImagesOfAFolder) {
    json filtros = answer({{"tipo", "listar_filtros"}}, "filtros");
    ASSERT_GE(filtros["datos"].size(), 12u);
    EXPECT_EQ(filtros["datos"][0], "invertir");  // the seed's order
    EXPECT_NE(std::find(filtros["datos"].begin(), filtros["datos"].end(), "grises"),
              filtros["datos"].end());
    json imagenes = answer({{"tipo", "listar_imagenes"}}, "imagenes");
    EXPECT_EQ(imagenes["datos"]["cantidad"], 3);
    make_images(2, "sub");
    imagenes = answer({{"tipo", "listar_imagenes"}, {"entrada", "sub"}}, "imagenes");
    EXPECT_EQ(imagenes["datos"]["cantidad"], 2);
}

TEST_F(Commands, ListarImagenesRefusesBadFolders) {
    EXPECT_EQ(answer({{"tipo", "listar_imagenes"}, {"entrada", 1}}, "error")["mensaje"],
              "'entrada' debe ser un texto");
    EXPECT_EQ(
        std::string(answer({{"tipo", "listar_imagenes"}, {"entrada", "../.."}}, "error")["mensaje"])
            .rfind("Carpeta de entrada inválida: ", 0),
        0u);
    EXPECT_EQ(std::string(
                  answer({{"tipo", "listar_imagenes"}, {"entrada", "missing"}}, "error")["mensaje"])
                  .rfind("Carpeta de entrada inválida: ", 0),
              0u);
}

TEST_F(Commands, ProcesarIsAcceptedRunsAndIsListed) {
    json accepted = answer(job(), "aceptado");
    EXPECT_EQ(accepted["en_cola"], false);
    std::string id = accepted["trabajo"];
    auto fin = client_->inbox.wait_for("finalizado");
    ASSERT_TRUE(fin);
    EXPECT_EQ((*fin)["trabajo"], id);
    EXPECT_EQ((*fin)["datos"]["resultados"][0]["exitosas"], 3);
    json trabajos = answer({{"tipo", "listar_trabajos"}}, "trabajos");
    ASSERT_EQ(trabajos["datos"].size(), 1u);
    EXPECT_EQ(trabajos["datos"][0]["id"], id);
    EXPECT_EQ(trabajos["datos"][0]["state"], "done");
}

TEST_F(Commands, ARefusedProcesarQueuesNothing) {
    EXPECT_EQ(answer({{"tipo", "procesar"}, {"filtros", {"nope"}}}, "error")["mensaje"],
              "Filtro desconocido: nope");
    EXPECT_TRUE(jobs_->queued().empty());
    EXPECT_TRUE(jobs_->running().empty());
    EXPECT_EQ(store_->count(), 0u);
}

TEST_F(Commands, EstadoCountsClientsAndJobs) {
    json estado = answer({{"tipo", "estado"}}, "estado");
    EXPECT_EQ(estado["datos"]["procesando"], false);
    EXPECT_EQ(estado["datos"]["clientes_conectados"], 1);  // the recording client
    EXPECT_EQ(estado["datos"]["nucleos"], kCores);
    EXPECT_EQ(estado["datos"]["trabajo"], nullptr);
    EXPECT_EQ(estado["datos"]["cola"], json::array());
}

TEST_F(Commands, CancelarAnswersWhetherThereWasAnythingToCancel) {
    EXPECT_EQ(answer({{"tipo", "cancelar"}}, "info")["mensaje"],
              "No hay ningún procesamiento en curso");
    EXPECT_EQ(answer({{"tipo", "cancelar"}, {"trabajo", "x"}}, "info")["mensaje"],
              "No hay ningún trabajo x en curso ni en cola");
    EXPECT_EQ(answer({{"tipo", "cancelar"}, {"trabajo", 5}}, "error")["mensaje"],
              "'trabajo' debe ser un texto");
}

TEST_F(Commands, EveryErrorCarriesACodeBesideTheSeedsText) {
    send(std::string("{nope"));
    auto bad = replies.wait_for("error", 1s);
    ASSERT_TRUE(bad);
    EXPECT_EQ((*bad)["codigo"], "invalid_json");
    EXPECT_EQ((*bad)["parametros"], json::object());
    json unknown = answer({{"tipo", "volar"}}, "error");
    EXPECT_EQ(unknown["mensaje"], "Comando desconocido: volar");
    EXPECT_EQ(unknown["codigo"], "unknown_message");
    EXPECT_EQ(unknown["parametros"]["tipo"], "volar");
    json filter = answer({{"tipo", "procesar"}, {"filtros", {"blurr"}}}, "error");
    EXPECT_EQ(filter["codigo"], "unknown_filter");
    EXPECT_EQ(filter["parametros"]["filter"], "blurr");
    json folder = answer({{"tipo", "listar_imagenes"}, {"entrada", "../x"}}, "error");
    EXPECT_EQ(folder["codigo"], "path_refused");
    EXPECT_EQ(folder["parametros"]["reason"], "parent");
    json job = answer({{"tipo", "cancelar"}, {"trabajo", 1}}, "error");
    EXPECT_EQ(job["codigo"], "invalid_field");
    EXPECT_EQ(job["parametros"]["field"], "trabajo");
}

}  // namespace
}  // namespace lote::server::testing
