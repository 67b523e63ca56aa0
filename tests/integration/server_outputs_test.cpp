// Where server jobs write and what their history may touch: a job on the input sub-folder `A`
// writes under `<output>/A/<filter>/`, so jobs on different folders never share an output path; the
// job store knows which job wrote each file last, and a job's zip, delete and listing only touch
// the files it wrote that no later job replaced.
#include <gtest/gtest.h>

#include <algorithm>
#include <vips/vips8>

#include "integration/server_support.hpp"
#include "support/zip_reader.hpp"

namespace lote::testing {
namespace {

// Runs one job over the WebSocket and returns its id once the store has its end.
std::string run_job(std::uint16_t port, const json& request) {
    auto c = connect_client(port);
    auto accepted = c->ask(request, "aceptado");
    if (!accepted) throw std::runtime_error("not accepted: " + request.dump());
    if (!c->wait_for("finalizado", 60s)) throw std::runtime_error("no finalizado");
    std::string id = (*accepted)["trabajo"];
    for (int i = 0; i < 200; ++i) {
        auto state = http_get(port, "/api/jobs/" + id).body_json().value("state", "");
        if (state != "queued" && state != "running") break;
        std::this_thread::sleep_for(25ms);
    }
    return id;
}

json grey_job(const std::string& entrada, bool recursive = false) {
    return {{"tipo", "procesar"},
            {"filtros", {"grises"}},
            {"modo", "threads"},
            {"entrada", entrada},
            {"recursivo", recursive}};
}

int width_of(const fs::path& file) {
    return vips::VImage::new_from_file(file.c_str()).width();
}

std::vector<std::string> outputs_listed(std::uint16_t port, const std::string& id) {
    std::vector<std::string> out;
    json row_list = http_get(port, "/api/jobs/" + id).body_json()["images"];
    for (const auto& row : row_list) out.push_back(row["output"]);
    return out;
}

TEST(ServerOutputs, JobsOnDifferentFoldersNeverShareAnOutputPath) {
    Served s(0);
    fs::path in = s.dir / "in";
    fs::create_directories(in / "A");
    fs::create_directories(in / "B");
    vips::VImage::black(64, 48).write_to_file((in / "A" / "same.jpg").c_str());
    vips::VImage::black(40, 30).write_to_file((in / "B" / "same.jpg").c_str());
    vips::VImage::black(20, 10).write_to_file((in / "top.jpg").c_str());

    std::string a = run_job(s.port(), grey_job("A"));
    std::string b = run_job(s.port(), grey_job("B"));
    std::string root = run_job(s.port(), grey_job("", true));
    fs::path out = s.dir / "out";
    EXPECT_EQ(width_of(out / "A/grises/same_grises.jpg"), 64);
    EXPECT_EQ(width_of(out / "B/grises/same_grises.jpg"), 40);
    // The root's recursive job mirrors the tree under each filter, as `lote run -r` does.
    EXPECT_EQ(width_of(out / "grises/A/same_grises.jpg"), 64);
    EXPECT_EQ(width_of(out / "grises/top_grises.jpg"), 20);
    EXPECT_EQ(outputs_listed(s.port(), a), std::vector<std::string>{"A/grises/same_grises.jpg"});
    EXPECT_EQ(outputs_listed(s.port(), b), std::vector<std::string>{"B/grises/same_grises.jpg"});

    auto zip_a = read_zip(http_get(s.port(), "/api/jobs/" + a + "/zip").body);
    ASSERT_EQ(zip_a.size(), 1u);
    EXPECT_EQ(zip_a.begin()->first, "A/grises/same_grises.jpg");
    EXPECT_EQ(zip_a.begin()->second, read_file(out / "A/grises/same_grises.jpg"));

    auto del = http_request("127.0.0.1", s.port(), http::verb::delete_,
                            "/api/jobs/" + a + "?outputs=true");
    ASSERT_EQ(del.status, 200) << del.body;
    EXPECT_EQ(del.body_json()["outputs_removed"], 1);
    EXPECT_FALSE(fs::exists(out / "A/grises/same_grises.jpg"));
    EXPECT_EQ(width_of(out / "B/grises/same_grises.jpg"), 40);  // B's file untouched
    EXPECT_EQ(width_of(out / "grises/A/same_grises.jpg"), 64);  // and the root job's
    EXPECT_EQ(read_zip(http_get(s.port(), "/api/jobs/" + b + "/zip").body).size(), 1u);
    EXPECT_EQ(read_zip(http_get(s.port(), "/api/jobs/" + root + "/zip").body).size(), 3u);
}

TEST(ServerOutputs, AJobOnlyTouchesTheFilesNoLaterJobReplaced) {
    Served s(0);
    fs::path in = s.dir / "in";
    fs::create_directories(in / "A");
    vips::VImage::black(64, 48).write_to_file((in / "A" / "one.jpg").c_str());
    vips::VImage::black(32, 24).write_to_file((in / "A" / "two.jpg").c_str());
    std::string first = run_job(s.port(), grey_job("A"));
    // The second job writes one.jpg's output again (two.jpg is gone by then).
    fs::remove(in / "A" / "two.jpg");
    std::string second = run_job(s.port(), grey_job("A"));
    fs::path out = s.dir / "out";

    auto rows = http_get(s.port(), "/api/jobs/" + first).body_json()["images"];
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& row : rows) {
        if (row["image"] == "one.jpg") {
            EXPECT_EQ(row["output"], "") << row;
            EXPECT_EQ(row["replaced_by"], second) << row;
        } else {
            EXPECT_EQ(row["output"], "A/grises/two_grises.jpg") << row;
            EXPECT_FALSE(row.contains("replaced_by")) << row;
        }
    }
    auto zip = read_zip(http_get(s.port(), "/api/jobs/" + first + "/zip").body);
    ASSERT_EQ(zip.size(), 1u);
    EXPECT_EQ(zip.begin()->first, "A/grises/two_grises.jpg");
    auto del = http_request("127.0.0.1", s.port(), http::verb::delete_,
                            "/api/jobs/" + first + "?outputs=true");
    ASSERT_EQ(del.status, 200) << del.body;
    EXPECT_EQ(del.body_json()["outputs_removed"], 1);
    EXPECT_FALSE(fs::exists(out / "A/grises/two_grises.jpg"));
    EXPECT_TRUE(fs::exists(out / "A/grises/one_grises.jpg"));  // the second job's now
    auto kept = read_zip(http_get(s.port(), "/api/jobs/" + second + "/zip").body);
    ASSERT_EQ(kept.size(), 1u);
    EXPECT_EQ(kept.begin()->second, read_file(out / "A/grises/one_grises.jpg"));
    EXPECT_EQ(http_request("127.0.0.1", s.port(), http::verb::delete_,
                           "/api/jobs/" + second + "?outputs=true")
                  .body_json()["outputs_removed"],
              1);
    EXPECT_FALSE(fs::exists(out / "A/grises/one_grises.jpg"));
}

TEST(ServerOutputs, AnUpToDateRerunListsZipsAndCountsItsOutputsAsDone) {
    Served s(0);
    fs::path in = s.dir / "in";
    fs::create_directories(in / "A");
    vips::VImage::black(64, 48).write_to_file((in / "A" / "one.jpg").c_str());
    vips::VImage::black(32, 24).write_to_file((in / "A" / "two.jpg").c_str());
    json job = grey_job("A");
    job["forzar"] = false;
    std::string first = run_job(s.port(), job);
    auto written = fs::last_write_time(s.dir / "out/A/grises/one_grises.jpg");
    std::string second = run_job(s.port(), job);  // nothing to redo

    EXPECT_EQ(fs::last_write_time(s.dir / "out/A/grises/one_grises.jpg"), written);
    json details = http_get(s.port(), "/api/jobs/" + second).body_json();
    EXPECT_EQ(details["state"], "done");
    EXPECT_EQ(details["total"], 2);
    EXPECT_EQ(details["processed"], 2);  // up to date is done: "2 / 2", not "0 / 2"
    EXPECT_EQ(details["skipped"], 2);
    ASSERT_EQ(details["per_filter"].size(), 1u);
    EXPECT_EQ(details["per_filter"][0]["succeeded"], 2);
    EXPECT_EQ(details["per_filter"][0]["skipped"], 2);
    std::vector<std::string> listed = outputs_listed(s.port(), second);
    std::sort(listed.begin(), listed.end());
    EXPECT_EQ(listed,
              (std::vector<std::string>{"A/grises/one_grises.jpg", "A/grises/two_grises.jpg"}));
    auto zip = read_zip(http_get(s.port(), "/api/jobs/" + second + "/zip").body);
    ASSERT_EQ(zip.size(), 2u);
    EXPECT_EQ(zip["A/grises/two_grises.jpg"], read_file(s.dir / "out/A/grises/two_grises.jpg"));
    // The files are the newer job's now; the first job's rows say so.
    for (const auto& row : http_get(s.port(), "/api/jobs/" + first).body_json()["images"]) {
        EXPECT_EQ(row["replaced_by"], second) << row;
    }
}

TEST(ServerOutputs, AnOutputSubFolderHoldsTheJobAndOneThatLeavesTheRootIsRefused) {
    Served s(0);
    fs::path in = s.dir / "in";
    fs::create_directories(in / "A");
    vips::VImage::black(64, 48).write_to_file((in / "A" / "one.jpg").c_str());
    json job = grey_job("A");
    job["salida"] = "clientes/boda/";
    std::string id = run_job(s.port(), job);
    EXPECT_TRUE(fs::exists(s.dir / "out/clientes/boda/A/grises/one_grises.jpg"));
    json details = http_get(s.port(), "/api/jobs/" + id).body_json();
    EXPECT_EQ(details["settings"]["salida"], "clientes/boda");
    EXPECT_EQ(outputs_listed(s.port(), id),
              (std::vector<std::string>{"clientes/boda/A/grises/one_grises.jpg"}));

    fs::create_directories(s.dir / "elsewhere");
    fs::create_directory_symlink(s.dir / "elsewhere", s.dir / "out" / "link");
    auto c = connect_client(s.port());
    for (const char* bad : {"../fuera", "a/../../b", ".oculta", "a//b", "link/x", "a\\b"}) {
        json refused = grey_job("A");
        refused["salida"] = bad;
        auto answer = c->ask(refused, "error");
        ASSERT_TRUE(answer) << bad;
        EXPECT_NE((*answer)["mensaje"].get<std::string>().find("Carpeta de salida"),
                  std::string::npos)
            << bad << ": " << *answer;
    }
    EXPECT_TRUE(fs::is_empty(s.dir / "elsewhere"));
    EXPECT_FALSE(fs::exists(s.dir / "fuera"));
}

}  // namespace
}  // namespace lote::testing
