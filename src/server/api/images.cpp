// GET /api/images (a page of input images with header facts) and GET /api/folders.
#include "batch/input_links.hpp"
#include "server/api/folder_listing.hpp"
#include "server/api/header_cache.hpp"
#include "server/api/params.hpp"
#include "server/api/replies.hpp"
#include "server/api/routes.hpp"
#include "server/errors.hpp"
#include "server/net/visible_files.hpp"
#include "server/server_context.hpp"
#include "util/error_codes.hpp"

namespace lote::server {

namespace {

constexpr int kFolderDepth = 3;
constexpr std::size_t kMaxFolders = 2000;

// A link out of the input root or to nothing: listed with the reason a job would give, unread.
nlohmann::json refused_link_json(const std::string& name, const std::string& reason) {
    return {{"name", name}, {"bytes", 0},      {"width", 0},      {"height", 0},
            {"format", ""}, {"refused", true}, {"reason", reason}};
}

nlohmann::json image_json(const std::string& name, const HeaderInfo& info) {
    return {{"name", name},          {"bytes", info.bytes},   {"width", info.width},
            {"height", info.height}, {"format", info.format}, {"refused", info.refused},
            {"reason", info.reason}};
}

HttpReply images(RequestContext& ctx) {
    auto offset = int_param(ctx, "offset", 0, 0, 1'000'000'000);
    if (!offset) return ctx.error(offset.error());
    auto limit = int_param(ctx, "limit", 200, 1, 1000);
    if (!limit) return ctx.error(limit.error());
    std::string folder_name = text_param(ctx, "folder");
    auto folder = confine_visible(ctx.server.input_root, folder_name, ctx.server.state_file);
    if (!folder) return ctx.error(http::status::forbidden, folder.error());
    std::error_code ec;
    if (!std::filesystem::is_directory(*folder, ec)) return ctx.error(no_such_folder(folder_name));
    auto names = list_image_names(*folder, ctx.server.input_root);
    if (!names) {
        return ctx.error(http::status::not_found,
                         reworded(names.error(), "", codes::folder_not_found)
                             .coded(codes::folder_not_found, {{"folder", folder_name}}));
    }
    auto first = std::min<std::size_t>(static_cast<std::size_t>(*offset), names->size());
    auto end = std::min<std::size_t>(first + static_cast<std::size_t>(*limit), names->size());
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = first; i < end; ++i) {
        const auto& name = (*names)[i];
        if (auto why = link_refusal(*folder / name, ctx.server.input_root)) {
            list.push_back(refused_link_json(name, *why));
        } else {
            list.push_back(image_json(name, header_cache().info(*folder / name)));
        }
    }
    return ctx.json(http::status::ok, {{"folder", folder_name},
                                       {"total", names->size()},
                                       {"offset", *offset},
                                       {"limit", *limit},
                                       {"images", list}});
}

HttpReply folders(RequestContext& ctx) {
    auto list =
        list_folders(ctx.server.input_root, ctx.server.output_root, kFolderDepth, kMaxFolders);
    return ctx.json(http::status::ok, {{"root", "input"}, {"folders", list}});
}

}  // namespace

void add_image_routes(Router& router) {
    router.get("/api/images", images);
    router.get("/api/folders", folders);
}

}  // namespace lote::server
