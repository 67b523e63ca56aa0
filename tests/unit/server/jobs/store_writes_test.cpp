// A job store that refuses writes (a trigger standing in for a full disk) costs the history,
// never the job: the job still runs to its end, and every failed write is counted on /metrics.
#include "server/jobs/store_writes.hpp"

#include <gtest/gtest.h>

#include "db/sqlite.hpp"
#include "server/metrics_registry.hpp"
#include "unit/server/server_fixture.hpp"

namespace lote::server::testing {
namespace {

class StoreWrites : public ServerFixture {
  protected:
    void SetUp() override {
        ServerFixture::SetUp();
        auto file = dir_ / "jobs.sqlite";
        auto opened = JobStore::open(file);
        ASSERT_TRUE(opened) << opened.message();
        store_ = std::move(*opened);
        // Another connection to the same file makes every image row fail, as a full disk would.
        auto other = db::Connection::open(file, "saboteur");
        ASSERT_TRUE(other);
        ASSERT_TRUE(
            other->exec("CREATE TRIGGER refuse BEFORE INSERT ON job_images "
                        "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;"));
    }
};

TEST_F(StoreWrites, AFailedWriteIsCountedAndTheJobGoesOn) {
    make_images(3);
    build();
    std::uint64_t before = api_metrics().store_write_failures();
    auto r = parse_procesar(job(), roots(), kCores);
    ASSERT_TRUE(r);
    auto accepted = jobs_->submit(std::move(*r));
    ASSERT_TRUE(accepted) << accepted.message();
    auto fin = client_->inbox.wait_for("finalizado");
    ASSERT_TRUE(fin) << "the job did not end";
    EXPECT_EQ((*fin)["datos"]["resultados"][0]["exitosas"], 3);
    EXPECT_EQ(api_metrics().store_write_failures() - before, 3u);  // one per image row
    EXPECT_TRUE(store_->images(accepted->job).empty());
    EXPECT_EQ(store_->get(accepted->job)->state, JobState::done);  // the other writes went in

    MetricsSnapshot snapshot;
    snapshot.store_write_failures = api_metrics().store_write_failures();
    EXPECT_NE(render_prometheus(snapshot).find("lote_job_store_write_failures_total " +
                                               std::to_string(snapshot.store_write_failures)),
              std::string::npos);
}

TEST_F(StoreWrites, ASuccessfulWriteIsNotCounted) {
    std::uint64_t before = api_metrics().store_write_failures();
    note_store_write(Status{}, "record an image", "j");
    EXPECT_EQ(api_metrics().store_write_failures(), before);
    note_store_write(fail(ErrorKind::io, "job store: disk full"), "record an image", "j");
    EXPECT_EQ(api_metrics().store_write_failures(), before + 1);
}

}  // namespace
}  // namespace lote::server::testing
