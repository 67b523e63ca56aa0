#include "server/jobs/job_store.hpp"

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
constexpr const char* kAddNode = "ALTER TABLE job_images ADD COLUMN node TEXT NOT NULL DEFAULT ''";
constexpr const char* kFillOwners = R"sql(
INSERT OR REPLACE INTO output_owners (path, job)
  SELECT i.output, i.job FROM job_images i JOIN jobs j ON j.id = i.job
  WHERE i.ok = 1 AND i.output != '' ORDER BY j.created, j.rowid;
)sql";

// Added to stores of any age by open(): a store made before watched folders gets the table.
constexpr const char* kWatchesTable = R"sql(
CREATE TABLE IF NOT EXISTS watches (
  name TEXT PRIMARY KEY,
  settings TEXT NOT NULL,
  paused INTEGER NOT NULL DEFAULT 0,
  created REAL NOT NULL,
  last_job TEXT NOT NULL DEFAULT ''
);
)sql";

constexpr const char* kJobColumns =
    "id, state, created, started, finished, settings, total, processed, failed, skipped, summary, "
    "crashes";

nlohmann::json parse_or_null(const std::string& text) {
    if (text.empty()) return nullptr;
    return nlohmann::json::parse(text, nullptr, false);
}

JobRecord read_job(const db::Statement& s) {
    JobRecord r;
    r.id = s.text(0);
    // A state this version does not know (written by a newer one) reads as failed: never resumed.
    r.state = job_state_from_id(s.text(1)).value_or(JobState::failed);
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

bool has_table(const db::Connection& db, const char* name) {
    auto s = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    s.bind(1, std::string_view(name));
    return s.next_row();
}

bool has_column(const db::Connection& db, const char* table, const char* column) {
    auto s =
        db.prepare(std::string("SELECT 1 FROM pragma_table_info('") + table + "') WHERE name = ?");
    s.bind(1, std::string_view(column));
    return s.next_row();
}

}  // namespace

double JobStore::now() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

Result<std::unique_ptr<JobStore>> JobStore::open(const std::filesystem::path& file) {
    auto db = db::Connection::open(file, "job store");
    if (!db) return db.error();
    bool had_jobs = has_table(*db, "jobs");
    bool had_owners = has_table(*db, "output_owners");
    if (auto s = db->exec(kSchema); !s) return s.error();
    if (had_jobs && !has_column(*db, "jobs", "crashes")) {
        if (auto s = db->exec(kAddCrashes); !s) return s.error();
    }
    if (had_jobs && !had_owners) {
        if (auto s = db->exec(kFillOwners); !s) return s.error();
    }
    // Stores made before distributed jobs lack the node column.
    if (!has_column(*db, "job_images", "node")) {
        if (auto s = db->exec(kAddNode); !s) return s.error();
    }
    if (auto s = db->exec(kWatchesTable); !s) return s.error();
    return std::unique_ptr<JobStore>(new JobStore(std::move(*db)));
}

std::vector<JobRecord> JobStore::read_jobs(db::Statement& query) const {
    std::vector<JobRecord> jobs;
    while (query.next_row()) jobs.push_back(read_job(query));
    return jobs;
}

Status JobStore::create(const JobRecord& job) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("INSERT INTO jobs (id, state, created, settings) VALUES (?, ?, ?, ?)");
    s.bind(1, job.id)
        .bind(2, job_state_id(job.state))
        .bind(3, job.created)
        .bind(4, dump(job.settings));
    return s.run();
}

Status JobStore::set_state(const std::string& id, JobState state) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("UPDATE jobs SET state = ? WHERE id = ?");
    s.bind(1, job_state_id(state)).bind(2, id);
    return s.run();
}

Status JobStore::mark_started(const std::string& id) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare(
        "UPDATE jobs SET state = ?, started = CASE WHEN started = 0 THEN ? ELSE started END "
        "WHERE id = ?");
    s.bind(1, job_state_id(JobState::running)).bind(2, now()).bind(3, id);
    return s.run();
}

Status JobStore::record_image(const std::string& id, const ImageRecord& image) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare(
        "INSERT OR REPLACE INTO job_images (job, image, filter, ok, message, output, node) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, id).bind(2, image.image).bind(3, image.filter);
    s.bind(4, std::int64_t{image.ok ? 1 : 0}).bind(5, image.message).bind(6, image.output);
    s.bind(7, image.node);
    if (auto done = s.run(); !done) return done;
    if (!image.ok || image.output.empty()) return {};
    // This job's file is the one at that path now, whoever wrote it before.
    auto owner = db_.prepare("INSERT OR REPLACE INTO output_owners (path, job) VALUES (?, ?)");
    owner.bind(1, image.output).bind(2, id);
    return owner.run();
}

Status JobStore::note_image_started(const std::string& id, const std::string& image) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("INSERT OR IGNORE INTO images_in_progress (job, image) VALUES (?, ?)");
    s.bind(1, id).bind(2, image);
    return s.run();
}

Status JobStore::note_image_finished(const std::string& id, const std::string& image) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("DELETE FROM images_in_progress WHERE job = ? AND image = ?");
    s.bind(1, id).bind(2, image);
    return s.run();
}

std::vector<std::string> JobStore::images_in_progress(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("SELECT image FROM images_in_progress WHERE job = ? ORDER BY image");
    s.bind(1, id);
    std::vector<std::string> images;
    while (s.next_row()) images.push_back(s.text(0));
    return images;
}

