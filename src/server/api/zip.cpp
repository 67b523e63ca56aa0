// GET /api/jobs/{id}/zip[?filter=name]: the job's recorded outputs as a zip built while it is
// sent (chunked transfer, no Content-Length); memory stays at about one read piece whatever the
// size of the result.
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

#include "server/api/params.hpp"
#include "server/api/replies.hpp"
#include "server/api/routes.hpp"
#include "server/api/zip_writer.hpp"
#include "server/jobs/job_store.hpp"
#include "server/metrics_registry.hpp"
#include "server/net/visible_files.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

constexpr std::size_t kPiece = 64 * 1024;

struct ZipItem {
    std::string name;  // entry name: the output's path relative to the output root
    std::string path;  // absolute
};

// The job's outputs still on disk as it wrote them: a file a later job replaced is not its own.
std::vector<ZipItem> outputs_of(const ServerContext& server, const std::string& id,
                                const std::vector<ImageRecord>& images, const std::string& filter) {
    std::vector<ZipItem> items;
    std::set<std::string> seen;
    for (const auto& image : images) {
        if (!image.ok || image.output.empty() || image.owner != id ||
            (!filter.empty() && image.filter != filter))
            continue;
        auto file = confine_visible(server.output_root, image.output, server.state_file);
        std::error_code ec;
        if (!file || !std::filesystem::is_regular_file(*file, ec)) continue;
        if (seen.insert(image.output).second) items.push_back({image.output, file->string()});
    }
    return items;
}

// Only letters, digits, '-', '_' and '.' in the download's file name.
std::string safe_file_name(const std::string& text) {
    std::string out;
    for (char c : text)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')
                   ? c
                   : '_';
    return out;
}

class ChunkSender {
  public:
    explicit ChunkSender(beast::tcp_stream& stream) : stream_(stream) {}
    net::awaitable<void> send(std::string bytes) {
        if (bytes.empty()) co_return;
        stream_.expires_after(std::chrono::seconds(60));
        api_metrics().add_http_bytes_written(bytes.size());
        co_await net::async_write(stream_, http::make_chunk(net::buffer(bytes)),
                                  net::use_awaitable);
    }
    net::awaitable<void> finish() {
        stream_.expires_after(std::chrono::seconds(60));
        co_await net::async_write(stream_, http::make_chunk_last(), net::use_awaitable);
    }

  private:
    beast::tcp_stream& stream_;
};

// Adds one file; a file that vanished or fails to read ends the archive early (the client sees
// a truncated download rather than wrong bytes).
net::awaitable<Status> add_file(ZipWriter& zip, ChunkSender& sender, const ZipItem& item) {
    struct stat st {};
    std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(item.path.c_str(), "rb"), &std::fclose);
    if (!in || ::fstat(fileno(in.get()), &st) != 0)
        co_return Status(fail("cannot read " + item.name));
    auto s = zip.begin_entry(item.name, static_cast<std::uint64_t>(st.st_size), st.st_mtim.tv_sec,
                             ZipWriter::worth_compressing(item.name));
    if (!s) co_return s;
    std::string piece(kPiece, '\0');
    for (;;) {
        std::size_t got = std::fread(piece.data(), 1, piece.size(), in.get());
        if (got == 0) break;
        if (auto w = zip.write({piece.data(), got}); !w) co_return w;
        if (zip.pending() >= kPiece) co_await sender.send(zip.take());
    }
    if (std::ferror(in.get())) co_return Status(fail("cannot read " + item.name));
    co_return zip.end_entry();
}

// The zip's header: chunked, so HEAD gets the same header without building anything.
HeadResponse zip_header(unsigned version, const std::string& download_name) {
    HeadResponse res{http::status::ok, version};
    res.set(http::field::content_type, "application/zip");
    res.set(http::field::content_disposition, "attachment; filename=\"" + download_name + "\"");
    res.set(http::field::cache_control, "no-store");
    res.chunked(true);
    res.keep_alive(false);
    return res;
}

// A free coroutine (its parameters live in its frame), not a capturing coroutine lambda.
net::awaitable<void> send_zip(beast::tcp_stream& stream, unsigned version,
                              std::string download_name, std::vector<ZipItem> items) {
    HeadResponse res = zip_header(version, download_name);
    http::response_serializer<http::empty_body> header(res);
    stream.expires_after(std::chrono::seconds(60));
    co_await http::async_write_header(stream, header, net::use_awaitable);
    ZipWriter zip;
    ChunkSender sender(stream);
    for (const auto& item : items) {
        if (!co_await add_file(zip, sender, item)) co_return;  // no last chunk: visibly cut
        co_await sender.send(zip.take());
    }
    if (!zip.close()) co_return;
    co_await sender.send(zip.take());
    co_await sender.finish();
}

StreamHandler stream_zip(unsigned version, std::string download_name, std::vector<ZipItem> items) {
    return [version, download_name, items = std::move(items)](beast::tcp_stream& stream) {
        return send_zip(stream, version, download_name, items);
    };
}

HttpReply job_zip(RequestContext& ctx) {
    const std::string& id = ctx.captures["id"];
    auto job = ctx.server.store.get(id);
    if (!job) return ctx.error(no_such_job(id));
    std::string filter = text_param(ctx, "filter");
    auto images = ctx.server.store.images(id);
    if (!filter.empty()) {
        bool known = std::any_of(images.begin(), images.end(),
                                 [&](const auto& i) { return i.filter == filter; });
        if (!known)
            return ctx.error(
                fail(ErrorKind::not_found, "the job has no outputs of filter: " + filter)
                    .coded(codes::filter_not_in_job, {{"job", id}, {"filter", filter}}));
    }
    auto items = outputs_of(ctx.server, id, images, filter);
    std::string name = "lote-" + safe_file_name(id) +
                       (filter.empty() ? "" : "-" + safe_file_name(filter)) + ".zip";
    if (ctx.request.method() == http::verb::head) return zip_header(ctx.version(), name);
    return stream_zip(ctx.version(), name, std::move(items));
}

}  // namespace

void add_zip_routes(Router& router) {
    router.get("/api/jobs/{id}/zip", job_zip);
}

}  // namespace lote::server
