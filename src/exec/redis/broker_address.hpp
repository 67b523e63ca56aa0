#pragma once
// Where the broker is: `redis://[user:password@]host[:port][/db]`, the form every lote command
// takes with --broker. hiredis 0.14 has no TLS, so `rediss://` is refused with the way round it.

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace lote {

struct BrokerAddress {
    std::string host;
    int port = 6379;
    std::string user;      // empty: the default user (a password alone is `AUTH password`)
    std::string password;  // empty: no AUTH
    int database = 0;

    // The URL without the password, for messages and logs.
    std::string display() const;
};

Result<BrokerAddress> parse_broker_url(std::string_view url);

}  // namespace lote
