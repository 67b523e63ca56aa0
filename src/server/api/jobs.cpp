// The job history: list, one job in detail, re-run with the same settings, delete (record and,
// if asked, the outputs recorded for it), and single output files.
#include <filesystem>

#include "server/api/params.hpp"
#include "server/api/replies.hpp"
#include "server/api/routes.hpp"
#include "server/errors.hpp"
#include "server/jobs/job_manager.hpp"
#include "server/jobs/job_store.hpp"
#include "server/jobs/jobs_json.hpp"
#include "server/jobs/store_writes.hpp"
#include "server/net/visible_files.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

using nlohmann::json;

bool is_active(const ServerContext& server, const std::string& id) {
    for (const auto& running : server.jobs.running()) {
        if (running == id) return true;
    }
    for (const auto& queued : server.jobs.queued()) {
        if (queued == id) return true;
    }
    return false;
}

HttpReply list_jobs(RequestContext& ctx) {
    auto offset = int_param(ctx, "offset", 0, 0, 1'000'000'000);
    if (!offset) return ctx.error(offset.error());
    auto limit = int_param(ctx, "limit", 20, 1, 200);
    if (!limit) return ctx.error(limit.error());
    json jobs = json::array();
    for (const auto& job : ctx.server.store.list(*offset, *limit))
        jobs.push_back(job_summary_json(job));
    return ctx.json(http::status::ok, {{"total", ctx.server.store.count()},
                                       {"offset", *offset},
                                       {"limit", *limit},
                                       {"jobs", jobs}});
}

// Counts per filter from the image rows; times from the final summary when there is one.
json per_filter(const JobRecord& job, const std::vector<ImageRecord>& images) {
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> counts;
    for (const auto& image : images) {
        auto& [ok, bad] = counts[image.filter];
        (image.ok ? ok : bad) += 1;
    }
    std::map<std::string, double> seconds;
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> left;  // skipped, cancelled
    if (job.summary.is_object() && job.summary.contains("resultados")) {
        for (const auto& r : job.summary["resultados"]) {
            std::string name = r.value("filtro", std::string());
            seconds[name] = r.value("tiempo_total", 0.0);
            left[name] = {r.value("omitidas", std::uint64_t{0}),
                          r.value("canceladas", std::uint64_t{0})};
        }
    }
    json list = json::array();
    for (const auto& [name, c] : counts) {
        std::uint64_t done = c.first + c.second;
        double secs = seconds.count(name) ? seconds[name] : 0.0;
        list.push_back({{"filter", name},
                        {"succeeded", c.first},
                        {"failed", c.second},
                        // Of `succeeded`, the outputs already up to date (not made again).
                        {"skipped", left.count(name) ? left[name].first : 0},
                        {"cancelled", left.count(name) ? left[name].second : 0},
                        {"seconds", secs},
                        {"seconds_per_image", done ? secs / static_cast<double>(done) : 0.0}});
    }
    return list;
}

HttpReply one_job(RequestContext& ctx) {
    auto job = ctx.server.store.get(ctx.captures["id"]);
    if (!job) return ctx.error(no_such_job(ctx.captures["id"]));
    auto images = ctx.server.store.images(job->id);
    json answer = job_summary_json(*job);
    answer["settings"] = job->settings;
    answer["per_filter"] = per_filter(*job, images);
    json list = json::array();
    for (const auto& image : images) {
        // A file a later job wrote over is no longer this job's: no path, and who replaced it.
        bool replaced = image.ok && !image.output.empty() && image.owner != job->id;
        json row = {{"image", image.image},
                    {"filter", image.filter},
                    {"ok", image.ok},
                    {"message", image.message},
                    {"output", replaced ? std::string() : image.output}};
        if (replaced) row["replaced_by"] = image.owner.empty() ? json(nullptr) : json(image.owner);
        if (!image.node.empty()) row["node"] = image.node;  // the machine that did it (distributed)
        list.push_back(std::move(row));
    }
    answer["images"] = list;
    return ctx.json(http::status::ok, answer);
}

HttpReply rerun_job(RequestContext& ctx) {
    auto job = ctx.server.store.get(ctx.captures["id"]);
    if (!job) return ctx.error(no_such_job(ctx.captures["id"]));
    Roots roots{ctx.server.input_root, ctx.server.output_root};
    // Stored settings say 0 workers for "one per core", which the request check refuses.
    auto settings = job->settings;
    if (settings.is_object() && settings.value("trabajadores", 0) == 0)
        settings.erase("trabajadores");
    auto request =
        parse_procesar(settings, roots, ctx.server.cores, !ctx.server.options.broker.empty());
    if (!request) {
        nlohmann::json params = request.error().params;
        params["job"] = job->id;
        params["cause"] = request.error().code_or_kind();
        return ctx.error(http::status::bad_request,
                         fail("the job cannot run again: " + request.message())
                             .coded(codes::job_cannot_rerun, std::move(params)));
    }
    auto accepted = ctx.server.jobs.submit(std::move(*request));
    if (!accepted) return ctx.error(http::status::service_unavailable, accepted.error());
    return ctx.json(
        http::status::accepted,
        {{"job", accepted->job}, {"queued", accepted->queued}, {"position", accepted->position}});
}

// Removes the files the job wrote that no later job replaced, each confined to the output root.
std::size_t remove_outputs(const ServerContext& server, const std::string& id,
                           const std::vector<ImageRecord>& images) {
    std::size_t removed = 0;
    for (const auto& image : images) {
        if (image.output.empty() || image.owner != id) continue;
        auto file = confine_visible(server.output_root, image.output, server.state_file);
        std::error_code ec;
        if (file && std::filesystem::is_regular_file(*file, ec) &&
            std::filesystem::remove(*file, ec)) {
            ++removed;
            note_store_write(server.store.forget_output(image.output), "forget an output", id);
        }
    }
    return removed;
}

HttpReply delete_job(RequestContext& ctx) {
    const std::string& id = ctx.captures["id"];
    auto outputs = bool_param(ctx, "outputs", false);
    if (!outputs) return ctx.error(outputs.error());
    if (!ctx.server.store.get(id)) return ctx.error(no_such_job(id));
    if (is_active(ctx.server, id)) {
        return ctx.error(fail(ErrorKind::conflict, "the job is queued or running; cancel it first")
                             .coded(codes::job_running, {{"job", id}}));
    }
    std::size_t removed =
        *outputs ? remove_outputs(ctx.server, id, ctx.server.store.images(id)) : 0;
    if (auto s = ctx.server.store.remove(id); !s)
        return ctx.error(reworded(s.error(), "", codes::job_store_failed));
    return ctx.json(http::status::ok, {{"deleted", true}, {"outputs_removed", removed}});
}

HttpReply output_file(RequestContext& ctx) {
    auto required = required_param(ctx, "path");
    if (!required) return ctx.error(required.error());
    const std::string& rel = *required;
    auto file = confine_visible(ctx.server.output_root, rel, ctx.server.state_file);
    if (!file) return ctx.error(http::status::forbidden, file.error());
    std::error_code ec;
    if (!std::filesystem::is_regular_file(*file, ec)) {
        return ctx.error(fail(ErrorKind::not_found, "no such output: " + rel)
                             .coded(codes::file_not_found, {{"path", rel}}));
    }
    auto res = file_response(ctx.request, file->string(), std::string(mime_type(file->string())),
                             "", "no-cache");
    if (!res) {
        return ctx.error(fail(ErrorKind::not_found, "cannot open the output: " + rel)
                             .coded(codes::file_not_found, {{"path", rel}}));
    }
    return std::move(*res);
}

}  // namespace

void add_job_routes(Router& router) {
    router.get("/api/jobs", list_jobs);
    router.get("/api/jobs/{id}", one_job);
    router.add({http::verb::post, "/api/jobs/{id}/rerun", rerun_job});
    router.add({http::verb::delete_, "/api/jobs/{id}", delete_job});
    router.get("/api/output", output_file);
}

}  // namespace lote::server
