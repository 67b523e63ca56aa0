#pragma once
// A batch's report: one row per output worked on (input, filter or chain, output path, status,
// reason, pixel sizes and bytes of input and output, milliseconds, the node when distributed),
// as CSV (RFC 4180: fields with a comma, quote or line break quoted, quotes doubled) or JSON.

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/process_image.hpp"
#include "util/result.hpp"

namespace lote {

struct ReportRow {
    std::string input;  // relative input name
    std::string chain;
    std::string output;  // the output's path (empty when it was not written)
    std::string status;  // "done" | "failed"
    std::string reason;  // why it failed
    int input_width = 0, input_height = 0;
    std::uint64_t input_bytes = 0;
    int output_width = 0, output_height = 0;
    std::uint64_t output_bytes = 0;
    double milliseconds = 0;
    std::string node;  // the machine that did it, when distributed
};

enum class ReportFormat { csv, json };

// By the file's extension (.csv, .json, any case); fails for anything else.
Result<ReportFormat> report_format_for(const std::filesystem::path& file);

// The rows of one image's result; `read_sizes`: read the pixel sizes from the files' headers
// (never for a refused input, which is not opened).
std::vector<ReportRow> report_rows(const std::string& image, const std::filesystem::path& input,
                                   const ImageResult& result, bool read_sizes);

std::string report_csv(const std::vector<ReportRow>& rows);
nlohmann::json report_json(const std::vector<ReportRow>& rows);

// Writes the report under a temporary name, then renames it into place.
Status write_report(const std::filesystem::path& file, const std::vector<ReportRow>& rows);

}  // namespace lote
