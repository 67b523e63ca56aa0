#include "server/net/router.hpp"

#include <stdexcept>

namespace lote::server {

namespace {

std::vector<std::string> split_segments(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 1;  // skip the leading '/'
    while (start <= path.size()) {
        auto slash = path.find('/', start);
        if (slash == std::string::npos) slash = path.size();
        parts.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return parts;
}

bool is_capture(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const std::string& pattern, const std::string& path,
             std::map<std::string, std::string>& captures) {
    if (path.empty() || path.front() != '/') return false;
    auto want = split_segments(pattern);
    auto have = split_segments(path);
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (want[i] == "*" && i + 1 == want.size()) {
            std::string rest;
            for (std::size_t k = i; k < have.size(); ++k) rest += (k > i ? "/" : "") + have[k];
            found["*"] = rest;
            captures = std::move(found);
            return true;
        }
        if (i >= have.size()) return false;
        if (is_capture(want[i])) {
            if (have[i].empty()) return false;
            found[want[i].substr(1, want[i].size() - 2)] = have[i];
        } else if (want[i] != have[i]) {
            return false;
        }
    }
    if (want.size() != have.size()) return false;
    captures = std::move(found);
    return true;
}

// Two patterns that match the same paths: equal segment by segment, any capture equal to any.
bool same_shape(const std::string& a, const std::string& b) {
    auto left = split_segments(a);
    auto right = split_segments(b);
    if (left.size() != right.size()) return false;
    for (std::size_t i = 0; i < left.size(); ++i) {
        if (left[i] != right[i] && !(is_capture(left[i]) && is_capture(right[i]))) return false;
    }
    return true;
}

}  // namespace

void Router::add(Route route) {
    for (const auto& existing : routes_) {
        if (existing.method == route.method && same_shape(existing.pattern, route.pattern)) {
            throw std::logic_error(
                "route registered twice: " + std::string(http::to_string(route.method)) + " " +
                route.pattern + " (already as " + existing.pattern + ")");
        }
    }
    routes_.push_back(std::move(route));
}

const Route* Router::match(http::verb method, const std::string& path,
                           std::map<std::string, std::string>& captures) const {
    for (const auto& route : routes_) {
        if (route.method == method && matches(route.pattern, path, captures)) return &route;
    }
    return nullptr;
}

bool Router::path_known(const std::string& path) const {
    std::map<std::string, std::string> ignored;
    for (const auto& route : routes_) {
        if (matches(route.pattern, path, ignored)) return true;
    }
    return false;
}

}  // namespace lote::server
