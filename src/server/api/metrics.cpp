// GET /metrics: the Prometheus text exposition of api_metrics() plus gauges read now.
#include "server/api/routes.hpp"
#include "server/jobs/job_manager.hpp"
#include "server/jobs/job_store.hpp"
#include "server/metrics_registry.hpp"
#include "server/server_context.hpp"

namespace lote::server {

namespace {

std::map<std::string, std::uint64_t> jobs_by_state(const JobStore& store) {
    std::map<std::string, std::uint64_t> states;
    for (JobState state : kJobStates) states[std::string(job_state_id(state))] = 0;
    for (const auto& job : store.list(0, store.count()))
        ++states[std::string(job_state_id(job.state))];
    return states;
}

HttpReply metrics(RequestContext& ctx) {
    auto& registry = api_metrics();
    MetricsSnapshot s;
    s.filters = registry.filters();
    s.image_bytes_read = registry.image_bytes_read();
    s.image_bytes_written = registry.image_bytes_written();
    s.http_bytes_read = registry.http_bytes_read();
    s.http_bytes_written = registry.http_bytes_written();
    s.store_write_failures = registry.store_write_failures();
    s.queue_length = ctx.server.jobs.queued().size();
    s.running_jobs = ctx.server.jobs.running().size();
    s.jobs_by_state = jobs_by_state(ctx.server.store);
    s.clients = ctx.server.hub.size();
    StringResponse res{http::status::ok, ctx.version()};
    res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    res.set(http::field::cache_control, "no-store");
    res.keep_alive(ctx.keep_alive());
    res.body() = render_prometheus(s);
    res.prepare_payload();
    return res;
}

}  // namespace

void add_metrics_routes(Router& router) {
    router.get("/metrics", metrics);
}

}  // namespace lote::server
