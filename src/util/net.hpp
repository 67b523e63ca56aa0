#pragma once
// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility>; with g++ 12 in
// C++20 mode that fails to compile. Every file that needs Asio or Beast includes this header.
// clang-format off
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
// clang-format on

namespace lote {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;
}  // namespace lote
