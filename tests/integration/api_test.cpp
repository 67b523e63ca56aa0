// The HTTP API (docs/api.md) against the real `lote serve`: uploads, image pages, thumbnails of
// every input kind, previews, job history, zips, re-run, delete and /metrics.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <vips/vips8>

#include "integration/server_support.hpp"
#include "support/zip_reader.hpp"

namespace lote::testing {
namespace {

const std::string kBoundary = "lote-test-boundary-1234";

std::string multipart(const std::vector<std::pair<std::string, std::string>>& files) {
    std::string body;
    for (const auto& [name, bytes] : files) {
        body += "--" + kBoundary +
                "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + name +
                "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
    }
    return body + "--" + kBoundary + "--\r\n";
}

HttpResult post(std::uint16_t port, const std::string& target, const std::string& body,
                const std::string& type) {
    return http_request("127.0.0.1", port, http::verb::post, target, {{"Content-Type", type}},
                        body);
}

std::string png_bytes(int w, int h, int bands = 3) {
    auto img = vips::VImage::black(w, h, vips::VImage::option()->set("bands", bands)) + 90;
    void* buf = nullptr;
    size_t len = 0;
    img.cast(VIPS_FORMAT_UCHAR).write_to_buffer(".png", &buf, &len);
    std::string out(static_cast<char*>(buf), len);
    g_free(buf);
    return out;
}

void save(const vips::VImage& img, const fs::path& path, const char* options = "") {
    img.write_to_file((path.string() + options).c_str());
}

vips::VImage decode(const std::string& bytes) {
    return vips::VImage::new_from_buffer(bytes.data(), bytes.size(), "").copy_memory();
}

// The store records the end just after `finalizado` is broadcast: wait for it (bounded).
void wait_until_stored(std::uint16_t port, const std::string& id) {
    for (int i = 0; i < 200; ++i) {
        auto state = http_get(port, "/api/jobs/" + id).body_json().value("state", std::string());
        if (state != "queued" && state != "running") return;
        std::this_thread::sleep_for(25ms);
    }
}

// Runs one job over the WebSocket and returns its id once it finished.
std::string run_job(std::uint16_t port, const json& request) {
    auto c = connect_client(port);
    auto accepted = c->ask(request, "aceptado");
    if (!accepted) throw std::runtime_error("no aceptado");
    if (!c->wait_for("finalizado", 60s)) throw std::runtime_error("no finalizado");
    std::string id = (*accepted)["trabajo"];
    wait_until_stored(port, id);
    return id;
}

TEST(ApiUploads, SeveralFilesEachAnsweredAndTheFolderChecked) {
    Served s(0, {"--max-upload-mb", "0.05"});
    std::string small = png_bytes(20, 10);
    std::ofstream(s.dir / "in/clash.png", std::ios::binary) << small;
    auto res = post(s.port(), "/api/uploads",
                    multipart({{"notes.jpg", "just some text, no image at all"},
                               {"big.png", png_bytes(20, 10) + std::string(60 * 1024, 'x')},
                               {"../../escape.png", small},
                               {"clash.png", small},
                               {"good.png", small}}),
                    "multipart/form-data; boundary=" + kBoundary);
    ASSERT_EQ(res.status, 200) << res.body;
    auto files = res.body_json()["files"];
    ASSERT_EQ(files.size(), 5u) << res.body;
    EXPECT_FALSE(files[0]["ok"]);
    EXPECT_NE(files[0]["error"].get<std::string>().find("not an image"), std::string::npos);
    EXPECT_FALSE(files[1]["ok"]);
    EXPECT_NE(files[1]["error"].get<std::string>().find("limit"), std::string::npos);
    EXPECT_TRUE(files[2]["ok"]);
    EXPECT_EQ(files[2]["saved"], "escape.png");
    EXPECT_TRUE(files[3]["ok"]);
    EXPECT_EQ(files[3]["saved"], "clash-1.png");
    EXPECT_TRUE(files[3]["renamed"]);
    EXPECT_EQ(files[4]["saved"], "good.png");
    EXPECT_FALSE(files[4]["renamed"]);
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(s.dir / "in"))
        names.insert(e.path().filename().string());
    EXPECT_EQ(names, (std::set<std::string>{"clash.png", "clash-1.png", "escape.png", "good.png"}));
    EXPECT_FALSE(fs::exists(s.dir.path() / "escape.png"));
    EXPECT_EQ(read_file(s.dir / "in/clash-1.png"), small);
}

TEST(ApiUploads, RefusesWrongTypesFoldersAndMalformedBodies) {
    Served s(0);
    EXPECT_EQ(post(s.port(), "/api/uploads", "{}", "application/json").status, 415);
    auto body = multipart({{"a.png", png_bytes(4, 4)}});
    EXPECT_EQ(post(s.port(), "/api/uploads?folder=../x", body,
                   "multipart/form-data; boundary=" + kBoundary)
                  .status,
              403);
    EXPECT_EQ(post(s.port(), "/api/uploads?folder=nope", body,
                   "multipart/form-data; boundary=" + kBoundary)
                  .status,
              404);
    auto cut = body.substr(0, body.size() - 10);
    auto res = post(s.port(), "/api/uploads", cut, "multipart/form-data; boundary=" + kBoundary);
    EXPECT_EQ(res.status, 400);
    // Nothing half-written stays behind.
    for (const auto& e : fs::directory_iterator(s.dir / "in")) ADD_FAILURE() << e.path();
}

TEST(ApiImages, PagesFoldersAndRefusedFiles) {
    Served s(0);
    for (int i = 0; i < 25; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "img%02d.png", i);
        std::ofstream(s.dir / ("in/" + std::string(name)), std::ios::binary)
            << png_bytes(30 + i, 20);
    }
    std::ofstream(s.dir / "in/fake.jpg") << "text";
    fs::create_directories(s.dir / "in/sub/deeper");
    fs::create_directories(s.dir / "in/.hidden");
    auto page = http_get(s.port(), "/api/images?offset=21&limit=10").body_json();
    EXPECT_EQ(page["total"], 26);
    ASSERT_EQ(page["images"].size(), 5u);  // sorted by name: fake.jpg, img00 ... img24
    EXPECT_EQ(page["images"][0]["name"], "img20.png");
    EXPECT_EQ(page["images"][0]["width"], 50);
    EXPECT_EQ(page["images"][0]["format"], "png");
    EXPECT_FALSE(page["images"][0]["refused"]);
    auto first = http_get(s.port(), "/api/images?limit=1").body_json();
    ASSERT_EQ(first["images"].size(), 1u);
    EXPECT_EQ(first["images"][0]["name"], "fake.jpg");
    EXPECT_TRUE(first["images"][0]["refused"]);
    EXPECT_FALSE(first["images"][0]["reason"].get<std::string>().empty());
    EXPECT_EQ(http_get(s.port(), "/api/images?limit=5000").status, 400);
    EXPECT_EQ(http_get(s.port(), "/api/images?folder=../..").status, 403);
    auto folders = http_get(s.port(), "/api/folders").body_json();
    EXPECT_EQ(folders["folders"], json::array({"", "sub", "sub/deeper"}));
}

