// JobRun's arithmetic, fed by hand: a resumed job continues its count and percentage from the
// outputs it finished before the restart, and counts them as done, not as skipped.
#include "server/jobs/job_run.hpp"

#include <gtest/gtest.h>

#include "unit/server/server_fixture.hpp"

namespace lote::server::testing {
namespace {

class JobRunTest : public ServerFixture {
  protected:
    void SetUp() override {
        ServerFixture::SetUp();
        make_images(4);
        build(1, 0ms, false);
        auto r = parse_procesar(job(), roots(), kCores);
        ASSERT_TRUE(r) << r.message();
        request_ = std::move(*r);
        JobRecord record;
        record.id = "j1";
        record.created = JobStore::now();
        record.settings = request_.settings;
        ASSERT_TRUE(store_->create(record));
        env_ = std::make_unique<JobEnvironment>(
            JobEnvironment{*store_, hub_, roots(), kCores, 1, 0ms});
    }
    static ProgressEvent event(EventKind kind, std::uint64_t processed, std::uint64_t total) {
        ProgressEvent e;
        e.kind = kind;
        e.processed = processed;
        e.total = total;
        e.percent = total ? 100.0 * static_cast<double>(processed) / total : 100.0;
        e.state = kind == EventKind::ImageDone ? ImageState::done : ImageState::processing;
        return e;
    }
    static ImageResult result(const std::string& image) {
        ImageResult r;
        r.input = image;
        r.outputs.push_back({"grises", "", true, "", 0.01, 10});
        return r;
    }
    JobRequest request_;
    std::unique_ptr<JobEnvironment> env_;
};

TEST_F(JobRunTest, AResumedJobContinuesFromWhatWasDone) {
    JobRun::DoneOutputs before{{"grises", {"a.jpg", "b.jpg"}}};
    JobRun run(*env_, "j1", request_, before);
    run.on_event(event(EventKind::Started, 0, 2));
    auto start = client_->inbox.wait_for("inicio_procesamiento", 1s);
    ASSERT_TRUE(start);
    EXPECT_EQ((*start)["datos"]["total"], 4);  // 2 to do now + 2 done before
    EXPECT_EQ((*start)["datos"]["omitidas"], 0);

    run.on_event(event(EventKind::ImageDone, 1, 2));
    // A done image's line waits until its results are stored.
    EXPECT_TRUE(client_->inbox.of_tipo("progreso").empty());
    run.on_image("c.jpg", result("c.jpg"));
    auto third = client_->inbox.wait_for("progreso", 1s);
    ASSERT_TRUE(third);
    EXPECT_EQ((*third)["datos"]["procesadas"], 3);
    EXPECT_EQ((*third)["datos"]["total"], 4);
    EXPECT_EQ((*third)["datos"]["porcentaje"], 75.0);

    run.on_event(event(EventKind::ImageDone, 2, 2));
    run.on_image("d.jpg", result("d.jpg"));
    auto last = client_->inbox.wait_for("progreso", 1s);
    ASSERT_TRUE(last);
    EXPECT_EQ((*last)["datos"]["procesadas"], 4);
    EXPECT_EQ((*last)["datos"]["porcentaje"], 100.0);

    BatchSummary summary;
    summary.images = 4;
    summary.processed = 2;
    summary.skipped = 2;  // the manifest found the two earlier outputs up to date
    summary.filters.push_back({"grises", 2, 0, 2, 0, 0.02, 1});
    run.finish(summary, false);
    auto fin = client_->inbox.wait_for("finalizado", 1s);
    ASSERT_TRUE(fin);
    EXPECT_EQ((*fin)["datos"]["resultados"][0]["exitosas"], 4);
    EXPECT_EQ((*fin)["datos"]["resultados"][0]["omitidas"], 0);
    EXPECT_EQ((*fin)["datos"]["omitidas"], 0);
    auto stored = store_->get("j1");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->state, JobState::done);
    EXPECT_EQ(stored->processed, 4u);
    EXPECT_EQ(stored->skipped, 0u);
    EXPECT_EQ(store_->images("j1").size(), 2u);  // the rows of this run
}

TEST_F(JobRunTest, CountsNeverGoBackwardsAndReach100Once) {
    JobRun run(*env_, "j1", request_, {});
    run.on_event(event(EventKind::Started, 0, 4));
    run.on_event(event(EventKind::ImageDone, 2, 4));
    run.on_image("b.jpg", result("b.jpg"));
    run.on_event(event(EventKind::ImageDone, 1, 4));  // a late, older event from another worker
    run.on_image("a.jpg", result("a.jpg"));
    run.on_event(event(EventKind::ImageDone, 4, 4));
    run.on_image("d.jpg", result("d.jpg"));
    run.on_event(event(EventKind::ImageDone, 4, 4));
    run.on_image("c.jpg", result("c.jpg"));
    auto lines = client_->inbox.of_tipo("progreso");
    ASSERT_EQ(lines.size(), 3u);  // the second 100 % is not repeated
    EXPECT_EQ(lines[0]["datos"]["procesadas"], 2);
    EXPECT_EQ(lines[1]["datos"]["procesadas"], 2);
    EXPECT_EQ(lines[2]["datos"]["procesadas"], 4);
}

TEST_F(JobRunTest, AFailedBatchIsAnnouncedAndStoredAsFailed) {
    JobRun run(*env_, "j1", request_, {});
    run.finish(Result<BatchSummary>(fail(ErrorKind::io, "disco lleno")), false);
    auto error = client_->inbox.wait_for("error", 1s);
    ASSERT_TRUE(error);
    EXPECT_EQ((*error)["mensaje"], "Error en el procesamiento: disco lleno");
    EXPECT_EQ((*error)["trabajo"], "j1");
    EXPECT_EQ(store_->get("j1")->state, JobState::failed);
}

TEST_F(JobRunTest, AnInterruptedJobIsMarkedToResume) {
    JobRun run(*env_, "j1", request_, {});
    run.on_event(event(EventKind::Started, 0, 4));
    run.finish(BatchSummary{}, true);
    auto info = client_->inbox.wait_for("info", 1s);
    ASSERT_TRUE(info);
    EXPECT_EQ((*info)["mensaje"], "Servidor detenido; el trabajo j1 continuará al reiniciar");
    EXPECT_EQ(store_->get("j1")->state, JobState::interrupted);
}

}  // namespace
}  // namespace lote::server::testing
