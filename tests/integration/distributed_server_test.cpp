// `lote serve --broker`: `procesar` with modo "distribuido" goes to the nodes, `estado` lists
// them (nodos: nombre, slots, hechas, visto), each image's progreso names its node, and the
// job's history keeps it.
#include <gtest/gtest.h>

#include "integration/distributed_support.hpp"
#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

using distributed_testing::Process;
using distributed_testing::RedisServer;
using distributed_testing::wait_until;

json estado(WsClient& client) {
    auto answer = client.ask({{"tipo", "estado"}}, "estado");
    return answer ? (*answer)["datos"] : json();
}

TEST(DistributedServer, JobsGoToTheNodesAndEstadoShowsThem) {
    TempDir dir;
    RedisServer redis(dir.path() / "redis");
    Served served(4, {"--broker", redis.url(), "--claim-timeout", "2"});
    auto client = connect_client(served.port());
    // Before any node: the list is there, empty.
    json before = estado(*client);
    ASSERT_TRUE(before.contains("nodos")) << before;
    EXPECT_TRUE(before["nodos"].empty()) << before;

    fs::create_directories(dir.path() / "node");
    Process node(
        {LOTE_BINARY, "node", "--broker", redis.url(), "--slots", "2", "--name", "studio-2"},
        dir.path() / "node", dir.path() / "node-log");
    json listed;
    ASSERT_TRUE(wait_until(
        [&] {
            listed = estado(*client);
            return listed.contains("nodos") && listed["nodos"].size() == 1;
        },
        20s))
        << listed << node.err();
    const json& entry = listed["nodos"][0];
    EXPECT_EQ(entry["nombre"], "studio-2");
    EXPECT_EQ(entry["slots"], 2);
    EXPECT_EQ(entry["hechas"], 0);
    EXPECT_TRUE(entry["visto"].is_number());
    EXPECT_LT(entry["visto"].get<double>(), 10.0);

    client->send({{"tipo", "procesar"}, {"filtros", {"grises"}}, {"modo", "distribuido"}});
    auto accepted = client->wait_for("aceptado");
    ASSERT_TRUE(accepted);
    std::string job = (*accepted)["trabajo"];
    auto start = client->wait_for("inicio_procesamiento");
    ASSERT_TRUE(start);
    EXPECT_EQ((*start)["datos"]["modo"], "distribuido");
    int completed = 0;
    for (;;) {
        auto m = client->next(60s);
        ASSERT_TRUE(m) << node.err();
        if ((*m)["tipo"] == "progreso" && (*m)["datos"]["estado"] == "completado") {
            EXPECT_EQ((*m)["datos"]["nodo"], "studio-2") << *m;
            ++completed;
        }
        if ((*m)["tipo"] == "finalizado") break;
    }
    EXPECT_EQ(completed, 4);
    auto history = http_get(served.port(), "/api/jobs/" + job).body_json();
    ASSERT_EQ(history["images"].size(), 4u) << history;
    for (const auto& image : history["images"]) EXPECT_EQ(image["node"], "studio-2") << image;
    EXPECT_TRUE(wait_until([&] { return estado(*client)["nodos"][0]["hechas"] == 4; }, 10s));

    // With a broker, a request naming no mode is distributed too.
    client->send({{"tipo", "procesar"}, {"filtros", {"sepia"}}});
    auto second = client->wait_for("inicio_procesamiento");
    ASSERT_TRUE(second);
    EXPECT_EQ((*second)["datos"]["modo"], "distribuido");
    ASSERT_TRUE(client->wait_for("finalizado", 60s));
    EXPECT_EQ(redis.cli("KEYS lote:run:*"), "");
    EXPECT_EQ(redis.number("XLEN lote:tasks"), 0);
}

TEST(DistributedServer, WithoutABrokerTheDistributedModeIsRefused) {
    Served served(2);
    auto client = connect_client(served.port());
    json state = client->ask({{"tipo", "estado"}}, "estado").value_or(json());
    EXPECT_FALSE(state["datos"].contains("nodos")) << state;
    client->send({{"tipo", "procesar"}, {"filtros", {"grises"}}, {"modo", "distribuido"}});
    auto error = client->wait_for("error");
    ASSERT_TRUE(error);
    EXPECT_NE(error->dump().find("broker"), std::string::npos) << *error;
}

}  // namespace
}  // namespace lote::testing
