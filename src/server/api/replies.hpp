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

// The API's common refusals, with their codes (util/error_codes.hpp).
Error no_such_folder(const std::string& folder);                   // 404 folder_not_found
Error no_such_file(const std::string& path);                       // 404 file_not_found
Error no_such_job(const std::string& id);                          // 404 job_not_found
Error pool_is_full(const char* pool, const std::string& message);  // 429 pool_full

// Writes a whole response on the stream (inside a StreamHandler) and counts its bytes; the answer
// to a HEAD `request` is its header alone (Content-Length as for GET).
net::awaitable<void> write_whole(beast::tcp_stream& stream, StringResponse& response,
                                 const Request& request);

}  // namespace lote::server
