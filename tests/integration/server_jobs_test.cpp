// Jobs through the real server: late joiners, the queue, cancel, SIGTERM, and kill -9 + resume.
// LOTE_TEST_DELAY_MS (test-only) makes every image take a while so tests can act mid-job.
#include <gtest/gtest.h>

#include <csignal>
#include <map>
#include <thread>

#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

const std::vector<std::string> kSlow = {"LOTE_TEST_DELAY_MS=250"};

json slow_job() {
    return {
        {"tipo", "procesar"}, {"filtros", {"grises"}}, {"modo", "threads"}, {"trabajadores", 1}};
}

// Waits for a `progreso` line saying an image was completed.
bool wait_completed(WsClient& c, int count, std::chrono::milliseconds timeout = 30s) {
    int seen = 0;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto m = c.next(100ms);
        if (m && (*m)["tipo"] == "progreso" && (*m)["datos"]["estado"] == "completado" &&
            ++seen >= count)
            return true;
    }
    return false;
}

TEST(ServerJobs, LateJoinerGetsTheJobState) {
    Served s(6, {}, kSlow);
    auto a = connect_client(s.port());
    a->send(slow_job());
    auto accepted = a->wait_for("aceptado");
    ASSERT_TRUE(accepted);
    ASSERT_TRUE(wait_completed(*a, 1));
    auto late = connect_client(s.port());
    auto start = late->next(5s);
    ASSERT_TRUE(start);
    EXPECT_EQ((*start)["tipo"], "inicio_procesamiento");
    EXPECT_EQ((*start)["datos"]["trabajo"], (*accepted)["trabajo"]);
    auto progress = late->next(5s);
    ASSERT_TRUE(progress);
    EXPECT_EQ((*progress)["tipo"], "progreso");
    EXPECT_GE((*progress)["datos"]["procesadas"].get<int>(), 1);
    ASSERT_TRUE(late->wait_for("finalizado", 30s));
}

TEST(ServerJobs, SecondJobIsQueuedWithItsPlace) {
    Served s(3, {}, kSlow);
    auto c = connect_client(s.port());
    c->send(slow_job());
    auto first = c->wait_for("aceptado");
    json second_job = slow_job();
    second_job["filtros"] = {"sepia"};
    c->send(second_job);
    auto second = c->wait_for("aceptado");
    ASSERT_TRUE(first && second);
    EXPECT_EQ((*first)["en_cola"], false);
    EXPECT_EQ((*second)["en_cola"], true);
    EXPECT_EQ((*second)["posicion"], 1);
    EXPECT_EQ((*second)["mensaje"], "Trabajo en cola (posición 1)");
    // The first job is accepted before it starts: ask until it has (a loaded machine is slow).
    auto st = c->ask({{"tipo", "estado"}}, "estado");
    for (int i = 0; i < 50 && st && (*st)["datos"]["procesando"] != true; ++i) {
        std::this_thread::sleep_for(100ms);
        st = c->ask({{"tipo", "estado"}}, "estado");
    }
    ASSERT_TRUE(st);
    EXPECT_EQ((*st)["datos"]["procesando"], true);
    EXPECT_EQ((*st)["datos"]["cola"], json::array({(*second)["trabajo"]}));
    auto fin1 = c->wait_for("finalizado", 30s);
    auto fin2 = c->wait_for("finalizado", 30s);
    ASSERT_TRUE(fin1 && fin2);
    EXPECT_EQ((*fin1)["datos"]["trabajo"], (*first)["trabajo"]);
    EXPECT_EQ((*fin2)["datos"]["trabajo"], (*second)["trabajo"]);
    EXPECT_EQ(files_in(s.dir / "out" / "sepia").size(), 3u);
}