TEST(ApiThumbnails, EveryInputKindComesOutUprightSrgbAndCached) {
    Served s(0);
    auto in = s.dir / "in";
    auto colour = vips::VImage::black(60, 30, vips::VImage::option()->set("bands", 3)) +
                  std::vector<double>{200, 60, 20};
    colour = colour.cast(VIPS_FORMAT_UCHAR);
    save(colour.colourspace(VIPS_INTERPRETATION_B_W), in / "gray.png");
    save(colour, in / "palette.png", "[palette]");
    save(colour.bandjoin(vips::VImage::black(60, 30) + 128).cast(VIPS_FORMAT_UCHAR),
         in / "alpha.png");
    auto deep = (colour.cast(VIPS_FORMAT_USHORT) * 256).cast(VIPS_FORMAT_USHORT);
    save(deep.copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_RGB16)),
         in / "deep.png");
    save(colour.colourspace(VIPS_INTERPRETATION_CMYK), in / "cmyk.jpg");
    auto rotated = colour.copy();
    rotated.set("orientation", 6);
    save(rotated, in / "rotated.jpg");
    for (std::string name :
         {"gray.png", "palette.png", "alpha.png", "deep.png", "cmyk.jpg", "rotated.jpg"}) {
        auto res = http_get(s.port(), "/api/thumbnail?path=" + name + "&size=40");
        ASSERT_EQ(res.status, 200) << name << " " << res.body;
        EXPECT_EQ(res.headers["Content-Type"], "image/jpeg");
        auto thumb = decode(res.body);
        EXPECT_EQ(thumb.bands(), 3) << name;
        EXPECT_EQ(thumb.interpretation(), VIPS_INTERPRETATION_sRGB) << name;
        if (name == "rotated.jpg") {
            EXPECT_EQ(thumb.width(), 20) << name;  // 60x30 turned upright: 30x60 fitted in 40
            EXPECT_EQ(thumb.height(), 40) << name;
        } else {
            EXPECT_EQ(thumb.width(), 40) << name;
            EXPECT_EQ(thumb.height(), 20) << name;
        }
        if (name != "gray.png" && name != "alpha.png") {
            // Colour survives: red dominates (CMYK and 16-bit included).
            EXPECT_GT(thumb.extract_band(0).avg(), thumb.extract_band(2).avg() + 50) << name;
        }
        auto etag = res.headers["ETag"];
        ASSERT_FALSE(etag.empty());
        EXPECT_EQ(http_get(s.port(), "/api/thumbnail?path=" + name + "&size=40",
                           {{"If-None-Match", etag}})
                      .status,
                  304);
        auto again = http_get(s.port(), "/api/thumbnail?path=" + name + "&size=40");
        EXPECT_EQ(again.body, res.body);
    }
    EXPECT_FALSE(files_in(s.dir / "out/.lote-cache/thumbs").empty());
    EXPECT_EQ(http_get(s.port(), "/api/thumbnail?path=../x.png").status, 403);
    EXPECT_EQ(http_get(s.port(), "/api/thumbnail?path=missing.png").status, 404);
    EXPECT_EQ(http_get(s.port(), "/api/thumbnail?path=gray.png&size=5").status, 400);
}

