#include "exec/redis/broker_check.hpp"

#include <cstdio>
#include <sstream>

namespace lote {

namespace {

std::string info_value(const std::string& info, const std::string& key) {
    std::istringstream lines(info);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind(key + ":", 0) == 0) return line.substr(key.size() + 1);
    }
    return {};
}

Status check_version(const std::string& info, const BrokerAddress& address) {
    std::string version = info_value(info, "redis_version");
    int major = 0;
    int minor = 0;
    if (version.empty() || std::sscanf(version.c_str(), "%d.%d", &major, &minor) != 2) return {};
    if (major > 6 || (major == 6 && minor >= 2)) return {};
    return fail(ErrorKind::unsupported, "the broker at " + address.display() + " is Redis " +
                                            version +
                                            "; lote needs Redis 6.2 or later (7 on Debian 12)");
}

Status check_eviction(const std::string& info, const BrokerAddress& address) {
    std::string limit = info_value(info, "maxmemory");
    std::string policy = info_value(info, "maxmemory_policy");
    if (limit.empty() || limit == "0" || policy.empty() || policy == "noeviction") return {};
    return fail(ErrorKind::unsupported,
                "the broker at " + address.display() + " may evict keys (maxmemory " + limit +
                    ", maxmemory-policy " + policy +
                    "): an evicted task is an image never done; set maxmemory-policy noeviction");
}

}  // namespace

Status check_broker(BrokerLink& link) {
    auto info = link.call({"INFO"});
    if (!info) return info.error();
    if (info->error_is("NOPERM")) return {};
    if (info->is_error()) return fail(ErrorKind::refused, "the broker refused INFO: " + info->text);
    if (auto s = check_version(info->text, link.address()); !s) return s;
    return check_eviction(info->text, link.address());
}

}  // namespace lote