TEST(ServerJobs, CancelStopsPromptlyAndCountsWhatWasDone) {
    Served s(10, {}, kSlow);
    auto a = connect_client(s.port());
    auto b = connect_client(s.port());
    a->send(slow_job());
    ASSERT_TRUE(a->wait_for("aceptado"));
    ASSERT_TRUE(wait_completed(*a, 2));
    auto asked = std::chrono::steady_clock::now();
    auto info = a->ask({{"tipo", "cancelar"}}, "info");
    ASSERT_TRUE(info);
    auto cancelled = a->wait_for("cancelado", 10s);
    auto fin = a->wait_for("finalizado", 10s);
    ASSERT_TRUE(cancelled && fin);
    EXPECT_LT(std::chrono::steady_clock::now() - asked, 5s);
    EXPECT_EQ((*fin)["datos"]["cancelado"], true);
    auto done = (*fin)["datos"]["resultados"][0]["exitosas"].get<std::size_t>();
    EXPECT_LT(done, 10u);
    EXPECT_EQ((*cancelled)["datos"]["procesadas"].get<std::size_t>(), done);
    EXPECT_EQ((*cancelled)["datos"]["total"], 10);
    auto outputs = files_in(s.dir / "out" / "grises");
    EXPECT_EQ(outputs.size(), done);
    for (const auto& p : outputs) EXPECT_NE(p.filename().string().front(), '.') << p;
    ASSERT_TRUE(b->wait_for("cancelado", 5s));
    ASSERT_TRUE(b->wait_for("finalizado", 5s));
    auto jobs = a->ask({{"tipo", "listar_trabajos"}}, "trabajos");
    EXPECT_EQ((*jobs)["datos"][0]["state"], "cancelled");
    auto nothing = a->ask({{"tipo", "cancelar"}}, "info");
    EXPECT_EQ((*nothing)["mensaje"], "No hay ningún procesamiento en curso");
}

TEST(ServerJobs, SigtermMidJobExitsCleanly) {
    Served s(10, {}, kSlow);
    auto c = connect_client(s.port());
    c->send(slow_job());
    ASSERT_TRUE(wait_completed(*c, 1));
    auto sent = std::chrono::steady_clock::now();
    int status = s.server->signal_and_wait(SIGTERM, 8s);
    EXPECT_LT(std::chrono::steady_clock::now() - sent, 6s);
    ASSERT_NE(status, -1);
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
}

std::map<std::string, fs::file_time_type> modification_times(const fs::path& folder) {
    std::map<std::string, fs::file_time_type> times;
    for (const auto& p : files_in(folder)) times[p.filename().string()] = fs::last_write_time(p);
    return times;
}

TEST(ServerJobs, KilledMidJobResumesOnRestartWithoutRedoingWork) {
    Served s(8, {}, kSlow);
    std::string job;
    {
        auto c = connect_client(s.port());
        c->send(slow_job());
        auto accepted = c->wait_for("aceptado");
        ASSERT_TRUE(accepted);
        job = (*accepted)["trabajo"];
        ASSERT_TRUE(wait_completed(*c, 3));
    }
    ASSERT_NE(s.server->signal_and_wait(SIGKILL, 5s), -1);
    auto before = modification_times(s.dir / "out" / "grises");
    ASSERT_GE(before.size(), 3u);
    ASSERT_LT(before.size(), 8u);

    s.server->restart();
    EXPECT_NE(s.server->output().find("resuming 1 unfinished job"), std::string::npos);
    auto c = connect_client(s.port());
    std::optional<json> fin;
    for (int i = 0; i < 3 && !fin; ++i) {
        fin = c->wait_for("finalizado", 20s);
        if (!fin) {  // it may have ended before we connected: ask the history
            auto jobs = c->ask({{"tipo", "listar_trabajos"}}, "trabajos");
            if (jobs && (*jobs)["datos"][0]["state"] == "done") break;
        }
    }
    auto jobs = c->ask({{"tipo", "listar_trabajos"}}, "trabajos");
    ASSERT_TRUE(jobs);
    ASSERT_EQ((*jobs)["datos"].size(), 1u);
    EXPECT_EQ((*jobs)["datos"][0]["id"], job);
    EXPECT_EQ((*jobs)["datos"][0]["state"], "done");
    EXPECT_EQ((*jobs)["datos"][0]["skipped"], 0);
    if (fin) {
        EXPECT_EQ((*fin)["datos"]["trabajo"], job);
        EXPECT_EQ((*fin)["datos"]["resultados"][0]["exitosas"], 8);
        EXPECT_EQ((*fin)["datos"]["resultados"][0]["omitidas"], 0);
    }
    auto after = modification_times(s.dir / "out" / "grises");
    EXPECT_EQ(after.size(), 8u);
    for (const auto& [name, time] : before) EXPECT_EQ(after[name], time) << name << " was redone";
}

}  // namespace
}  // namespace lote::testing
