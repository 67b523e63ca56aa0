// A job the server dies under (SIGKILL while it runs, as an out-of-memory kill or a decoder crash
// would) is resumed at the next start; after two such deaths in a row it is failed with the reason
// at the following start instead of resumed into a crash loop, and the work it finished is kept.
// A clean stop in between breaks the row.
#include <gtest/gtest.h>

#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

const std::vector<std::string> kSlow = {"LOTE_TEST_DELAY_MS=700"};

json slow_job() {
    return {
        {"tipo", "procesar"}, {"filtros", {"grises"}}, {"modo", "threads"}, {"trabajadores", 1}};
}

json stored(std::uint16_t port, const std::string& id) {
    return http_get(port, "/api/jobs/" + id).body_json();
}

// Waits (bounded) until the stored job is in `state`.
bool wait_state(std::uint16_t port, const std::string& id, const std::string& state) {
    for (int i = 0; i < 400; ++i) {
        if (stored(port, id).value("state", "") == state) return true;
        std::this_thread::sleep_for(25ms);
    }
    return false;
}

// Starts the slow job and waits until one image is written; returns its id.
std::string start_and_finish_one(Served& s) {
    auto c = connect_client(s.port());
    auto accepted = c->ask(slow_job(), "aceptado");
    if (!accepted) throw std::runtime_error("not accepted");
    for (int i = 0; i < 100; ++i) {
        auto m = c->wait_for("progreso", 20s);
        if (!m) break;
        if ((*m)["datos"].value("procesadas", 0) >= 1) break;
    }
    return (*accepted)["trabajo"];
}

void kill_while_running(Served& s, const std::string& id) {
    ASSERT_TRUE(wait_state(s.port(), id, "running"));
    ASSERT_NE(s.server->signal_and_wait(SIGKILL, 5s), -1);
}

TEST(ServerCrashLoop, AJobTheServerDiedUnderTwiceIsFailedWithTheReason) {
    Served s(6, {}, kSlow);
    std::string id = start_and_finish_one(s);
    kill_while_running(s, id);
    auto written = files_in(s.dir / "out" / "grises");
    ASSERT_GE(written.size(), 1u);

    s.server->restart();  // the first death: resumed
    EXPECT_NE(s.server->output().find("resuming 1 unfinished job"), std::string::npos)
        << s.server->output();
    kill_while_running(s, id);

    s.server->restart();  // the second death in a row: failed, not resumed
    EXPECT_EQ(s.server->output().find("resuming"), std::string::npos) << s.server->output();
    auto job = stored(s.port(), id);
    EXPECT_EQ(job["state"], "failed") << job;
    std::string reason = job.value("error", "");
    EXPECT_NE(reason.find("dos veces seguidas"), std::string::npos) << job;
    EXPECT_NE(reason.find("no se reanuda"), std::string::npos) << job;
    // It names the image it was working on (one worker: one), which is none of those it finished.
    const std::string lead = "puede ser la causa: ";
    auto named_at = reason.find(lead);
    ASSERT_NE(named_at, std::string::npos) << reason;
    std::string named = reason.substr(named_at + lead.size());
    named = named.substr(0, named.find(')'));
    EXPECT_NE(named.find(".jpg"), std::string::npos) << reason;
    EXPECT_EQ(named.find(','), std::string::npos) << reason;
    EXPECT_GT(job["finished"].get<double>(), 0);
    // Nothing it finished is lost: the files stay and the history still lists them.
    EXPECT_GE(job["processed"].get<int>(), static_cast<int>(written.size()));
    for (const auto& file : written) EXPECT_TRUE(fs::exists(file)) << file;
    int ok_rows = 0;
    for (const auto& row : job["images"]) {
        ok_rows += row["ok"].get<bool>() ? 1 : 0;
        EXPECT_NE(row["image"].get<std::string>(), named) << job;
    }
    EXPECT_GE(ok_rows, static_cast<int>(written.size()));
    // It stays failed, and the server is usable.
    std::this_thread::sleep_for(1s);
    EXPECT_EQ(stored(s.port(), id)["state"], "failed");
    auto c = connect_client(s.port());
    auto st = c->ask({{"tipo", "estado"}}, "estado");
    ASSERT_TRUE(st);
    EXPECT_EQ((*st)["datos"]["procesando"], false) << *st;
    // It can be run again on purpose.
    auto rerun =
        http_request("127.0.0.1", s.port(), http::verb::post, "/api/jobs/" + id + "/rerun");
    EXPECT_EQ(rerun.status, 202) << rerun.body;
}

TEST(ServerCrashLoop, ACleanStopBetweenTwoDeathsBreaksTheRow) {
    Served s(6, {}, kSlow);
    std::string id = start_and_finish_one(s);
    kill_while_running(s, id);
    s.server->restart();  // one death
    ASSERT_TRUE(wait_state(s.port(), id, "running"));
    s.server->stop();  // a clean stop: the job is marked interrupted
    s.server->restart();
    kill_while_running(s, id);  // one death again, not two in a row
    s.server->restart();
    EXPECT_NE(s.server->output().find("resuming 1 unfinished job"), std::string::npos)
        << s.server->output();
    EXPECT_NE(stored(s.port(), id)["state"], "failed");
}

}  // namespace
}  // namespace lote::testing
