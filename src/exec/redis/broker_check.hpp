#pragma once
// What lote needs of the Redis it is given, checked when a coordinator or node starts so that a
// wrong broker is a message at start rather than tasks lost later:
// - Redis 6.2 or later (XPENDING with IDLE; Debian 12 ships 7.0);
// - no eviction: with maxmemory set, maxmemory-policy must be noeviction (an evicted task entry
//   is an image never done);
// - the commands lote uses allowed to its user (an ACL user without INFO skips the first two
//   checks: they are then the administrator's to make).

#include "exec/redis/broker_link.hpp"

namespace lote {

Status check_broker(BrokerLink& link);

}  // namespace lote
