// `lote serve --config FILE`: the options of the command line read from a TOML or JSON file,
// the command line winning, every mistake stopping the server (exit 2) with the file, line and
// key named; and `lote --version` / `lote version`.
#include <gtest/gtest.h>

#include <fstream>

#include "install_support.hpp"

namespace lote::install_testing {
namespace {

using lote::testing::http_get;

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// `lote serve` with `args`, from `dir`, and the source tree's page.
std::unique_ptr<Child> serve(const TempDir& dir, std::vector<std::string> args) {
    std::vector<std::string> argv = {LOTE_BINARY, "serve", "--web",
                                     std::string(LOTE_SOURCE_DIR) + "/web"};
    argv.insert(argv.end(), args.begin(), args.end());
    return std::make_unique<Child>(argv, dir.path());
}

Ran serve_and_fail(const TempDir& dir, const std::string& file_name, const std::string& text) {
    write_text(dir / file_name, text);
    return serve(dir, {"--config", (dir / file_name).string()})->wait(60s);
}

TEST(ServeConfig, TomlSetsEveryKindOfOption) {
    TempDir dir;
    const fs::path in = dir / "fotos entrada";
    write_text(dir / "lote.toml",
               "# lote serve\n"
               "port = 0\n"
               "host = '127.0.0.1'\n"
               "input = \"" +
                   in.string() +
                   "\"\n"
                   "output = \"" +
                   (dir / "out").string() +
                   "\"\n"
                   "state = \"" +
                   (dir / "jobs.sqlite").string() +
                   "\"\n"
                   "token = \"s3cret#not-a-comment\"\n"
                   "allow-origin = [\n  \"https://photos.example\", # the proxy\n]\n"
                   "parallel_jobs = 2\n"
                   "no-samples = true\n"
                   "request-timeout = 5.5\n");
    auto server = serve(dir, {"--config", (dir / "lote.toml").string()});
    const auto port = server->wait_for_port();
    EXPECT_NE(server->out().find("settings from " + (dir / "lote.toml").string()),
              std::string::npos);
    EXPECT_TRUE(fs::is_directory(in));
    EXPECT_TRUE(fs::is_empty(in)) << "no-samples = true was not applied";
    EXPECT_TRUE(fs::exists(dir / "jobs.sqlite"));
    // The token holds a '#': a reader that took it for a comment would accept "s3cret".
    EXPECT_EQ(http_get(port, "/healthz").status, 401);
    EXPECT_EQ(http_get(port, "/healthz", {{"Authorization", "Bearer s3cret"}}).status, 401);
    EXPECT_EQ(http_get(port, "/healthz", {{"Authorization", "Bearer s3cret#not-a-comment"}}).status,
              200);
    EXPECT_EQ(server->stop(), 0);
}

TEST(ServeConfig, JsonWorksTheSameAndTheCommandLineWins) {
    TempDir dir;
    write_text(dir / "lote.json", "{\"port\": 1, \"input\": \"" + (dir / "from-file").string() +
                                      "\", \"output\": \"" + (dir / "out").string() +
                                      "\", \"no-samples\": false}");
    auto server = serve(dir, {"--config", (dir / "lote.json").string(), "--port", "0", "--input",
                              (dir / "from-flag").string()});
    const auto port = server->wait_for_port();
    EXPECT_NE(port, 1);
    EXPECT_EQ(http_get(port, "/healthz").status, 200);
    EXPECT_TRUE(fs::is_directory(dir / "from-flag"));
    EXPECT_FALSE(fs::exists(dir / "from-file"));
    EXPECT_TRUE(fs::is_directory(dir / "out"));
    EXPECT_FALSE(fs::is_empty(dir / "from-flag")) << "no-samples = false: samples are made";
    EXPECT_EQ(server->stop(), 0);
}

TEST(ServeConfig, AnUnknownKeyStopsNamingIt) {
    TempDir dir;
    Ran ran = serve_and_fail(dir, "lote.toml", "port = 0\nno-samples = true\nprot = 8080\n");
    EXPECT_EQ(ran.status, 2) << ran.both();
    EXPECT_NE(ran.err.find((dir / "lote.toml").string() + ":3: unknown key 'prot'"),
              std::string::npos)
        << ran.err;
    EXPECT_NE(ran.err.find("port"), std::string::npos) << "the message lists the keys";
    EXPECT_EQ(ran.out.find("listening"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir / "input_images")) << "nothing starts before the file is read";

    Ran json = serve_and_fail(dir, "lote.json", "{\"port\": 0, \"colour\": \"red\"}");
    EXPECT_EQ(json.status, 2);
    EXPECT_NE(json.err.find("lote.json: unknown key 'colour'"), std::string::npos) << json.err;
}

TEST(ServeConfig, KeysThatAreNotSettingsAreUnknown) {
    TempDir dir;
    for (const std::string key : {"help", "config", "-port", "--port", "serve"}) {
        Ran ran = serve_and_fail(dir, "lote.toml", "\"" + key + "\" = \"x\"\n");
        EXPECT_EQ(ran.status, 2) << key << ": " << ran.both();
        EXPECT_NE(ran.err.find("unknown key '" + key + "'"), std::string::npos) << ran.err;
    }
}

TEST(ServeConfig, BadValuesStopNamingTheKey) {
    TempDir dir;
    struct Case {
        std::string text;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"port = \"eighty\"\n", ":1: 'port'"},
        {"port = 70000\n", ":1: 'port'"},
        {"\nparallel-jobs = 0\n", ":2: 'parallel-jobs'"},
        {"request-timeout = -1\n", "'request-timeout'"},
        {"no-samples = \"yes\"\n", "'no-samples' is a switch: write true or false"},
        {"no-samples = [true]\n", "'no-samples' is a switch"},
        {"port = [1, 2]\n", "'port' takes one value, not a list"},
        {"port = 1\nport = 2\n", ":2: 'port' is given twice"},
        {"allow_origin = ['a']\nallow-origin = ['b']\n", "'allow-origin' is given twice"},
        {"[serve]\nport = 1\n", ":1: tables"},
        {"host = 0.0.0.0\n", "put text in quotes"},
        {"{\"port\": null}", "port: null is not a value"},
        {"{\"port\": 80,}", "not valid JSON"},
    };
    for (const auto& c : cases) {
        Ran ran = serve_and_fail(dir, "bad.conf", c.text);
        EXPECT_EQ(ran.status, 2) << c.text << ran.both();
        EXPECT_NE(ran.err.find(c.expected), std::string::npos) << "for:\n"
                                                               << c.text << "got: " << ran.err;
        EXPECT_NE(ran.err.find("bad.conf"), std::string::npos) << ran.err;
    }
}

TEST(ServeConfig, AMissingOrUnreadableFileStops) {
    TempDir dir;
    Ran missing = serve(dir, {"--config", (dir / "nope.toml").string()})->wait(60s);
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.err.find("nope.toml: no such file"), std::string::npos) << missing.err;
    Ran folder = serve(dir, {"--config", dir.path().string()})->wait(60s);
    EXPECT_EQ(folder.status, 2);
    EXPECT_NE(folder.err.find("a folder"), std::string::npos) << folder.err;
}

