// What the real server lets a client reach: links among the inputs that lead out of the input root
// or nowhere are refused the same way by the listing, thumbnails, previews and jobs (with a reason,
// counted as failed, never read); hidden files and lote's own files (job store, manifest, their
// -wal/-shm, thumbnail cache, a --state file with a visible name) are never served, zipped or
// deleted, whatever the job store says.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "integration/server_support.hpp"
#include "support/zip_reader.hpp"

namespace lote::testing {
namespace {

HttpResult post_json(std::uint16_t port, const std::string& target, const json& body) {
    return http_request("127.0.0.1", port, http::verb::post, target,
                        {{"Content-Type", "application/json"}}, body.dump());
}

// Runs one job over the WebSocket; returns its `finalizado` (null when none came).
json run_job(std::uint16_t port, json request, std::string* id = nullptr) {
    auto c = connect_client(port);
    auto accepted = c->ask(request, "aceptado");
    if (!accepted) return nullptr;
    if (id) *id = (*accepted)["trabajo"];
    auto done = c->wait_for("finalizado", 60s);
    for (int i = 0; i < 200; ++i) {  // the store records the end right after the broadcast
        auto state = http_get(port, "/api/jobs/" + (*accepted)["trabajo"].get<std::string>())
                         .body_json()
                         .value("state", "");
        if (state != "running" && state != "queued") break;
        std::this_thread::sleep_for(25ms);
    }
    return done ? *done : json(nullptr);
}

TEST(ServerConfinement, LinksOutOfTheInputRootAreRefusedEverywhereAndNeverRead) {
    Served s(2);
    fs::path in = s.dir / "in";
    TempDir outside;
    fs::copy_file(in / "sample_001_gradient.jpg", outside / "private.jpg");
    ASSERT_EQ(::mkfifo((outside / "pipe").c_str(), 0600), 0);  // opening it would block
    fs::create_symlink(outside / "private.jpg", in / "leak.jpg");
    fs::create_symlink(outside / "pipe", in / "blocker.png");
    fs::create_symlink(in / "deleted.jpg", in / "gone.jpg");
    fs::create_directories(in / "sub");
    fs::create_symlink(in / "sample_002_shapes.jpg", in / "sub" / "from-root.jpg");  // inside

    auto listing = http_get(s.port(), "/api/images").body_json();
    std::map<std::string, json> listed;
    for (const auto& image : listing["images"]) listed[image["name"]] = image;
    ASSERT_EQ(listing["total"], 5) << listing;
    for (const char* name : {"leak.jpg", "blocker.png", "gone.jpg"}) {
        EXPECT_EQ(listed[name]["refused"], true) << name;
        EXPECT_EQ(listed[name]["bytes"], 0) << name;  // the target's size is not told either
    }
    EXPECT_NE(listed["leak.jpg"]["reason"].get<std::string>().find("out of the input folder"),
              std::string::npos);
    EXPECT_NE(listed["gone.jpg"]["reason"].get<std::string>().find("nowhere"), std::string::npos);
    EXPECT_EQ(listed["sample_001_gradient.jpg"]["refused"], false);

    for (const char* name : {"leak.jpg", "blocker.png", "gone.jpg"}) {
        auto thumb = http_get(s.port(), std::string("/api/thumbnail?source=input&path=") + name);
        EXPECT_EQ(thumb.status, 403) << name << thumb.body;
        EXPECT_FALSE(thumb.body_json().value("error", "").empty());
        auto preview =
            post_json(s.port(), "/api/preview", {{"image", name}, {"filters", {"grises"}}});
        EXPECT_EQ(preview.status, 403) << name << preview.body;
    }

    std::string id;
    auto done = run_job(s.port(),
                        {{"tipo", "procesar"}, {"filtros", {"grises"}}, {"modo", "procesos"}}, &id);
    ASSERT_FALSE(done.is_null());
    std::map<std::string, std::string> failures;
    for (const auto& f : done["datos"]["fallos"]) failures[f["imagen"]] = f["mensaje"];
    ASSERT_EQ(failures.size(), 3u) << done;
    EXPECT_NE(failures["leak.jpg"].find("out of the input folder"), std::string::npos);
    EXPECT_NE(failures["blocker.png"].find("out of the input folder"), std::string::npos);
    EXPECT_NE(failures["gone.jpg"].find("nowhere"), std::string::npos);
    EXPECT_EQ(files_in(s.dir / "out" / "grises").size(), 2u);
    json row_list = http_get(s.port(), "/api/jobs/" + id).body_json()["images"];
    for (const auto& row : row_list) {
        bool refused = failures.count(row["image"]) > 0;
        EXPECT_EQ(row["ok"], !refused) << row;
    }

    // A job on a sub-folder may follow a link anywhere inside the input root.
    auto sub = run_job(
        s.port(),
        {{"tipo", "procesar"}, {"filtros", {"grises"}}, {"modo", "threads"}, {"entrada", "sub"}});
    ASSERT_FALSE(sub.is_null());
    EXPECT_TRUE(sub["datos"]["fallos"].empty()) << sub;
}

// Adds rows to the stored job `id` that name `outputs` as its own (a store from elsewhere, or
// damaged): the server must still refuse to serve, zip or delete them.
void claim_outputs(const fs::path& store, const std::string& id,
                   const std::vector<std::string>& outputs) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(store.c_str(), &db), SQLITE_OK);
    for (const auto& output : outputs) {
        std::string sql =
            "INSERT INTO job_images (job, image, filter, ok, message, output) VALUES ('" + id +
            "', 'x" + output + "', 'grises', 1, '', '" + output +
            "'); INSERT OR REPLACE INTO output_owners (path, job) VALUES ('" + output + "', '" +
            id + "');";
        char* error = nullptr;
        EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
            << (error ? error : "");
        sqlite3_free(error);
    }
    sqlite3_close(db);
}

