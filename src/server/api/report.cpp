// GET /api/jobs/{id}/report?format=csv|json: one row per output the job recorded (input, filter,
// output, status, reason, the output's bytes), as a download named after the job.
#include <filesystem>

#include "batch/batch_report.hpp"
#include "server/api/params.hpp"
#include "server/api/replies.hpp"
#include "server/api/routes.hpp"
#include "server/jobs/job_store.hpp"
#include "server/net/paths.hpp"
#include "server/net/visible_files.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

// Only letters, digits, '-' and '_' from the job id in the download's name.
std::string download_name(const std::string& id, const std::string& extension) {
    std::string name = "lote-report-";
    for (char c : id) {
        name += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '_';
    }
    return name + "." + extension;
}

std::vector<ReportRow> rows_of(const ServerContext& server, const std::string& id,
                               const std::vector<ImageRecord>& images) {
    std::vector<ReportRow> rows;
    for (const auto& image : images) {
        ReportRow row;
        row.input = image.image;
        row.chain = image.filter;
        // A file a later job wrote over is no longer this job's output.
        bool own = image.ok && !image.output.empty() && image.owner == id;
        row.output = own ? image.output : std::string();
        row.status = image.ok ? "done" : "failed";
        row.reason = image.message;
        if (own) {
            auto file = confine_visible(server.output_root, image.output, server.state_file);
            std::error_code ec;
            auto bytes = file ? std::filesystem::file_size(*file, ec) : 0;
            row.output_bytes = ec ? 0 : bytes;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

HttpReply job_report(RequestContext& ctx) {
    std::string format = text_param(ctx, "format");
    if (format.empty()) format = "csv";
    if (format != "csv" && format != "json") {
        return ctx.error(fail("format must be csv or json")
                             .coded(codes::unknown_report_format,
                                    {{"format", is_valid_utf8(format) ? format : std::string()}}));
    }
    const std::string& id = ctx.captures["id"];
    auto job = ctx.server.store.get(id);
    if (!job) return ctx.error(no_such_job(id));
    auto rows = rows_of(ctx.server, id, ctx.server.store.images(id));
    StringResponse res;
    if (format == "json") {
        nlohmann::json body = report_json(rows);
        body["job"] = id;
        res = ctx.json(http::status::ok, body);
    } else {
        res = StringResponse(http::status::ok, ctx.version());
        res.set(http::field::content_type, "text/csv; charset=utf-8");
        res.keep_alive(ctx.keep_alive());
        res.body() = report_csv(rows);
        res.prepare_payload();
    }
    res.set(http::field::content_disposition,
            "attachment; filename=\"" + download_name(id, format) + "\"");
    res.set(http::field::cache_control, "no-cache");
    return res;
}

}  // namespace

void add_report_routes(Router& router) {
    router.get("/api/jobs/{id}/report", job_report);
}

}  // namespace lote::server