Status JobStore::finish(const std::string& id, JobState state, const JobRecord& counts,
                        const nlohmann::json& summary) {
    std::lock_guard lock(mutex_);
    auto started = db_.prepare("DELETE FROM images_in_progress WHERE job = ?");
    started.bind(1, id);
    if (auto done = started.run(); !done) return done;
    auto s = db_.prepare(
        "UPDATE jobs SET state = ?, finished = ?, total = ?, processed = ?, failed = ?, "
        "skipped = ?, summary = ? WHERE id = ?");
    s.bind(1, job_state_id(state)).bind(2, now()).bind(3, static_cast<std::int64_t>(counts.total));
    s.bind(4, static_cast<std::int64_t>(counts.processed));
    s.bind(5, static_cast<std::int64_t>(counts.failed));
    s.bind(6, static_cast<std::int64_t>(counts.skipped)).bind(7, dump(summary)).bind(8, id);
    return s.run();
}

std::optional<JobRecord> JobStore::get(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = ?");
    s.bind(1, id);
    if (!s.next_row()) return std::nullopt;
    return read_job(s);
}

std::vector<JobRecord> JobStore::list(std::size_t offset, std::size_t limit) const {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare(std::string("SELECT ") + kJobColumns +
                         " FROM jobs ORDER BY created DESC, rowid DESC LIMIT ? OFFSET ?");
    s.bind(1, static_cast<std::int64_t>(limit)).bind(2, static_cast<std::int64_t>(offset));
    return read_jobs(s);
}

std::uint64_t JobStore::count() const {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("SELECT COUNT(*) FROM jobs");
    return s.next_row() ? static_cast<std::uint64_t>(s.integer(0)) : 0;
}

std::vector<JobRecord> JobStore::unfinished() const {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare(std::string("SELECT ") + kJobColumns +
                         " FROM jobs WHERE state IN (?, ?, ?) ORDER BY created, rowid");
    s.bind(1, job_state_id(JobState::queued))
        .bind(2, job_state_id(JobState::running))
        .bind(3, job_state_id(JobState::interrupted));
    return read_jobs(s);
}

std::vector<ImageRecord> JobStore::images(const std::string& id) const {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare(
        "SELECT i.image, i.filter, i.ok, i.message, i.output, i.node, COALESCE(o.job, '') "
        "FROM job_images i LEFT JOIN output_owners o ON o.path = i.output AND i.output != ''"
        " WHERE i.job = ? ORDER BY i.image, i.filter");
    s.bind(1, id);
    std::vector<ImageRecord> rows;
    while (s.next_row()) {
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
    // The job and its image rows go together or not at all.
    auto transaction = db::Transaction::begin(db_);
    if (!transaction) return transaction.error();
    auto images = db_.prepare("DELETE FROM job_images WHERE job = ?");
    images.bind(1, id);
    if (auto s = images.run(); !s) return s;
    auto owners = db_.prepare("DELETE FROM output_owners WHERE job = ?");
    owners.bind(1, id);
    if (auto s = owners.run(); !s) return s;
    auto started = db_.prepare("DELETE FROM images_in_progress WHERE job = ?");
    started.bind(1, id);
    if (auto s = started.run(); !s) return s;
    auto jobs = db_.prepare("DELETE FROM jobs WHERE id = ?");
    jobs.bind(1, id);
    if (auto s = jobs.run(); !s) return s;
    return transaction->commit();
}

Status JobStore::forget_output(const std::string& output) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("DELETE FROM output_owners WHERE path = ?");
    s.bind(1, output);
    return s.run();
}

Result<std::uint64_t> JobStore::count_crash(const std::string& id) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("UPDATE jobs SET crashes = crashes + 1 WHERE id = ?");
    s.bind(1, id);
    if (auto done = s.run(); !done) return done.error();
    auto read = db_.prepare("SELECT crashes FROM jobs WHERE id = ?");
    read.bind(1, id);
    if (!read.next_row()) {
        if (auto failed = read.status(); !failed) return failed.error();
        return fail(ErrorKind::not_found, "job store: no job " + id);
    }
    return static_cast<std::uint64_t>(read.integer(0));
}

Status JobStore::clear_crashes(const std::string& id) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("UPDATE jobs SET crashes = 0 WHERE id = ?");
    s.bind(1, id);
    return s.run();
}

Status JobStore::save_watch(const WatchRecord& watch) {
    std::lock_guard lock(mutex_);
    // A watch saved again keeps when it was made and its last batch.
    auto s = db_.prepare(
        "INSERT INTO watches (name, settings, paused, created) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET settings = excluded.settings, paused = excluded.paused");
    s.bind(1, watch.name).bind(2, dump(watch.settings));
    s.bind(3, std::int64_t{watch.paused ? 1 : 0}).bind(4, watch.created);
    return s.run();
}

Status JobStore::set_watch_paused(const std::string& name, bool paused) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("UPDATE watches SET paused = ? WHERE name = ?");
    s.bind(1, std::int64_t{paused ? 1 : 0}).bind(2, name);
    return s.run();
}

Status JobStore::set_watch_last_job(const std::string& name, const std::string& job) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("UPDATE watches SET last_job = ? WHERE name = ?");
    s.bind(1, job).bind(2, name);
    return s.run();
}

Status JobStore::remove_watch(const std::string& name) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("DELETE FROM watches WHERE name = ?");
    s.bind(1, name);
    return s.run();
}

std::vector<WatchRecord> JobStore::watches() const {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare(
        "SELECT name, settings, paused, created, last_job FROM watches ORDER BY created, rowid");
    std::vector<WatchRecord> list;
    while (s.next_row()) {
        list.push_back(
            {s.text(0), parse_or_null(s.text(1)), s.integer(2) != 0, s.real(3), s.text(4)});
    }
    return list;
}

}  // namespace lote::server
