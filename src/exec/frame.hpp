#pragma once
// The framing between the process pool and its workers: each message is a 4-byte little-endian
// payload length followed by that many bytes (JSON text). A length above kMaxFrameBytes is refused
// rather than allocated, so a corrupt stream cannot make either side allocate gigabytes.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace lote {

inline constexpr std::uint32_t kMaxFrameBytes = 16u * 1024 * 1024;
inline constexpr std::size_t kFrameHeaderBytes = 4;

enum class FrameStatus {
    Ok,
    EndOfStream,  // the other side closed the pipe cleanly between frames
    Truncated,    // the stream ended inside a frame (the writer died mid-message)
    Malformed,    // a length above the limit
    TimedOut,     // the wait function gave up
    IoError,
};

struct FrameRead {
    FrameStatus status = FrameStatus::Ok;
    std::string payload;  // when Ok
    std::string detail;   // why, otherwise
};

// Blocks until `fd` is readable (true) or gives up (false). Called before every read(), so one
// deadline covers a frame that arrives in pieces.
using ReadableWait = std::function<bool(int fd)>;

std::string encode_frame_header(std::uint32_t length);
// Reads one whole frame; an empty `wait` blocks without limit.
FrameRead read_frame(int fd, const ReadableWait& wait = {});
// Writes one whole frame (retrying short writes); fails on a payload above the limit or a closed
// pipe (EPIPE when SIGPIPE is ignored).
Status write_frame(int fd, std::string_view payload);

}  // namespace lote
