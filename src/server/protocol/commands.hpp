#pragma once
// What the server does with each client message (`tipo`): the protocol's commands and ours.

#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

#include "util/result.hpp"

namespace lote::server {

struct ServerContext;

// Sends a message to the client that sent the command; thread-safe.
using Reply = std::function<void(const nlohmann::json&)>;

// Never throws and never closes the connection: bad input gets an `error` answer. Blocking (it
// may scan a folder): call it off the io threads.
void handle_client_message(ServerContext& context, std::string_view text, const Reply& reply);

// What a message that is not a JSON object (or not text) is answered with.
Error invalid_message();

}  // namespace lote::server
