#include "server/jobs/job_store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "support/temp_dir.hpp"

namespace lote::server {
namespace {

namespace fs = std::filesystem;

struct Folder {
    test_support::TempDir dir{"lote-store"};
    const fs::path& path = dir.path();
};

void run_sql(const fs::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
}

JobRecord job(const std::string& id, double created) {
    JobRecord r;
    r.id = id;
    r.state = JobState::done;
    r.created = created;
    r.settings = nlohmann::json::object();
    return r;
}

TEST(JobStore, TheLastJobToWriteAnOutputOwnsIt) {
    Folder f;
    auto store = JobStore::open(f.path / "s.sqlite");
    ASSERT_TRUE(store);
    auto& s = **store;
    ASSERT_TRUE(s.create(job("a", 1)));
    ASSERT_TRUE(s.create(job("b", 2)));
    ASSERT_TRUE(s.record_image("a", {"x.jpg", "grises", true, "", "grises/x_grises.jpg"}));
    ASSERT_TRUE(s.record_image("a", {"y.jpg", "grises", true, "", "grises/y_grises.jpg"}));
    ASSERT_TRUE(s.record_image("b", {"x.jpg", "grises", true, "", "grises/x_grises.jpg"}));
    // A failed write leaves the earlier file, and its owner, in place.
    ASSERT_TRUE(s.record_image("b", {"y.jpg", "grises", false, "no space", ""}));
    auto a = s.images("a");
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].owner, "b");
    EXPECT_EQ(a[1].owner, "a");
    ASSERT_TRUE(s.remove("b"));
    EXPECT_EQ(s.images("a")[0].owner, "");  // nobody's now: still not a's
    ASSERT_TRUE(s.forget_output("grises/y_grises.jpg"));
    EXPECT_EQ(s.images("a")[1].owner, "");
}

// A store written before owners and crash counts existed: opened, it gets both, and who wrote
// each output last comes from its history.
// The images a job started and did not finish survive the store being closed (a crash) and are
// forgotten once the image is done or the job ends.
TEST(JobStore, ImagesInProgressOutliveAReopenUntilFinished) {
    Folder dir;
    fs::path file = dir.path / "store.sqlite";
    {
        auto store = JobStore::open(file);
        ASSERT_TRUE(store.ok()) << store.message();
        ASSERT_TRUE((*store)->create(job("j1", 1)));
        ASSERT_TRUE((*store)->create(job("j2", 2)));
        ASSERT_TRUE((*store)->note_image_started("j1", "b.jpg"));
        ASSERT_TRUE((*store)->note_image_started("j1", "a.jpg"));
        ASSERT_TRUE((*store)->note_image_started("j1", "a.jpg"));  // twice: once
        ASSERT_TRUE((*store)->note_image_started("j1", "c.jpg"));
        ASSERT_TRUE((*store)->note_image_started("j2", "a.jpg"));
        ASSERT_TRUE((*store)->note_image_finished("j1", "c.jpg"));
    }
    auto store = JobStore::open(file);
    ASSERT_TRUE(store.ok()) << store.message();
    EXPECT_EQ((*store)->images_in_progress("j1"), (std::vector<std::string>{"a.jpg", "b.jpg"}));
    EXPECT_EQ((*store)->images_in_progress("j2"), (std::vector<std::string>{"a.jpg"}));
    ASSERT_TRUE((*store)->finish("j1", JobState::failed, JobRecord{}, nullptr));
    EXPECT_TRUE((*store)->images_in_progress("j1").empty());
    ASSERT_TRUE((*store)->remove("j2"));
    EXPECT_TRUE((*store)->images_in_progress("j2").empty());
}

TEST(JobStore, AnOlderStoreIsUpgradedFromItsHistory) {
    Folder f;
    fs::path file = f.path / "old.sqlite";
    run_sql(file, R"sql(
CREATE TABLE jobs (id TEXT PRIMARY KEY, state TEXT NOT NULL, created REAL NOT NULL,
  started REAL NOT NULL DEFAULT 0, finished REAL NOT NULL DEFAULT 0, settings TEXT NOT NULL,
  total INTEGER NOT NULL DEFAULT 0, processed INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, summary TEXT);
CREATE TABLE job_images (job TEXT NOT NULL, image TEXT NOT NULL, filter TEXT NOT NULL,
  ok INTEGER NOT NULL, message TEXT NOT NULL, output TEXT NOT NULL,
  PRIMARY KEY (job, image, filter));
INSERT INTO jobs (id, state, created, settings) VALUES ('new', 'running', 20, '{}'),
  ('old', 'done', 10, '{}');
INSERT INTO job_images VALUES ('new', 'x.jpg', 'grises', 1, '', 'grises/x_grises.jpg'),
  ('old', 'x.jpg', 'grises', 1, '', 'grises/x_grises.jpg'),
  ('old', 'z.jpg', 'grises', 1, '', 'grises/z_grises.jpg');
)sql");
    auto store = JobStore::open(file);
    ASSERT_TRUE(store) << store.message();
    auto old = (*store)->images("old");
    ASSERT_EQ(old.size(), 2u);
    EXPECT_EQ(old[0].owner, "new");
    EXPECT_EQ(old[1].owner, "old");
    EXPECT_EQ((*store)->get("new")->crashes, 0u);
    EXPECT_EQ(*(*store)->count_crash("new"), 1u);
    EXPECT_EQ(*(*store)->count_crash("new"), 2u);
    ASSERT_TRUE((*store)->clear_crashes("new"));
    EXPECT_EQ((*store)->get("new")->crashes, 0u);
    EXPECT_FALSE((*store)->count_crash("missing"));
}

}  // namespace
}  // namespace lote::server
