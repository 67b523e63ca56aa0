// The job manager without the binary: jobs stored, queued in order with their place, run on the
// manager's threads, cancelled queued or running, interrupted by a shutdown and resumed.
#include "server/jobs/job_manager.hpp"

#include <gtest/gtest.h>

#include "unit/server/server_fixture.hpp"

namespace lote::server::testing {
namespace {

class JobManagerTest : public ServerFixture {
  protected:
    JobRequest request(std::vector<std::string> filters = {"grises"}) {
        auto r = parse_procesar(job(std::move(filters)), roots(), kCores);
        EXPECT_TRUE(r) << r.message();
        return std::move(*r);
    }
    Accepted submit(std::vector<std::string> filters = {"grises"}) {
        auto accepted = jobs_->submit(request(std::move(filters)));
        EXPECT_TRUE(accepted) << accepted.message();
        return *accepted;
    }
    // Waits until the job has a `progreso` line saying an image is done.
    bool wait_progress(const std::string& id) {
        for (int i = 0; i < 200; ++i) {
            for (const auto& m : client_->inbox.of_tipo("progreso")) {
                if (m["trabajo"] == id && m["datos"]["estado"] == "completado") return true;
            }
            std::this_thread::sleep_for(20ms);
        }
        return false;
    }
    std::optional<json> end_of(const std::string& id, const std::string& tipo) {
        for (int i = 0; i < 1000; ++i) {
            for (const auto& m : client_->inbox.of_tipo(tipo)) {
                if (m["trabajo"] == id || m["datos"].value("trabajo", "") == id) return m;
            }
            std::this_thread::sleep_for(20ms);
        }
        return std::nullopt;
    }
};

TEST_F(JobManagerTest, QueuesJobsInOrderWithTheirPlace) {
    make_images(2);
    build(1, 60ms);
    Accepted first = submit();
    Accepted second = submit({"sepia"});
    Accepted third = submit({"invertir"});
    EXPECT_FALSE(first.queued);
    EXPECT_EQ(first.position, 0u);
    EXPECT_TRUE(second.queued);
    EXPECT_EQ(second.position, 1u);
    EXPECT_TRUE(third.queued);
    EXPECT_EQ(third.position, 2u);
    EXPECT_EQ(store_->get(third.job)->state, JobState::queued);
    ASSERT_TRUE(end_of(third.job, "finalizado"));
    auto ends = client_->inbox.of_tipo("finalizado");
    ASSERT_EQ(ends.size(), 3u);
    EXPECT_EQ(ends[0]["trabajo"], first.job);
    EXPECT_EQ(ends[1]["trabajo"], second.job);
    EXPECT_EQ(ends[2]["trabajo"], third.job);
    for (const auto& id : {first.job, second.job, third.job}) {
        auto record = store_->get(id);
        ASSERT_TRUE(record);
        EXPECT_EQ(record->state, JobState::done);
        EXPECT_EQ(record->processed, 2u);
        EXPECT_GT(record->started, 0);
        EXPECT_GE(record->finished, record->started);
    }
    EXPECT_EQ(store_->images(first.job).size(), 2u);
}

TEST_F(JobManagerTest, RunsParallelJobsAtOnce) {
    make_images(2);
    build(2, 60ms);
    Accepted a = submit();
    Accepted b = submit({"sepia"});
    EXPECT_FALSE(a.queued);
    EXPECT_FALSE(b.queued);
    Accepted c = submit({"invertir"});
    EXPECT_TRUE(c.queued);
    EXPECT_EQ(c.position, 1u);
    ASSERT_TRUE(end_of(c.job, "finalizado"));
}

TEST_F(JobManagerTest, TheAnnouncementComesBeforeAnyBroadcastOfTheJob) {
    make_images(1);
    build();
    Inbox mine;
    auto accepted = jobs_->submit(request(), [&](const Accepted& a) {
        mine.add({{"tipo", "aceptado"}, {"trabajo", a.job}});
        EXPECT_TRUE(client_->inbox.of_tipo("inicio_procesamiento").empty());
    });
    ASSERT_TRUE(accepted);
    EXPECT_TRUE(mine.wait_for("aceptado", 1s));
    ASSERT_TRUE(end_of(accepted->job, "finalizado"));
}

TEST_F(JobManagerTest, CancelsAQueuedJobWithoutRunningIt) {
    make_images(3);
    build(1, 100ms);
    Accepted running = submit();
    Accepted waiting = submit({"sepia"});
    ASSERT_TRUE(jobs_->cancel(waiting.job));
    EXPECT_FALSE(jobs_->cancel(waiting.job));  // gone from the queue
    auto cancelled = end_of(waiting.job, "cancelado");
    ASSERT_TRUE(cancelled);
    EXPECT_EQ((*cancelled)["datos"]["procesadas"], 0);
    EXPECT_EQ((*cancelled)["datos"]["total"], 3);
    EXPECT_EQ(store_->get(waiting.job)->state, JobState::cancelled);
    ASSERT_TRUE(end_of(running.job, "finalizado"));
    EXPECT_FALSE(fs::exists(output_ / "sepia"));
}

TEST_F(JobManagerTest, CancelsARunningJobPromptly) {
    make_images(8);
    build(1, 80ms);
    Accepted a = submit();
    ASSERT_TRUE(wait_progress(a.job));
    EXPECT_EQ(jobs_->running(), std::vector<std::string>{a.job});
    ASSERT_TRUE(jobs_->cancel(a.job));
    auto cancelled = end_of(a.job, "cancelado");
    ASSERT_TRUE(cancelled);
    EXPECT_LT((*cancelled)["datos"]["procesadas"].get<int>(), 8);
    auto fin = end_of(a.job, "finalizado");
    ASSERT_TRUE(fin);
    EXPECT_EQ((*fin)["datos"]["cancelado"], true);
    EXPECT_EQ(store_->get(a.job)->state, JobState::cancelled);
    EXPECT_FALSE(jobs_->cancel("no-such-job"));
}

TEST_F(JobManagerTest, CancelRunningStopsEveryRunningJob) {
    make_images(6);
    build(2, 80ms);
    Accepted a = submit();
    Accepted b = submit({"sepia"});
    ASSERT_TRUE(wait_progress(a.job) && wait_progress(b.job));
    auto ids = jobs_->cancel_running();
    EXPECT_EQ(ids.size(), 2u);
    ASSERT_TRUE(end_of(a.job, "cancelado") && end_of(b.job, "cancelado"));
}

TEST_F(JobManagerTest, AShutdownInterruptsJobsAndTheNextStartResumesThem) {
    make_images(4);
    build(1, 80ms);
    Accepted a = submit();
    Accepted b = submit({"sepia"});
    ASSERT_TRUE(wait_progress(a.job));
    jobs_->shutdown();
    EXPECT_EQ(store_->get(a.job)->state, JobState::interrupted);
    EXPECT_EQ(store_->get(b.job)->state, JobState::interrupted);
    EXPECT_TRUE(client_->inbox.of_tipo("finalizado").empty());
    std::size_t done_before = store_->images(a.job).size();
    EXPECT_GE(done_before, 1u);
    EXPECT_LT(done_before, 4u);

    // A new manager on the same store: what a restart of the server does.
    jobs_.reset();
    build(1, 0ms, false);
    EXPECT_EQ(jobs_->resume_unfinished(), 2u);
    EXPECT_EQ(jobs_->queued(), (std::vector<std::string>{a.job, b.job}));
    jobs_->start();
    auto fin = end_of(a.job, "finalizado");
    ASSERT_TRUE(fin);
    // Outputs finished before the stop count as done, not as skipped.
    EXPECT_EQ((*fin)["datos"]["resultados"][0]["exitosas"], 4);
    EXPECT_EQ((*fin)["datos"]["resultados"][0]["omitidas"], 0);
    EXPECT_EQ((*fin)["datos"]["omitidas"], 0);
    ASSERT_TRUE(end_of(b.job, "finalizado"));
    EXPECT_EQ(store_->get(a.job)->state, JobState::done);
    EXPECT_EQ(store_->get(a.job)->processed, 4u);
    EXPECT_EQ(store_->get(b.job)->state, JobState::done);
    EXPECT_EQ(store_->images(a.job).size(), 4u);
}

TEST_F(JobManagerTest, AJobThatCannotResumeIsMarkedFailed) {
    make_images(2, "gone");
    build(1, 0ms, false);
    auto r = parse_procesar({{"entrada", "gone"}, {"modo", "threads"}}, roots(), kCores);
    ASSERT_TRUE(r);
    JobRecord record;
    record.id = "lost";
    record.state = JobState::running;
    record.created = JobStore::now();
    record.settings = r->settings;
    ASSERT_TRUE(store_->create(record));
    fs::remove_all(input_ / "gone");
    EXPECT_EQ(jobs_->resume_unfinished(), 0u);
    auto stored = store_->get("lost");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->state, JobState::failed);
    EXPECT_EQ(stored->summary["tipo"], "error");
    EXPECT_EQ(std::string(stored->summary["mensaje"]).rfind("No se puede reanudar: ", 0), 0u);
}

TEST_F(JobManagerTest, ASubmitWhileStoppingIsRefusedAndNothingRuns) {
    make_images(1);
    build();
    jobs_->shutdown();
    auto refused = jobs_->submit(request());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.message(), "El servidor se está deteniendo");
}

}  // namespace
}  // namespace lote::server::testing