TEST(ApiJobs, HistoryZipPreviewMetricsRerunAndDelete) {
    Served s(3);
    std::string id = run_job(
        s.port(), {{"tipo", "procesar"}, {"filtros", {"grises", "brillo"}}, {"modo", "threads"}});
    auto list = http_get(s.port(), "/api/jobs").body_json();
    ASSERT_EQ(list["total"], 1);
    EXPECT_EQ(list["jobs"][0]["id"], id);
    EXPECT_EQ(list["jobs"][0]["state"], "done");
    auto job = http_get(s.port(), "/api/jobs/" + id).body_json();
    ASSERT_EQ(job["images"].size(), 6u);
    std::map<std::string, std::string> outputs;
    for (const auto& image : job["images"]) {
        EXPECT_TRUE(image["ok"]);
        outputs[image["output"]] = read_file(s.dir / ("out/" + image["output"].get<std::string>()));
    }
    ASSERT_EQ(job["per_filter"].size(), 2u);
    EXPECT_EQ(job["per_filter"][0]["succeeded"], 3);
    EXPECT_EQ(http_get(s.port(), "/api/jobs/nope").status, 404);

    // The zip lists exactly the outputs, each with the bytes on disk.
    auto zip = http_get(s.port(), "/api/jobs/" + id + "/zip");
    ASSERT_EQ(zip.status, 200);
    EXPECT_EQ(zip.headers["Transfer-Encoding"], "chunked");
    EXPECT_EQ(zip.headers.count("Content-Length"), 0u);
    EXPECT_NE(zip.headers["Content-Disposition"].find("attachment; filename="), std::string::npos);
    EXPECT_EQ(lote::testing::read_zip(zip.body), outputs);
    auto grey_only =
        lote::testing::read_zip(http_get(s.port(), "/api/jobs/" + id + "/zip?filter=grises").body);
    EXPECT_EQ(grey_only.size(), 3u);
    for (const auto& [name, bytes] : grey_only) EXPECT_EQ(name.rfind("grises/", 0), 0u) << name;
    EXPECT_EQ(http_get(s.port(), "/api/jobs/" + id + "/zip?filter=nope").status, 404);

    // The report: a row per output, each naming the file and its bytes on disk.
    auto csv = http_get(s.port(), "/api/jobs/" + id + "/report?format=csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_NE(csv.headers["Content-Type"].find("text/csv"), std::string::npos);
    EXPECT_NE(csv.headers["Content-Disposition"].find("attachment; filename=\"lote-report-"),
              std::string::npos);
    EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 7) << csv.body;
    EXPECT_EQ(csv.body.rfind("input,filter,output,status,reason,", 0), 0u) << csv.body;
    auto report = http_get(s.port(), "/api/jobs/" + id + "/report?format=json");
    ASSERT_EQ(report.status, 200);
    auto rows = report.body_json()["outputs"];
    ASSERT_EQ(rows.size(), 6u);
    for (const auto& row : rows) {
        EXPECT_EQ(row["status"], "done");
        ASSERT_EQ(outputs.count(row["output"]), 1u) << row.dump();
        EXPECT_EQ(row["output_bytes"].get<std::size_t>(), outputs[row["output"]].size());
    }
    EXPECT_EQ(http_get(s.port(), "/api/jobs/" + id + "/report?format=xml").status, 400);
    EXPECT_EQ(http_get(s.port(), "/api/jobs/nope/report").status, 404);

    // A preview at full size equals the batch's output (JPEG tolerance).
    std::string first_input = job["images"][0]["image"];
    std::string grey_output;
    for (const auto& image : job["images"]) {
        if (image["image"] == first_input && image["filter"] == "grises")
            grey_output = image["output"];
    }
    auto preview = post(s.port(), "/api/preview",
                        json{{"image", first_input}, {"filters", {"grises"}}, {"size", 64}}.dump(),
                        "application/json");
    ASSERT_EQ(preview.status, 200) << preview.body;
    auto a = decode(preview.body);
    auto b = vips::VImage::new_from_file((s.dir / ("out/" + grey_output)).c_str());
    ASSERT_EQ(a.width(), b.width());
    EXPECT_LT(
        (a.extract_band(0).cast(VIPS_FORMAT_FLOAT) - b.extract_band(0).cast(VIPS_FORMAT_FLOAT))
            .abs()
            .avg(),
        4.0);
    auto bad = post(s.port(), "/api/preview",
                    json{{"image", first_input},
                         {"filters", {"blur"}},
                         {"parameters", {{"blur", {{"radio", -1}}}}}}
                        .dump(),
                    "application/json");
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.body.find("radio"), std::string::npos);

    // /metrics is Prometheus text whose counters match the job.
    auto metrics = http_get(s.port(), "/metrics");
    EXPECT_EQ(metrics.headers["Content-Type"].rfind("text/plain; version=0.0.4", 0), 0u);
    std::regex line(R"(^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+|\+Inf)$)");
    std::istringstream text(metrics.body);
    std::string l;
    while (std::getline(text, l)) {
        if (l.rfind("# ", 0) != 0) {
            EXPECT_TRUE(std::regex_match(l, line)) << l;
        }
    }
    EXPECT_NE(metrics.body.find("lote_images_processed_total{filter=\"grises\"} 3\n"),
              std::string::npos)
        << metrics.body;
    EXPECT_NE(metrics.body.find("lote_images_processed_total{filter=\"brillo\"} 3\n"),
              std::string::npos);
    EXPECT_NE(metrics.body.find("lote_jobs{state=\"done\"} 1\n"), std::string::npos);

    // Re-run: a new job with the same settings.
    auto c = connect_client(s.port());
    auto rerun =
        http_request("127.0.0.1", s.port(), http::verb::post, "/api/jobs/" + id + "/rerun");
    ASSERT_EQ(rerun.status, 202) << rerun.body;
    std::string second = rerun.body_json()["job"];
    EXPECT_NE(second, id);
    ASSERT_TRUE(c->wait_for("finalizado", 60s));
    wait_until_stored(s.port(), second);
    EXPECT_EQ(http_get(s.port(), "/api/jobs").body_json()["total"], 2);
    EXPECT_EQ(http_get(s.port(), "/api/jobs/" + second).body_json()["settings"],
              http_get(s.port(), "/api/jobs/" + id).body_json()["settings"]);

    // The re-run wrote the same paths: they are its files now, not the first job's.
    json image_list = http_get(s.port(), "/api/jobs/" + id).body_json()["images"];
    for (const auto& image : image_list) {
        EXPECT_EQ(image["output"], "") << image;
        EXPECT_EQ(image["replaced_by"], second) << image;
    }
    EXPECT_TRUE(read_zip(http_get(s.port(), "/api/jobs/" + id + "/zip").body).empty());
    EXPECT_EQ(read_zip(http_get(s.port(), "/api/jobs/" + second + "/zip").body).size(), 6u);

    // Delete with outputs: only the files the job wrote and still owns go.
    std::ofstream(s.dir / "out/grises/keep-me.txt") << "not the job's";
    auto kept = http_request("127.0.0.1", s.port(), http::verb::delete_,
                             "/api/jobs/" + id + "?outputs=true");
    ASSERT_EQ(kept.status, 200) << kept.body;
    EXPECT_EQ(kept.body_json()["outputs_removed"], 0);
    for (const auto& [name, bytes] : outputs)
        EXPECT_TRUE(fs::exists(s.dir / ("out/" + name))) << name;
    auto del = http_request("127.0.0.1", s.port(), http::verb::delete_,
                            "/api/jobs/" + second + "?outputs=true");
    ASSERT_EQ(del.status, 200) << del.body;
    EXPECT_EQ(del.body_json()["outputs_removed"], 6);
    for (const auto& [name, bytes] : outputs)
        EXPECT_FALSE(fs::exists(s.dir / ("out/" + name))) << name;
    EXPECT_TRUE(fs::exists(s.dir / "out/grises/keep-me.txt"));
    EXPECT_EQ(http_get(s.port(), "/api/jobs/" + id).status, 404);
    EXPECT_EQ(http_request("127.0.0.1", s.port(), http::verb::delete_, "/api/jobs/" + id).status,
              404);
}

TEST(ApiJobs, RunningJobCannotBeDeleted) {
    Served s(4, {}, {"LOTE_TEST_DELAY_MS=300"});
    auto c = connect_client(s.port());
    auto accepted = c->ask(
        {{"tipo", "procesar"}, {"filtros", {"grises"}}, {"modo", "threads"}, {"trabajadores", 1}},
        "aceptado");
    ASSERT_TRUE(accepted);
    std::string id = (*accepted)["trabajo"];
    EXPECT_EQ(http_request("127.0.0.1", s.port(), http::verb::delete_, "/api/jobs/" + id).status,
              409);
    c->send({{"tipo", "cancelar"}});
    ASSERT_TRUE(c->wait_for("finalizado", 30s) || true);
}

}  // namespace
}  // namespace lote::testing
