// Presets through the real server: GET/PUT/DELETE /api/presets[/NAME], refusals naming the key,
// and `procesar` with "preset" plus the metadata and naming fields.
#include <gtest/gtest.h>

#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

HttpResult put_preset(std::uint16_t port, const std::string& name, const std::string& body) {
    return http_request("127.0.0.1", port, http::verb::put, "/api/presets/" + name,
                        {{"Content-Type", "application/json"}}, body);
}

TEST(ServerPresets, ListsTheBuiltInOnes) {
    Served s(0);
    auto list = http_get(s.port(), "/api/presets");
    ASSERT_EQ(list.status, 200) << list.body;
    std::vector<std::string> names;
    json presets = list.body_json()["presets"];
    for (const auto& p : presets) {
        names.push_back(p["name"]);
        EXPECT_TRUE(p["builtin"].get<bool>());
    }
    EXPECT_EQ(names, (std::vector<std::string>{"web", "thumbnails", "archive", "social"}));
    auto web = http_get(s.port(), "/api/presets/web");
    ASSERT_EQ(web.status, 200);
    EXPECT_EQ(web.body_json()["formato"], "webp");
    EXPECT_EQ(web.body_json()["metadatos"], "copyright");
    EXPECT_EQ(web.body_json()["a_srgb"], true);
}

TEST(ServerPresets, SavesShowsAndDeletesBesideTheJobStore) {
    Served s(0);
    std::string doc =
        R"({"version":1,"filtros":["sepia"],"formato":"png","plantilla":"{n:00}_{name}"})";
    auto saved = put_preset(s.port(), "mine", doc);
    ASSERT_EQ(saved.status, 200) << saved.body;
    EXPECT_TRUE(fs::exists(s.dir.path() / "out" / ".lote-presets" / "mine.json"));
    auto shown = http_get(s.port(), "/api/presets/mine");
    ASSERT_EQ(shown.status, 200);
    EXPECT_EQ(shown.body_json()["plantilla"], "{n:00}_{name}");
    auto list = http_get(s.port(), "/api/presets").body_json()["presets"];
    ASSERT_EQ(list.size(), 5u);
    EXPECT_EQ(list[4]["name"], "mine");
    EXPECT_FALSE(list[4]["builtin"].get<bool>());
    auto deleted = http_request("127.0.0.1", s.port(), http::verb::delete_, "/api/presets/mine");
    EXPECT_EQ(deleted.status, 200);
    EXPECT_EQ(http_get(s.port(), "/api/presets/mine").status, 404);
    EXPECT_EQ(http_request("127.0.0.1", s.port(), http::verb::delete_, "/api/presets/mine").status,
              404);
}

TEST(ServerPresets, RefusalsNameTheKey) {
    Served s(0);
    struct Case {
        std::string body;
        std::string names;
    };
    for (const Case& c :
         std::vector<Case>{{R"({"filtros":["sepia"]})", "version"},
                           {R"({"version":3})", "newer"},
                           {R"({"version":1,"colour":"red"})", "colour"},
                           {R"({"version":1,"calidad":0})", "calidad"},
                           {R"({"version":1,"filtros":["nope"]})", "nope"},
                           {R"({"version":1,"parametros":{"blur":{"radio":999}}})", "radio"},
                           {R"({"version":1,"plantilla":"{bogus}"})", "plantilla"},
                           {R"({"version":1,"metadatos":"some"})", "metadatos"},
                           {"not json", "JSON"}}) {
        auto r = put_preset(s.port(), "bad", c.body);
        EXPECT_EQ(r.status, 400) << c.body;
        EXPECT_NE(r.body.find(c.names), std::string::npos) << c.body << " -> " << r.body;
    }
    EXPECT_EQ(put_preset(s.port(), "web", R"({"version":1})").status, 409);
    EXPECT_EQ(http_request("127.0.0.1", s.port(), http::verb::delete_, "/api/presets/web").status,
              409);
    EXPECT_EQ(put_preset(s.port(), ".hidden", R"({"version":1})").status, 400);
    EXPECT_FALSE(fs::exists(s.dir.path() / "out" / ".lote-presets" / "bad.json"));
}

TEST(ServerPresets, ProcesarAppliesAPresetAndItsOwnFieldsWin) {
    Served s(2);
    ASSERT_EQ(put_preset(s.port(), "gris",
                         R"({"version":1,"filtros":["grises"],"formato":"png",)"
                         R"("plantilla":"{n:000}_{filter}","slug":true})")
                  .status,
              200);
    auto c = connect_client(s.port());
    c->send({{"tipo", "procesar"},
             {"preset", "gris"},
             {"formato", "jpeg"},
             {"modo", "threads"},
             {"artista", "Ana"},
             {"metadatos", "copyright"},
             {"conflictos", "rename"}});
    ASSERT_TRUE(c->wait_for("aceptado"));
    auto done = c->wait_for("finalizado", 60s);
    ASSERT_TRUE(done);
    auto outputs = files_in(s.dir.path() / "out" / "grises");
    ASSERT_EQ(outputs.size(), 2u);
    std::vector<std::string> names;
    for (const auto& p : outputs) names.push_back(p.filename().string());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"001-grises.jpg", "002-grises.jpg"}));
    auto jobs = http_get(s.port(), "/api/jobs").body_json()["jobs"];
    ASSERT_EQ(jobs.size(), 1u);
    auto job = http_get(s.port(), "/api/jobs/" + jobs[0]["id"].get<std::string>()).body_json();
    EXPECT_EQ(job["settings"]["preset"], "gris");
    EXPECT_EQ(job["settings"]["plantilla"], "{n:000}_{filter}");
    EXPECT_EQ(job["settings"]["artista"], "Ana");
    EXPECT_EQ(job["settings"]["conflictos"], "rename");
}

TEST(ServerPresets, ProcesarRefusesBadNewFields) {
    Served s(1);
    auto c = connect_client(s.port());
    for (const json& bad :
         {json{{"preset", "nope"}}, json{{"metadatos", "x"}}, json{{"plantilla", "../{name}"}},
          json{{"conflictos", "maybe"}}, json{{"a_srgb", "yes"}}, json{{"artista", 3}},
          json{{"plantilla", "{date}"}, {"filtros", {"grises"}}}}) {
        json message = bad;
        message["tipo"] = "procesar";
        c->send(message);
        auto answer = c->next();
        ASSERT_TRUE(answer);
        if (bad.contains("plantilla") && bad["plantilla"] == "{date}") {
            // One image cannot collide with itself: accepted.
            EXPECT_EQ((*answer)["tipo"], "aceptado") << answer->dump();
            ASSERT_TRUE(c->wait_for("finalizado", 60s));
            continue;
        }
        EXPECT_EQ((*answer)["tipo"], "error") << bad.dump();
    }
}

}  // namespace
}  // namespace lote::testing
