#pragma once
// What the server does with each client message (`tipo`): the protocol's commands and ours.

#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

namespace lote::server {

struct ServerContext;

// Sends a message to the client that sent the command; thread-safe.
using Reply = std::function<void(const nlohmann::json&)>;

// Never throws and never closes the connection: bad input gets an `error` answer.
void handle_client_message(ServerContext& context, std::string_view text, const Reply& reply);

}  // namespace lote::server
