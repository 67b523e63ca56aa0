// Watched folders through the real server: /api/watches add, list, pause, resume and delete;
// files copied and renamed in become jobs of the history with their outputs; a restart resumes
// the watch and does what arrived meanwhile; paths out of the roots are refused; a folder that
// disappears shows as an error without the server spinning.
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <map>
#include <thread>

#include "integration/server_support.hpp"

namespace lote::testing {
namespace {

HttpResult put_watch(std::uint16_t port, const std::string& name, const json& body) {
    return http_request("127.0.0.1", port, http::verb::put, "/api/watches/" + name,
                        {{"Content-Type", "application/json"}}, body.dump());
}

HttpResult post(std::uint16_t port, const std::string& target) {
    return http_request("127.0.0.1", port, http::verb::post, target);
}

json watch_of(std::uint16_t port, const std::string& name) {
    auto answer = http_get(port, "/api/watches/" + name);
    return answer.status == 200 ? answer.body_json() : json(nullptr);
}

// Samples made elsewhere and copied into `folder` (written, then closed).
std::vector<std::string> drop_samples(const fs::path& scratch, const fs::path& folder, int count,
                                      const std::string& prefix) {
    fs::create_directories(scratch);
    auto made = generate_samples(scratch.string(), count, 64, 48, 11);
    if (!made) throw std::runtime_error(made.message());
    std::vector<std::string> names;
    int i = 0;
    for (const auto& file : files_in(scratch)) {
        std::string name = prefix + std::to_string(i++) + file.extension().string();
        fs::copy_file(file, folder / name);
        names.push_back(name);
    }
    fs::remove_all(scratch);
    return names;
}

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 30s) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done()) return true;
        std::this_thread::sleep_for(100ms);
    }
    return done();
}

std::size_t outputs_in(const fs::path& folder) {
    return files_in(folder).size();
}

// Jobs of the history that a watch started.
std::vector<json> watch_jobs(std::uint16_t port, const std::string& name) {
    std::vector<json> jobs;
    auto list = http_get(port, "/api/jobs?limit=200");
    if (list.status != 200) return jobs;
    json body = list.body_json();  // kept: a loop over a temporary's member would dangle
    for (const auto& job : body["jobs"]) {
        if (job.value("watch", std::string()) != name) continue;
        auto one = http_get(port, "/api/jobs/" + job["id"].get<std::string>());
        if (one.status == 200) jobs.push_back(one.body_json());
    }
    return jobs;
}

const json kGrayWatch = {{"entrada", "drop"}, {"filtros", {"grises"}}, {"salida", "web"}};

TEST(ServerWatches, CopiedAndRenamedFilesBecomeJobsWithOutputs) {
    Served s(0);
    fs::create_directories(s.dir / "in" / "drop");
    auto added = put_watch(s.port(), "entrega", kGrayWatch);
    ASSERT_EQ(added.status, 201) << added.body;
    EXPECT_EQ(added.body_json()["state"], "watching");
    fs::path out = s.dir / "out" / "web" / "drop" / "grises";

    drop_samples(s.dir / "scratch1", s.dir / "in" / "drop", 3, "copied");
    ASSERT_TRUE(wait_until([&] { return outputs_in(out) == 3; })) << outputs_in(out);

    // Written elsewhere on the same file system, then renamed in (how many tools deliver).
    fs::create_directories(s.dir / "in" / ".staging");
    auto staged = drop_samples(s.dir / "scratch2", s.dir / "in" / ".staging", 2, "renamed");
    for (const auto& name : staged)
        fs::rename(s.dir / "in" / ".staging" / name, s.dir / "in" / "drop" / name);
    ASSERT_TRUE(wait_until([&] { return outputs_in(out) == 5; })) << outputs_in(out);

    auto jobs = watch_jobs(s.port(), "entrega");
    ASSERT_GE(jobs.size(), 1u) << http_get(s.port(), "/api/jobs?limit=200").body;
    for (const auto& job : jobs) {
        EXPECT_TRUE(wait_until([&] {
            return http_get(s.port(), "/api/jobs/" + job["id"].get<std::string>())
                       .body_json()["state"] == "done";
        }));
    }
    std::size_t images = 0;
    for (const auto& job : watch_jobs(s.port(), "entrega")) {
        images += job["images"].size();
        EXPECT_EQ(job["watch"], "entrega");
    }
    EXPECT_EQ(images, 5u);
    auto listed = http_get(s.port(), "/api/watches").body_json()["watches"];
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["name"], "entrega");
    EXPECT_EQ(listed[0]["state"], "watching");
    ASSERT_TRUE(listed[0]["last_batch"].is_object());
    EXPECT_EQ(listed[0]["last_batch"]["id"], jobs.front()["id"]);
}

