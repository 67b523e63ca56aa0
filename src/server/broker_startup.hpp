#pragma once
// `lote serve --broker`: the broker is checked when the server starts (reachable, credentials
// accepted, usable), so a wrong URL or password is a message at start rather than jobs that
// wait forever; the input and output roots are marked and registered as shared folders, so that
// nodes can check their --map before the first job; and the nodes are watched for `estado`.

#include <filesystem>
#include <memory>

#include "exec/redis/node_watch.hpp"
#include "server/options.hpp"

namespace lote::server {

Result<std::unique_ptr<NodeWatch>> start_broker_link(const ServerOptions& options,
                                                     const std::filesystem::path& input_root,
                                                     const std::filesystem::path& output_root);

}  // namespace lote::server