TEST(ServerConfinement, LoteOwnAndHiddenFilesAreNeverServedZippedOrDeleted) {
    TempDir dir;
    fs::create_directories(dir / "in");
    fs::create_directories(dir / "out");
    generate_samples((dir / "in").string(), 2, 64, 48, 3);
    std::ofstream(dir / "in" / ".secret.jpg") << "\xFF\xD8\xFF\xE0 hidden";
    fs::path state = dir / "out" / "jobs.sqlite";  // a store with a visible name, in the output
    auto server = std::make_unique<ServerProcess>(
        dir.path(), std::vector<std::string>{"--state", state.string()});
    std::string id;
    ASSERT_FALSE(run_job(server->port(),
                         {{"tipo", "procesar"}, {"filtros", {"grises"}}, {"modo", "threads"}}, &id)
                     .is_null());
    auto output = http_get(server->port(), "/api/jobs/" + id).body_json()["images"][0]["output"];
    ASSERT_EQ(
        http_get(server->port(), "/api/thumbnail?source=output&path=" + output.get<std::string>())
            .status,
        200);  // makes .lote-cache/thumbs/...
    std::ofstream(dir / "out" / "grises" / ".hidden.jpg") << "hidden output";
    std::vector<std::string> own = {"jobs.sqlite", "jobs.sqlite-wal", "jobs.sqlite-shm",
                                    ".lote-manifest.sqlite", "grises/.hidden.jpg"};
    for (const auto& entry : fs::recursive_directory_iterator(dir / "out" / ".lote-cache")) {
        if (entry.is_regular_file())
            own.push_back(entry.path().lexically_relative(dir / "out").generic_string());
    }
    ASSERT_GT(own.size(), 5u);
    auto refused = [&](const std::string& target) {
        auto r = http_get(server->port(), target);
        EXPECT_EQ(r.status, 403) << target << ": " << r.body;
        EXPECT_EQ(r.body.find("SQLite format"), std::string::npos) << target;
        return r.body_json().value("error", "");
    };
    for (const auto& path : own) {
        EXPECT_TRUE(fs::exists(dir / "out" / path) || path.find("-shm") != std::string::npos ||
                    path.find("-wal") != std::string::npos)
            << path;
        EXPECT_NE(refused("/api/output?path=" + path).find("not served"), std::string::npos);
        refused("/api/thumbnail?source=output&path=" + path);
    }
    refused("/api/output?path=.lote-server.sqlite");  // hidden, whether it exists or not
    refused("/api/thumbnail?source=input&path=.secret.jpg");
    refused("/api/images?folder=.lote-cache");
    EXPECT_EQ(post_json(server->port(), "/api/preview",
                        {{"image", ".secret.jpg"}, {"filters", {"grises"}}})
                  .status,
              403);
    auto c = connect_client(server->port());
    auto hidden_job = c->ask({{"tipo", "procesar"}, {"entrada", ".lote-cache"}}, "error");
    ASSERT_TRUE(hidden_job);

    // A store that claims lote's own files for the job: the zip leaves them out, delete keeps them.
    c.reset();
    server->stop();
    claim_outputs(state, id, {"jobs.sqlite", ".lote-manifest.sqlite", "grises/.hidden.jpg"});
    server->restart();
    auto zip = read_zip(http_get(server->port(), "/api/jobs/" + id + "/zip").body);
    EXPECT_EQ(zip.size(), 2u);
    for (const auto& [name, bytes] : zip) EXPECT_EQ(name.rfind("grises/", 0), 0u) << name;
    EXPECT_EQ(zip.count("grises/.hidden.jpg"), 0u);
    auto del = http_request("127.0.0.1", server->port(), http::verb::delete_,
                            "/api/jobs/" + id + "?outputs=true");
    ASSERT_EQ(del.status, 200) << del.body;
    EXPECT_EQ(del.body_json()["outputs_removed"], 2);
    EXPECT_TRUE(fs::exists(state));
    EXPECT_TRUE(fs::exists(dir / "out" / ".lote-manifest.sqlite"));
    EXPECT_TRUE(fs::exists(dir / "out" / "grises" / ".hidden.jpg"));
    EXPECT_EQ(http_get(server->port(), "/healthz").status, 200);
}

}  // namespace
}  // namespace lote::testing
