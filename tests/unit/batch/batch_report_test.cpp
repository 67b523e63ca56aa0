// The report's CSV follows RFC 4180 and its JSON carries the same rows.
#include "batch/batch_report.hpp"

#include <gtest/gtest.h>

namespace lote {
namespace {

ReportRow row(std::string input, std::string reason) {
    ReportRow r;
    r.input = std::move(input);
    r.chain = "grises";
    r.output = "/out/grises/x.jpg";
    r.status = "failed";
    r.reason = std::move(reason);
    r.milliseconds = 12.345;
    return r;
}

TEST(BatchReport, CsvQuotesCommasQuotesAndLineBreaks) {
    std::string csv = report_csv({row("plain.jpg", ""), row("a, \"b\".jpg", "line one\nline two")});
    std::string header =
        "input,filter,output,status,reason,input_width,input_height,input_bytes,output_width,"
        "output_height,output_bytes,milliseconds,node\r\n";
    ASSERT_EQ(csv.rfind(header, 0), 0u) << csv;
    std::string body = csv.substr(header.size());
    EXPECT_EQ(body,
              "plain.jpg,grises,/out/grises/x.jpg,failed,,0,0,0,0,0,0,12.3,\r\n"
              "\"a, \"\"b\"\".jpg\",grises,/out/grises/x.jpg,failed,\"line one\nline two\",0,0,0,"
              "0,0,0,12.3,\r\n");
}

TEST(BatchReport, JsonHasTheSameFields) {
    auto j = report_json({row("a.jpg", "why")});
    ASSERT_EQ(j["outputs"].size(), 1u);
    EXPECT_EQ(j["outputs"][0]["input"], "a.jpg");
    EXPECT_EQ(j["outputs"][0]["reason"], "why");
    EXPECT_DOUBLE_EQ(j["outputs"][0]["milliseconds"].get<double>(), 12.345);
}

TEST(BatchReport, FormatFollowsTheExtension) {
    EXPECT_EQ(*report_format_for("r.CSV"), ReportFormat::csv);
    EXPECT_EQ(*report_format_for("dir/r.json"), ReportFormat::json);
    EXPECT_FALSE(report_format_for("r.txt"));
    EXPECT_FALSE(report_format_for("report"));
}

}  // namespace
}  // namespace lote
