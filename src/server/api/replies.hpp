#pragma once
// Small pieces shared by the API's handlers: image answers with ETags, and writing a reply from
// a StreamHandler (work awaited off the io thread).

#include <string>

#include "server/net/router.hpp"

namespace lote::server {

// The If-None-Match header names `etag` (or is "*").
bool etag_matches(const Request& request, const std::string& etag);

StringResponse not_modified(const RequestContext& ctx, const std::string& etag);
StringResponse jpeg_response(const Request& request, std::string bytes, const std::string& etag,
                             const std::string& cache_control);
// A file served with its ETag; nullopt when it cannot be opened.
std::optional<FileResponse> file_response(const Request& request, const std::string& path,
                                          const std::string& content_type, const std::string& etag,
                                          const std::string& cache_control);

// Writes a whole response on the stream (inside a StreamHandler) and counts its bytes; the answer
// to a HEAD `request` is its header alone (Content-Length as for GET).
net::awaitable<void> write_whole(beast::tcp_stream& stream, StringResponse& response,
                                 const Request& request);

}  // namespace lote::server
