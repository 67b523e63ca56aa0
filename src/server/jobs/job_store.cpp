#include "server/jobs/job_store.hpp"

#include <sqlite3.h>

#include <chrono>

namespace lote::server {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  created REAL NOT NULL,
  started REAL NOT NULL DEFAULT 0,
  finished REAL NOT NULL DEFAULT 0,
  settings TEXT NOT NULL,
  total INTEGER NOT NULL DEFAULT 0,
  processed INTEGER NOT NULL DEFAULT 0,
  failed INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  summary TEXT,
  crashes INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS job_images (
  job TEXT NOT NULL,
  image TEXT NOT NULL,
  filter TEXT NOT NULL,
  ok INTEGER NOT NULL,
  message TEXT NOT NULL,
  output TEXT NOT NULL,
  PRIMARY KEY (job, image, filter)
);
CREATE TABLE IF NOT EXISTS output_owners (
  path TEXT PRIMARY KEY,
  job TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS images_in_progress (
  job TEXT NOT NULL,
  image TEXT NOT NULL,
  PRIMARY KEY (job, image)
);
)sql";

// Stores made before a column or table existed get it; their history says who wrote each output
// last (the newest job with a successful row for the path).
constexpr const char* kAddCrashes =
    "ALTER TABLE jobs ADD COLUMN crashes INTEGER NOT NULL DEFAULT 0";
constexpr const char* kFillOwners = R"sql(
INSERT OR REPLACE INTO output_owners (path, job)
  SELECT i.output, i.job FROM job_images i JOIN jobs j ON j.id = i.job
  WHERE i.ok = 1 AND i.output != '' ORDER BY j.created, j.rowid;
)sql";

