// `lote run --dry-run` (the plan, nothing written) and `lote run --report FILE.csv|json`.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace lote::cli_testing {
namespace {

// Every file below `root` with its size and modification time.
std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>> snapshot(
    const fs::path& root) {
    std::map<std::string, std::pair<std::uintmax_t, fs::file_time_type>> files;
    for (const auto& path : files_under(root)) {
        files[path.string()] = {fs::file_size(path), fs::last_write_time(path)};
    }
    return files;
}

std::vector<nlohmann::json> json_lines(const std::string& out) {
    std::vector<nlohmann::json> lines;
    std::istringstream text(out);
    for (std::string line; std::getline(text, line);) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_discarded()) {
            lines.push_back(j);
        }
    }
    return lines;
}

// The report's rows as Python's csv module reads them (an independent reader).
nlohmann::json csv_rows(const fs::path& file) {
    std::string command =
        "python3 -c 'import csv,json,sys; "
        "print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline=\"\")))))' " +
        file.string();
    FILE* pipe = ::popen(command.c_str(), "r");
    std::string text;
    char buffer[4096];
    for (std::size_t got;
         pipe != nullptr && (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
        text.append(buffer, got);
    }
    if (pipe != nullptr) {
        ::pclose(pipe);
    }
    return nlohmann::json::parse(text, nullptr, false);
}

class CliReport : public ::testing::Test {
  protected:
    fs::path in() const { return dir_.path() / "in"; }
    fs::path out() const { return dir_.path() / "out"; }
    TempDir dir_;
};

TEST_F(CliReport, DryRunPrintsThePlanAndWritesNothing) {
    write_image(in() / "a.jpg", 1);
    write_image(in() / "b.png", 2);
    write_image(in() / "c.jpg", 3);
    Finished first = run_lote(
        {"run", in().string(), "-o", out().string(), "-f", "grises", "-f", "sepia", "--dry-run"},
        dir_.path());
    EXPECT_EQ(first.status, 0) << first.err;
    EXPECT_FALSE(fs::exists(out())) << "a dry run made the output folder";
    EXPECT_NE(first.out.find((out() / "grises" / "a_grises.jpg").string()), std::string::npos)
        << first.out;
    EXPECT_NE(first.out.find("6 outputs to write"), std::string::npos) << first.out;

    ASSERT_EQ(run_lote({"run", in().string(), "-o", out().string(), "-f", "grises", "-f", "sepia"},
                       dir_.path())
                  .status,
              0);
    write_image(in() / "b.png", 20);  // changed: its two outputs are redone
    write_image(in() / "d.jpg", 4);   // new: two outputs to write
    auto before = snapshot(out());
    auto inputs_before = snapshot(in());
    Finished plan = run_lote({"run", in().string(), "-o", out().string(), "-f", "grises", "-f",
                              "sepia", "--dry-run", "--json"},
                             dir_.path());
    ASSERT_EQ(plan.status, 0) << plan.err;
    EXPECT_EQ(snapshot(out()), before) << "a dry run changed the output folder";
    EXPECT_EQ(snapshot(in()), inputs_before);
    std::map<std::string, std::string> actions;
    nlohmann::json summary;
    for (const auto& line : json_lines(plan.out)) {
        if (line["event"] == "planned") {
            actions[line["image"].get<std::string>() + "/" + line["filter"].get<std::string>()] =
                line["action"];
        } else if (line["event"] == "dry_run") {
            summary = line;
        }
    }
    EXPECT_EQ(actions, (std::map<std::string, std::string>{{"b.png/grises", "redo"},
                                                           {"b.png/sepia", "redo"},
                                                           {"d.jpg/grises", "write"},
                                                           {"d.jpg/sepia", "write"}}))
        << plan.out;
    EXPECT_EQ(summary["up_to_date"], 4);
    EXPECT_EQ(summary["images"], 4);
    // The real run then does exactly what was planned.
    Finished run = run_lote(
        {"run", in().string(), "-o", out().string(), "-f", "grises", "-f", "sepia", "--json"},
        dir_.path());
    ASSERT_EQ(run.status, 0) << run.err;
    auto finished = json_lines(run.out).back()["summary"];
    EXPECT_EQ(finished["processed"], 2);
    EXPECT_EQ(finished["skipped"], 2);
}

TEST_F(CliReport, CsvReportHasOneRowPerOutputMatchingTheFiles) {
    write_image(in() / "wide.jpg", 1, 64, 40);
    write_image(in() / "pic, \"quoted\".png", 2, 30, 50);
    {
        std::ofstream text(in() / "broken.jpg");
        text << "this is no JPEG";
    }
    fs::path report = dir_.path() / "report.csv";
    Finished done = run_lote({"run", in().string(), "-o", out().string(), "-f", "grises", "-f",
                              "redimensionar:porcentaje=50", "--report", report.string()},
                             dir_.path());
    EXPECT_EQ(done.status, 1) << done.err;  // broken.jpg failed, the rest done
    auto rows = csv_rows(report);
    ASSERT_TRUE(rows.is_array()) << read_text(report);
    ASSERT_EQ(rows.size(), 6u) << rows.dump(1);
    std::size_t done_rows = 0;
    for (const auto& row : rows) {
        std::string input = row["input"];
        if (input == "broken.jpg") {
            EXPECT_EQ(row["status"], "failed");
            EXPECT_FALSE(row["reason"].get<std::string>().empty());
            EXPECT_EQ(row["output"], "");
            continue;
        }
        ++done_rows;
        EXPECT_EQ(row["status"], "done") << row.dump();
        fs::path output = row["output"].get<std::string>();
        ASSERT_TRUE(fs::exists(output)) << output;
        EXPECT_EQ(std::stoull(row["output_bytes"].get<std::string>()), fs::file_size(output));
        EXPECT_EQ(std::stoull(row["input_bytes"].get<std::string>()), fs::file_size(in() / input));
        vips::VImage written = vips::VImage::new_from_file(output.c_str());
        EXPECT_EQ(std::stoi(row["output_width"].get<std::string>()), written.width());
        EXPECT_EQ(std::stoi(row["output_height"].get<std::string>()), written.height());
        int in_width = input == "wide.jpg" ? 64 : 30;
        EXPECT_EQ(std::stoi(row["input_width"].get<std::string>()), in_width);
        int expected = row["filter"] == "grises" ? in_width : in_width / 2;
        EXPECT_EQ(written.width(), expected) << row.dump();
        EXPECT_GE(std::stod(row["milliseconds"].get<std::string>()), 0.0);
    }
    EXPECT_EQ(done_rows, 4u);
    EXPECT_EQ(count_temporaries(dir_.path()), 0u);
}

TEST_F(CliReport, JsonReportAndABadReportNameIsRefusedFirst) {
    write_image(in() / "a.jpg", 1);
    Finished bad =
        run_lote({"run", in().string(), "-o", out().string(), "-f", "grises", "--report", "r.txt"},
                 dir_.path());
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find(".csv"), std::string::npos) << bad.err;
    EXPECT_FALSE(fs::exists(out()));
    fs::path report = dir_.path() / "r.JSON";
    Finished done = run_lote(
        {"run", in().string(), "-o", out().string(), "-f", "grises", "--report", report.string()},
        dir_.path());
    ASSERT_EQ(done.status, 0) << done.err;
    auto j = nlohmann::json::parse(read_text(report));
    ASSERT_EQ(j["outputs"].size(), 1u);
    EXPECT_EQ(j["outputs"][0]["input"], "a.jpg");
    EXPECT_EQ(j["outputs"][0]["filter"], "grises");
    EXPECT_EQ(j["outputs"][0]["status"], "done");
    EXPECT_EQ(j["outputs"][0]["output_bytes"].get<std::uintmax_t>(),
              fs::file_size(out() / "grises" / "a_grises.jpg"));
}

}  // namespace
}  // namespace lote::cli_testing