TEST(Version, FlagAndSubcommandPrintTheProjectVersion) {
    TempDir dir;
    Ran flag = run({LOTE_BINARY, "--version"}, dir.path());
    EXPECT_EQ(flag.status, 0) << flag.both();
    EXPECT_EQ(flag.out, std::string("lote ") + LOTE_EXPECTED_VERSION + "\n");
    Ran shortflag = run({LOTE_BINARY, "-V"}, dir.path());
    EXPECT_EQ(shortflag.out, flag.out);
    Ran sub = run({LOTE_BINARY, "version"}, dir.path());
    EXPECT_EQ(sub.status, 0) << sub.both();
    EXPECT_EQ(sub.out.rfind(flag.out + "libvips 8.", 0), 0u) << sub.out;
}

TEST(Version, HealthzReportsTheSameVersion) {
    TempDir dir;
    auto server = serve(dir, {"--port", "0", "--no-samples", "--input", (dir / "in").string(),
                              "--output", (dir / "out").string()});
    const auto port = server->wait_for_port();
    auto health = http_get(port, "/healthz");
    ASSERT_EQ(health.status, 200);
    EXPECT_EQ(health.body_json().value("version", ""), LOTE_EXPECTED_VERSION);
}

}  // namespace
}  // namespace lote::install_testing