// A prepared statement that finalises itself.
class Statement {
  public:
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool valid() const { return stmt_ != nullptr; }
    Statement& bind(int i, const std::string& v) {
        sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Statement& bind(int i, double v) {
        sqlite3_bind_double(stmt_, i, v);
        return *this;
    }
    Statement& bind(int i, std::int64_t v) {
        sqlite3_bind_int64(stmt_, i, v);
        return *this;
    }
    bool step_row() { return sqlite3_step(stmt_) == SQLITE_ROW; }
    bool run() { return sqlite3_step(stmt_) == SQLITE_DONE; }
    std::string text(int col) const {
        auto* p = sqlite3_column_text(stmt_, col);
        return p ? reinterpret_cast<const char*>(p) : "";
    }
    double real(int col) const { return sqlite3_column_double(stmt_, col); }
    std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

  private:
    sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* kJobColumns =
    "id, state, created, started, finished, settings, total, processed, failed, skipped, summary, "
    "crashes";

nlohmann::json parse_or_null(const std::string& text) {
    if (text.empty()) return nullptr;
    return nlohmann::json::parse(text, nullptr, false);
}

JobRecord read_job(const Statement& s) {
    JobRecord r;
    r.id = s.text(0);
    r.state = s.text(1);
    r.created = s.real(2);
    r.started = s.real(3);
    r.finished = s.real(4);
    r.settings = parse_or_null(s.text(5));
    r.total = static_cast<std::uint64_t>(s.integer(6));
    r.processed = static_cast<std::uint64_t>(s.integer(7));
    r.failed = static_cast<std::uint64_t>(s.integer(8));
    r.skipped = static_cast<std::uint64_t>(s.integer(9));
    r.summary = parse_or_null(s.text(10));
    r.crashes = static_cast<std::uint64_t>(s.integer(11));
    return r;
}

std::string dump(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status step_done(Statement& s, sqlite3* db) {
    if (!s.valid() || !s.run()) return fail(std::string("job store: ") + sqlite3_errmsg(db));
    return {};
}

bool has_table(sqlite3* db, const char* name) {
    Statement s(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    s.bind(1, std::string(name));
    return s.step_row();
}

bool has_column(sqlite3* db, const char* table, const char* column) {
    Statement s(
        db,
        (std::string("SELECT 1 FROM pragma_table_info('") + table + "') WHERE name = ?").c_str());
    s.bind(1, std::string(column));
    return s.step_row();
}

}  // namespace

double JobStore::now() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

Result<std::unique_ptr<JobStore>> JobStore::open(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    int rc =
        sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return fail("cannot open the job store " + file.string() + ": " + message);
    }
    sqlite3_busy_timeout(db, 5000);
    std::unique_ptr<JobStore> store(new JobStore(db));
    // WAL keeps every committed row through a crash of the process; NORMAL is enough for that.
    if (auto s = store->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !s) {
        return fail(s.message());
    }
    bool had_jobs = has_table(db, "jobs");
    bool had_owners = has_table(db, "output_owners");
    if (auto s = store->exec(kSchema); !s) return fail(s.message());
    if (had_jobs && !has_column(db, "jobs", "crashes")) {
        if (auto s = store->exec(kAddCrashes); !s) return fail(s.message());
    }
    if (had_jobs && !had_owners) {
        if (auto s = store->exec(kFillOwners); !s) return fail(s.message());
    }
    // Stores made before distributed jobs lack the column; adding it twice fails harmlessly.
    (void)store->exec("ALTER TABLE job_images ADD COLUMN node TEXT NOT NULL DEFAULT ''");
    return store;
}

JobStore::~JobStore() {
    sqlite3_close(db_);
}

Status JobStore::exec(const char* sql) const {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        return fail("job store: " + message);
    }
    return {};
}

Status JobStore::create(const JobRecord& job) {
    std::lock_guard lock(mutex_);
    Statement s(db_, "INSERT INTO jobs (id, state, created, settings) VALUES (?, ?, ?, ?)");
    s.bind(1, job.id).bind(2, job.state).bind(3, job.created).bind(4, dump(job.settings));
    return step_done(s, db_);
}

Status JobStore::set_state(const std::string& id, const std::string& state) {
    std::lock_guard lock(mutex_);
    Statement s(db_, "UPDATE jobs SET state = ? WHERE id = ?");
    s.bind(1, state).bind(2, id);
    return step_done(s, db_);
}

Status JobStore::mark_started(const std::string& id) {
    std::lock_guard lock(mutex_);
    Statement s(db_,
                "UPDATE jobs SET state = 'running', started = CASE WHEN started = 0 THEN ? ELSE "
                "started END WHERE id = ?");
    s.bind(1, now()).bind(2, id);
    return step_done(s, db_);
}

Status JobStore::record_image(const std::string& id, const ImageRecord& image) {
    std::lock_guard lock(mutex_);
    Statement s(db_,
                "INSERT OR REPLACE INTO job_images (job, image, filter, ok, message, output, node) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, id).bind(2, image.image).bind(3, image.filter);
    s.bind(4, std::int64_t{image.ok ? 1 : 0}).bind(5, image.message).bind(6, image.output);
    s.bind(7, image.node);
    if (auto done = step_done(s, db_); !done) return done;
    if (!image.ok || image.output.empty()) return {};
    // This job's file is the one at that path now, whoever wrote it before.
    Statement owner(db_, "INSERT OR REPLACE INTO output_owners (path, job) VALUES (?, ?)");
    owner.bind(1, image.output).bind(2, id);
    return step_done(owner, db_);
}

Status JobStore::note_image_started(const std::string& id, const std::string& image) {
    std::lock_guard lock(mutex_);
    Statement s(db_, "INSERT OR IGNORE INTO images_in_progress (job, image) VALUES (?, ?)");
    s.bind(1, id).bind(2, image);
    return step_done(s, db_);
}

Status JobStore::note_image_finished(const std::string& id, const std::string& image) {
    std::lock_guard lock(mutex_);
    Statement s(db_, "DELETE FROM images_in_progress WHERE job = ? AND image = ?");
    s.bind(1, id).bind(2, image);
    return step_done(s, db_);
}

std::vector<std::string> JobStore::images_in_progress(const std::string& id) const {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT image FROM images_in_progress WHERE job = ? ORDER BY image");
    s.bind(1, id);
    std::vector<std::string> images;
    while (s.step_row()) images.push_back(s.text(0));
    return images;
}

Status JobStore::finish(const std::string& id, const std::string& state, const JobRecord& counts,
                        const nlohmann::json& summary) {
    std::lock_guard lock(mutex_);
    Statement started(db_, "DELETE FROM images_in_progress WHERE job = ?");
    started.bind(1, id);
    if (auto s = step_done(started, db_); !s) return s;
    Statement s(db_,
                "UPDATE jobs SET state = ?, finished = ?, total = ?, processed = ?, failed = ?, "
                "skipped = ?, summary = ? WHERE id = ?");
    s.bind(1, state).bind(2, now()).bind(3, static_cast<std::int64_t>(counts.total));
    s.bind(4, static_cast<std::int64_t>(counts.processed));
    s.bind(5, static_cast<std::int64_t>(counts.failed));
    s.bind(6, static_cast<std::int64_t>(counts.skipped)).bind(7, dump(summary)).bind(8, id);
    return step_done(s, db_);
}

std::optional<JobRecord> JobStore::get(const std::string& id) const {
    std::lock_guard lock(mutex_);
    Statement s(db_, (std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ?").c_str());
    s.bind(1, id);
    if (!s.step_row()) return std::nullopt;
    return read_job(s);
}

std::vector<JobRecord> JobStore::list(std::size_t offset, std::size_t limit) const {
    std::lock_guard lock(mutex_);
    Statement s(db_, (std::string("SELECT ") + kJobColumns +
                      " FROM jobs ORDER BY created DESC, rowid DESC LIMIT ? OFFSET ?")
                         .c_str());
    s.bind(1, static_cast<std::int64_t>(limit)).bind(2, static_cast<std::int64_t>(offset));
    std::vector<JobRecord> jobs;
    while (s.step_row()) jobs.push_back(read_job(s));
    return jobs;
}

std::uint64_t JobStore::count() const {
    std::lock_guard lock(mutex_);
    Statement s(db_, "SELECT COUNT(*) FROM jobs");
    return s.step_row() ? static_cast<std::uint64_t>(s.integer(0)) : 0;
}

std::vector<JobRecord> JobStore::unfinished() const {
    std::lock_guard lock(mutex_);
    Statement s(db_, (std::string("SELECT ") + kJobColumns +
                      " FROM jobs WHERE state IN ('queued', 'running', 'interrupted') "
                      "ORDER BY created, rowid")
                         .c_str());
    std::vector<JobRecord> jobs;
    while (s.step_row()) jobs.push_back(read_job(s));
    return jobs;
}

std::vector<ImageRecord> JobStore::images(const std::string& id) const {
    std::lock_guard lock(mutex_);
    Statement s(
        db_,
        "SELECT i.image, i.filter, i.ok, i.message, i.output, i.node, COALESCE(o.job, '') "
        "FROM job_images i LEFT JOIN output_owners o ON o.path = i.output AND i.output != ''"
        " WHERE i.job = ? ORDER BY i.image, i.filter");
    s.bind(1, id);
    std::vector<ImageRecord> rows;
    while (s.step_row()) {
        rows.push_back(
            {s.text(0), s.text(1), s.integer(2) != 0, s.text(3), s.text(4), s.text(5), s.text(6)});
    }
    return rows;
}

std::map<std::string, std::set<std::string>> JobStore::succeeded_outputs(
    const std::string& id) const {
    std::map<std::string, std::set<std::string>> done;
    for (const auto& row : images(id)) {
        if (row.ok) done[row.filter].insert(row.image);
    }
    return done;
}

Status JobStore::remove(const std::string& id) {
    std::lock_guard lock(mutex_);
    Statement images(db_, "DELETE FROM job_images WHERE job = ?");
    images.bind(1, id);
    if (auto s = step_done(images, db_); !s) return s;
    Statement owners(db_, "DELETE FROM output_owners WHERE job = ?");
    owners.bind(1, id);
    if (auto s = step_done(owners, db_); !s) return s;
    Statement started(db_, "DELETE FROM images_in_progress WHERE job = ?");
    started.bind(1, id);
    if (auto s = step_done(started, db_); !s) return s;
    Statement jobs(db_, "DELETE FROM jobs WHERE id = ?");
    jobs.bind(1, id);
    return step_done(jobs, db_);
}

Status JobStore::forget_output(const std::string& output) {
    std::lock_guard lock(mutex_);
    Statement s(db_, "DELETE FROM output_owners WHERE path = ?");
    s.bind(1, output);
    return step_done(s, db_);
}

Result<std::uint64_t> JobStore::count_crash(const std::string& id) {
    std::lock_guard lock(mutex_);
    Statement s(db_, "UPDATE jobs SET crashes = crashes + 1 WHERE id = ?");
    s.bind(1, id);
    if (auto done = step_done(s, db_); !done) return done.error();
    Statement read(db_, "SELECT crashes FROM jobs WHERE id = ?");
    read.bind(1, id);
    if (!read.step_row()) return fail(ErrorKind::not_found, "job store: no job " + id);
    return static_cast<std::uint64_t>(read.integer(0));
}

Status JobStore::clear_crashes(const std::string& id) {
    std::lock_guard lock(mutex_);
    Statement s(db_, "UPDATE jobs SET crashes = 0 WHERE id = ?");
    s.bind(1, id);
    return step_done(s, db_);
}

}  // namespace lote::server
