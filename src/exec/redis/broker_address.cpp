#include "exec/redis/broker_address.hpp"

#include <charconv>

namespace lote {

namespace {

constexpr std::string_view kScheme = "redis://";

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// User names and passwords may hold any byte written as %XX (an '@' or ':' in a password).
Result<std::string> percent_decode(std::string_view text, const char* what) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
        int low = high >= 0 ? hex_value(text[i + 2]) : -1;
        if (low < 0)
            return fail(std::string("a '%' in the ") + what +
                        " must be followed by two hex digits");
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

Result<int> parse_number(std::string_view text, int low, int high, const char* what) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < low ||
        value > high) {
        return fail(std::string(what) + " must be a number from " + std::to_string(low) + " to " +
                    std::to_string(high) + ", not \"" + std::string(text) + "\"");
    }
    return value;
}

Status parse_credentials(std::string_view text, BrokerAddress& address) {
    auto colon = text.find(':');
    auto user = percent_decode(text.substr(0, colon), "user name");
    if (!user) return user.error();
    address.user = *user;
    if (colon == std::string_view::npos)
        return fail("give the password after the user name: user:password@host");
    auto password = percent_decode(text.substr(colon + 1), "password");
    if (!password) return password.error();
    address.password = *password;
    if (address.password.empty()) return fail("the password after ':' is empty");
    return {};
}

// host, host:port, [v6], [v6]:port
Status parse_host_port(std::string_view text, BrokerAddress& address) {
    std::string_view port;
    if (!text.empty() && text.front() == '[') {
        auto close = text.find(']');
        if (close == std::string_view::npos) return fail("an IPv6 address needs its closing ']'");
        address.host = std::string(text.substr(1, close - 1));
        std::string_view rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return fail("expected ':port' after the IPv6 address");
            port = rest.substr(1);
            if (port.empty()) return fail("the port after ':' is empty");
        }
    } else {
        auto colon = text.rfind(':');
        address.host = std::string(text.substr(0, colon));
        if (colon != std::string_view::npos) {
            port = text.substr(colon + 1);
            if (port.empty()) return fail("the port after ':' is empty");
        }
    }
    if (address.host.empty()) return fail("no host given");
    if (!port.empty()) {
        auto number = parse_number(port, 1, 65535, "the port");
        if (!number) return number.error();
        address.port = *number;
    }
    return {};
}

}  // namespace

std::string BrokerAddress::display() const {
    std::string text(kScheme);
    if (!user.empty() || !password.empty()) text += user + (password.empty() ? "" : ":***") + "@";
    text += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    text += ":" + std::to_string(port);
    if (database != 0) text += "/" + std::to_string(database);
    return text;
}

Result<BrokerAddress> parse_broker_url(std::string_view url) {
    auto refuse = [url](const std::string& why) {
        return fail("--broker " + std::string(url) + ": " + why +
                    " (expected redis://[user:password@]host[:port][/db])");
    };
    if (url.rfind("rediss://", 0) == 0) {
        return refuse(
            "TLS is not built in (hiredis 0.14 has none); run stunnel or spiped next to "
            "Redis and on this machine, and point --broker at the local end of the tunnel");
    }
    if (url.rfind(kScheme, 0) != 0) return refuse("it must start with redis://");
    std::string_view rest = url.substr(kScheme.size());
    BrokerAddress address;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        auto db = parse_number(rest.substr(slash + 1), 0, 15, "the database number");
        if (!db) return refuse(db.message());
        address.database = *db;
        rest = rest.substr(0, slash);
    }
    if (auto at = rest.rfind('@'); at != std::string_view::npos) {
        if (auto s = parse_credentials(rest.substr(0, at), address); !s) return refuse(s.message());
        rest = rest.substr(at + 1);
    }
    if (auto s = parse_host_port(rest, address); !s) return refuse(s.message());
    return address;
}

}  // namespace lote
