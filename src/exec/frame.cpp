#include "exec/frame.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lote {

namespace {

enum class Fill { Complete, Empty, Partial, TimedOut, Failed };

// Reads exactly `size` bytes unless the stream ends, the wait gives up or read fails.
Fill read_exactly(int fd, char* buffer, std::size_t size, const ReadableWait& wait,
                  std::string& error) {
    std::size_t done = 0;
    while (done < size) {
        if (wait && !wait(fd)) return Fill::TimedOut;
        ssize_t n = ::read(fd, buffer + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error = std::strerror(errno);
            return Fill::Failed;
        }
        if (n == 0) return done == 0 ? Fill::Empty : Fill::Partial;
        done += static_cast<std::size_t>(n);
    }
    return Fill::Complete;
}

std::uint32_t decode_length(const unsigned char* header) {
    return static_cast<std::uint32_t>(header[0]) | static_cast<std::uint32_t>(header[1]) << 8 |
           static_cast<std::uint32_t>(header[2]) << 16 |
           static_cast<std::uint32_t>(header[3]) << 24;
}

FrameRead frame_failure(FrameStatus status, std::string detail) {
    return FrameRead{status, {}, std::move(detail)};
}

FrameRead failure_from_fill(Fill fill, bool in_header, const std::string& error) {
    switch (fill) {
        case Fill::Empty:
            return in_header ? frame_failure(FrameStatus::EndOfStream, "end of stream")
                             : frame_failure(FrameStatus::Truncated, "stream ended inside a frame");
        case Fill::Partial:
            return frame_failure(FrameStatus::Truncated, "stream ended inside a frame");
        case Fill::TimedOut:
            return frame_failure(FrameStatus::TimedOut, "no frame before the deadline");
        default:
            return frame_failure(FrameStatus::IoError, "read failed: " + error);
    }
}

}  // namespace

std::string encode_frame_header(std::uint32_t length) {
    std::string header(kFrameHeaderBytes, '\0');
    for (std::size_t i = 0; i < kFrameHeaderBytes; ++i) {
        header[i] = static_cast<char>((length >> (8 * i)) & 0xFFu);
    }
    return header;
}

FrameRead read_frame(int fd, const ReadableWait& wait) {
    unsigned char header[kFrameHeaderBytes];
    std::string error;
    Fill fill = read_exactly(fd, reinterpret_cast<char*>(header), sizeof header, wait, error);
    if (fill != Fill::Complete) return failure_from_fill(fill, true, error);
    std::uint32_t length = decode_length(header);
    if (length > kMaxFrameBytes) {
        return frame_failure(FrameStatus::Malformed, "frame of " + std::to_string(length) +
                                                         " bytes exceeds the limit of " +
                                                         std::to_string(kMaxFrameBytes));
    }
    std::string payload(length, '\0');
    fill = read_exactly(fd, payload.data(), length, wait, error);
    if (fill != Fill::Complete) return failure_from_fill(fill, false, error);
    return FrameRead{FrameStatus::Ok, std::move(payload), {}};
}

Status write_frame(int fd, std::string_view payload) {
    if (payload.size() > kMaxFrameBytes) {
        return fail("message of " + std::to_string(payload.size()) + " bytes exceeds the limit");
    }
    std::string bytes = encode_frame_header(static_cast<std::uint32_t>(payload.size()));
    bytes.append(payload);
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail(std::string("write failed: ") + std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    return Status::success();
}

}  // namespace lote