TEST(ServerWatches, PausedFilesWaitAndResumedAreDone) {
    Served s(0);
    fs::create_directories(s.dir / "in" / "drop");
    ASSERT_EQ(put_watch(s.port(), "entrega", kGrayWatch).status, 201);
    auto paused = post(s.port(), "/api/watches/entrega/pause");
    ASSERT_EQ(paused.status, 200) << paused.body;
    EXPECT_EQ(paused.body_json()["state"], "paused");
    drop_samples(s.dir / "scratch", s.dir / "in" / "drop", 2, "waiting");
    std::this_thread::sleep_for(4s);  // longer than the settling time
    fs::path out = s.dir / "out" / "web" / "drop" / "grises";
    EXPECT_EQ(outputs_in(out), 0u);
    EXPECT_EQ(watch_of(s.port(), "entrega")["state"], "paused");

    auto resumed = post(s.port(), "/api/watches/entrega/resume");
    ASSERT_EQ(resumed.status, 200) << resumed.body;
    EXPECT_EQ(resumed.body_json()["state"], "watching");
    EXPECT_TRUE(wait_until([&] { return outputs_in(out) == 2; })) << outputs_in(out);
}

TEST(ServerWatches, RestartResumesTheWatchAndDoesWhatCameMeanwhile) {
    Served s(0);
    fs::create_directories(s.dir / "in" / "drop");
    ASSERT_EQ(put_watch(s.port(), "entrega", kGrayWatch).status, 201);
    fs::path out = s.dir / "out" / "web" / "drop" / "grises";
    drop_samples(s.dir / "scratch1", s.dir / "in" / "drop", 2, "before");
    ASSERT_TRUE(wait_until([&] { return outputs_in(out) == 2; }));
    std::map<fs::path, fs::file_time_type> before;
    for (const auto& file : files_in(out)) before[file] = fs::last_write_time(file);
    std::this_thread::sleep_for(20ms);  // a rewrite would carry a later time

    s.server->stop();
    drop_samples(s.dir / "scratch2", s.dir / "in" / "drop", 3, "meanwhile");
    s.server->restart();
    EXPECT_EQ(watch_of(s.port(), "entrega")["state"], "watching");
    EXPECT_TRUE(wait_until([&] { return outputs_in(out) == 5; })) << outputs_in(out);
    // The two done before the restart are not made again (the manifest): their files keep the
    // time they were first written. (A later job may still list them as done: up-to-date outputs
    // are reported as done rows for the gallery.)
    for (const auto& [file, written] : before) {
        ASSERT_TRUE(fs::exists(file)) << file;
        EXPECT_EQ(fs::last_write_time(file), written) << file << " was written again";
    }
}

TEST(ServerWatches, DeleteStopsWatching) {
    Served s(0);
    fs::create_directories(s.dir / "in" / "drop");
    ASSERT_EQ(put_watch(s.port(), "entrega", kGrayWatch).status, 201);
    auto removed = http_request("127.0.0.1", s.port(), http::verb::delete_, "/api/watches/entrega");
    ASSERT_EQ(removed.status, 200) << removed.body;
    EXPECT_EQ(http_get(s.port(), "/api/watches/entrega").status, 404);
    EXPECT_EQ(
        http_request("127.0.0.1", s.port(), http::verb::delete_, "/api/watches/entrega").status,
        404);
    drop_samples(s.dir / "scratch", s.dir / "in" / "drop", 1, "late");
    std::this_thread::sleep_for(4s);
    EXPECT_EQ(outputs_in(s.dir / "out" / "web" / "drop" / "grises"), 0u);
    // Gone from the store too: a restart does not bring it back.
    s.server->stop();
    s.server->restart();
    EXPECT_TRUE(http_get(s.port(), "/api/watches").body_json()["watches"].empty());
}

