#include "server/broker_startup.hpp"

#include "exec/redis/broker_check.hpp"
#include "exec/redis/broker_run.hpp"
#include "exec/redis/share_marker.hpp"

namespace lote::server {

Result<std::unique_ptr<NodeWatch>> start_broker_link(const ServerOptions& options,
                                                     const std::filesystem::path& input_root,
                                                     const std::filesystem::path& output_root) {
    auto address = parse_broker_url(options.broker);
    if (!address) return address.error();
    BrokerLink link(*address, ConnectionSettings{});
    if (auto s = link.connect(); !s) return s.error();
    if (auto s = check_broker(link); !s) return s.error();
    if (auto s = ensure_task_group(link); !s) return s.error();
    std::vector<Share> shares;
    for (const auto& root : {input_root, output_root}) {
        auto share = find_or_mark_share(root);
        if (!share) return share.error();
        shares.push_back(*share);
    }
    if (auto s = register_shares(link, shares); !s) return s.error();
    auto watch = std::make_unique<NodeWatch>(*address);
    watch->start();
    return watch;
}

}  // namespace lote::server
