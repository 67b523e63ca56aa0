#include "batch/batch_report.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <system_error>
#include <vips/vips8>

namespace lote {

namespace fs = std::filesystem;

namespace {

const char* const kColumns[] = {"input",        "filter",        "output",       "status",
                                "reason",       "input_width",   "input_height", "input_bytes",
                                "output_width", "output_height", "output_bytes", "milliseconds",
                                "node"};

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// The header's size, read without decoding a pixel; 0 × 0 when it cannot be read.
std::pair<int, int> pixel_size(const std::string& path) {
    if (path.empty()) {
        return {0, 0};
    }
    VipsImage* image =
        vips_image_new_from_file(path.c_str(), "access", VIPS_ACCESS_SEQUENTIAL, nullptr);
    if (image == nullptr) {
        vips_error_clear();
        return {0, 0};
    }
    std::pair<int, int> size{vips_image_get_width(image), vips_image_get_height(image)};
    g_object_unref(image);
    return size;
}

std::uint64_t bytes_of(const std::string& path) {
    std::error_code ec;
    auto size = path.empty() ? 0 : fs::file_size(path, ec);
    return ec ? 0 : size;
}

std::string csv_field(const std::string& text) {
    bool quote = text.find_first_of(",\"\r\n") != std::string::npos || text.starts_with(' ') ||
                 text.ends_with(' ');
    if (!quote) {
        return text;
    }
    std::string out = "\"";
    for (char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

}  // namespace

Result<ReportFormat> report_format_for(const fs::path& file) {
    std::string extension = lower(file.extension().string());
    if (extension == ".csv") {
        return ReportFormat::csv;
    }
    if (extension == ".json") {
        return ReportFormat::json;
    }
    return fail("the report must be a .csv or a .json file: " + file.string());
}

std::vector<ReportRow> report_rows(const std::string& image, const fs::path& input,
                                   const ImageResult& result, bool read_sizes) {
    std::vector<ReportRow> rows;
    std::pair<int, int> in_size = read_sizes ? pixel_size(input.string()) : std::pair{0, 0};
    std::uint64_t in_bytes = read_sizes ? bytes_of(input.string()) : 0;
    for (const OutputResult& output : result.outputs) {
        ReportRow row;
        row.input = image;
        row.chain = output.chain;
        row.output = output.ok ? output.path : std::string();
        row.status = output.ok ? "done" : "failed";
        row.reason = output.message;
        row.input_width = in_size.first;
        row.input_height = in_size.second;
        row.input_bytes = in_bytes;
        if (output.ok) {
            auto out_size = pixel_size(output.path);
            row.output_width = out_size.first;
            row.output_height = out_size.second;
            row.output_bytes = output.bytes != 0 ? output.bytes : bytes_of(output.path);
        }
        row.milliseconds = output.seconds * 1000.0;
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string report_csv(const std::vector<ReportRow>& rows) {
    std::string text;
    for (const char* column : kColumns) {
        text += (text.empty() ? "" : ",") + std::string(column);
    }
    text += "\r\n";
    for (const ReportRow& r : rows) {
        std::vector<std::string> fields = {r.input,
                                           r.chain,
                                           r.output,
                                           r.status,
                                           r.reason,
                                           std::to_string(r.input_width),
                                           std::to_string(r.input_height),
                                           std::to_string(r.input_bytes),
                                           std::to_string(r.output_width),
                                           std::to_string(r.output_height),
                                           std::to_string(r.output_bytes),
                                           number(r.milliseconds),
                                           r.node};
        for (std::size_t i = 0; i < fields.size(); ++i) {
            text += (i == 0 ? "" : ",") + csv_field(fields[i]);
        }
        text += "\r\n";
    }
    return text;
}

nlohmann::json report_json(const std::vector<ReportRow>& rows) {
    nlohmann::json list = nlohmann::json::array();
    for (const ReportRow& r : rows) {
        list.push_back({{"input", r.input},
                        {"filter", r.chain},
                        {"output", r.output},
                        {"status", r.status},
                        {"reason", r.reason},
                        {"input_width", r.input_width},
                        {"input_height", r.input_height},
                        {"input_bytes", r.input_bytes},
                        {"output_width", r.output_width},
                        {"output_height", r.output_height},
                        {"output_bytes", r.output_bytes},
                        {"milliseconds", r.milliseconds},
                        {"node", r.node}});
    }
    return {{"outputs", list}};
}

Status write_report(const fs::path& file, const std::vector<ReportRow>& rows) {
    auto format = report_format_for(file);
    if (!format) {
        return format.error();
    }
    std::string text =
        *format == ReportFormat::csv
            ? report_csv(rows)
            : report_json(rows).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                  "\n";
    fs::path temp = file;
    temp += ".lote-tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::error_code ec;
            fs::remove(temp, ec);
            return fail(ErrorKind::io, "cannot write the report " + file.string());
        }
    }
    std::error_code ec;
    fs::rename(temp, file, ec);
    if (ec) {
        fs::remove(temp, ec);
        return fail(ErrorKind::io,
                    "cannot write the report " + file.string() + ": " + ec.message());
    }
    return {};
}

}  // namespace lote