TEST(ServerWatches, PathsOutOfTheRootsAndBadRequestsAreRefused) {
    Served s(0);
    fs::create_directories(s.dir / "in" / "drop");
    fs::create_directories(s.dir / "outside");
    fs::create_symlink(s.dir / "outside", s.dir / "in" / "escape");
    struct Case {
        std::string name;
        json body;
        int status;
        std::string code;
    };
    std::vector<Case> cases = {
        {"a", {{"entrada", "../outside"}, {"filtros", {"grises"}}}, 403, "path_refused"},
        {"b", {{"entrada", "/etc"}, {"filtros", {"grises"}}}, 403, "path_refused"},
        {"c", {{"entrada", "escape"}, {"filtros", {"grises"}}}, 403, "path_refused"},
        {"d",
         {{"entrada", "drop"}, {"filtros", {"grises"}}, {"salida", "../x"}},
         400,
         "invalid_output_folder"},
        {"e",
         {{"entrada", "drop"}, {"filtros", {"grises"}}, {"salida", "/tmp"}},
         400,
         "invalid_output_folder"},
        {"f", {{"entrada", "nope"}, {"filtros", {"grises"}}}, 404, "folder_not_found"},
        {"g", {{"entrada", "drop"}, {"preset", "no-such-preset"}}, 404, "preset_not_found"},
        {"h",
         {{"entrada", "drop"}, {"preset", {{"version", 1}, {"filtros", {"nada"}}}}},
         400,
         "invalid_preset"},
        {"i", {{"filtros", {"grises"}}}, 400, "missing_field"},
        {"j", {{"entrada", 7}, {"filtros", {"grises"}}}, 400, "invalid_field"},
        {"k",
         {{"entrada", "drop"}, {"filtros", {"grises"}}, {"pausada", "yes"}},
         400,
         "invalid_field"},
        {".hidden", {{"entrada", "drop"}, {"filtros", {"grises"}}}, 400, "invalid_watch_name"},
        {std::string(65, 'w'),
         {{"entrada", "drop"}, {"filtros", {"grises"}}},
         400,
         "invalid_watch_name"},
    };
    for (const auto& c : cases) {
        auto answer = put_watch(s.port(), c.name, c.body);
        EXPECT_EQ(answer.status, c.status) << c.name << ": " << answer.body;
        json said = answer.body_json();
        EXPECT_EQ(said.value("code", std::string()), c.code) << c.name << ": " << answer.body;
        EXPECT_FALSE(said.value("error", std::string()).empty()) << answer.body;
    }
    EXPECT_TRUE(http_get(s.port(), "/api/watches").body_json()["watches"].empty());
    // Not JSON, and not said to be JSON.
    auto text = http_request("127.0.0.1", s.port(), http::verb::put, "/api/watches/z",
                             {{"Content-Type", "text/plain"}}, kGrayWatch.dump());
    EXPECT_EQ(text.status, 415);
    auto foreign =
        http_request("127.0.0.1", s.port(), http::verb::put, "/api/watches/z",
                     {{"Content-Type", "application/json"}, {"Origin", "http://evil.example"}},
                     kGrayWatch.dump());
    EXPECT_EQ(foreign.status, 403);
    // One folder, one watch.
    ASSERT_EQ(put_watch(s.port(), "one", kGrayWatch).status, 201);
    auto twice = put_watch(s.port(), "two", kGrayWatch);
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(twice.body_json().value("code", std::string()), "watch_folder_taken");
    EXPECT_EQ(twice.body_json()["params"]["watch"], "one");
    // Names no watch has.
    auto unknown = http_get(s.port(), "/api/watches/nobody");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.body_json().value("code", std::string()), "watch_not_found");
    EXPECT_EQ(unknown.body_json()["params"]["watch"], "nobody");
    for (const char* action : {"pause", "resume"}) {
        auto r = post(s.port(), std::string("/api/watches/nobody/") + action);
        EXPECT_EQ(r.status, 404) << action;
        EXPECT_EQ(r.body_json().value("code", std::string()), "watch_not_found") << action;
    }
    // A preset given whole is accepted.
    fs::create_directories(s.dir / "in" / "other");
    auto whole =
        put_watch(s.port(), "whole",
                  {{"entrada", "other"}, {"preset", {{"version", 1}, {"filtros", {"sepia"}}}}});
    EXPECT_EQ(whole.status, 201) << whole.body;
}

TEST(ServerWatches, AFolderThatDisappearsIsAnErrorWithoutSpinning) {
    Served s(0);
    fs::create_directories(s.dir / "in" / "drop");
    ASSERT_EQ(put_watch(s.port(), "entrega", kGrayWatch).status, 201);
    fs::remove_all(s.dir / "in" / "drop");
    ASSERT_TRUE(wait_until([&] { return watch_of(s.port(), "entrega")["state"] == "error"; }))
        << watch_of(s.port(), "entrega").dump();
    json gone = watch_of(s.port(), "entrega");
    EXPECT_FALSE(gone["message"].get<std::string>().empty());
    // The reason as a code too, for the page to say it in its own language.
    EXPECT_EQ(gone.value("code", std::string()), "watch_folder_missing") << gone.dump();
    EXPECT_EQ(gone["params"]["folder"], "drop") << gone.dump();
    // No busy loop: the server's CPU time over two idle seconds stays small.
    auto cpu = [&] {
        std::ifstream stat("/proc/" + std::to_string(s.server->pid()) + "/stat");
        std::string field;
        for (int i = 0; i < 13 && stat >> field; ++i) {
        }
        long utime = 0, stime = 0;
        stat >> utime >> stime;
        return utime + stime;
    };
    long before = cpu();
    std::this_thread::sleep_for(2s);
    EXPECT_LT(cpu() - before, 50);  // clock ticks (1/100 s): under a quarter of one core
    // Back again: resuming watches it.
    fs::create_directories(s.dir / "in" / "drop");
    auto resumed = post(s.port(), "/api/watches/entrega/resume");
    ASSERT_EQ(resumed.status, 200) << resumed.body;
    EXPECT_FALSE(resumed.body_json().contains("code")) << resumed.body;  // no reason left
    drop_samples(s.dir / "scratch", s.dir / "in" / "drop", 1, "back");
    EXPECT_TRUE(
        wait_until([&] { return outputs_in(s.dir / "out" / "web" / "drop" / "grises") == 1; }));
}

TEST(ServerWatches, AWatchWhosePresetIsGoneAfterARestartSaysWhichPreset) {
    Served s(0);
    fs::create_directories(s.dir / "in" / "drop");
    const json preset = {{"version", 1}, {"filtros", {"grises"}}};
    auto saved = http_request("127.0.0.1", s.port(), http::verb::put, "/api/presets/boda",
                              {{"Content-Type", "application/json"}}, preset.dump());
    ASSERT_EQ(saved.status, 200) << saved.body;
    ASSERT_EQ(put_watch(s.port(), "entrega", {{"entrada", "drop"}, {"preset", "boda"}}).status,
              201);
    // Deleted while the watch runs: it keeps the settings it checked until it starts again.
    ASSERT_EQ(http_request("127.0.0.1", s.port(), http::verb::delete_, "/api/presets/boda").status,
              200);
    s.server->stop();
    s.server->restart();
    json watch = watch_of(s.port(), "entrega");
    EXPECT_EQ(watch["state"], "error") << watch.dump();
    EXPECT_EQ(watch.value("code", std::string()), "preset_not_found") << watch.dump();
    EXPECT_EQ(watch["params"]["preset"], "boda") << watch.dump();
}

}  // namespace
}  // namespace lote::testing
