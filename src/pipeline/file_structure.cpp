#include "pipeline/file_structure.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace lote {

namespace {

// Files bigger than this are not walked (their ending is "unknown"): reading them whole to find
// their end would cost more than waiting for them to stand still.
constexpr std::size_t kLargestWalked = 256u << 20;

// The file's bytes, read into memory (not mapped: a file cut shorter while mapped would kill the
// process that reads it); empty when unreadable or too big to walk.
class FileBytes {
  public:
    explicit FileBytes(const std::filesystem::path& path) {
        int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return;
        }
        struct stat st {};
        if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
            static_cast<std::size_t>(st.st_size) <= kLargestWalked) {
            bytes_.resize(static_cast<std::size_t>(st.st_size));
            std::size_t got = 0;
            while (got < bytes_.size()) {
                ssize_t n = ::read(fd, bytes_.data() + got, bytes_.size() - got);
                if (n <= 0) {
                    break;  // the file got shorter meanwhile: walk what is there
                }
                got += static_cast<std::size_t>(n);
            }
            bytes_.resize(got);
        }
        ::close(fd);
    }

    const unsigned char* data() const { return bytes_.empty() ? nullptr : bytes_.data(); }
    std::size_t size() const { return bytes_.size(); }

  private:
    std::vector<unsigned char> bytes_;
};

FileStructure truncated(std::string problem) {
    return {FileEnding::truncated, 0, std::move(problem)};
}

FileStructure complete(int frames = 0) {
    return {FileEnding::complete, frames, {}};
}

std::uint32_t big_endian32(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           p[3];
}

std::uint32_t little_endian32(const unsigned char* p) {
    return (std::uint32_t{p[3]} << 24) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[1]} << 8) |
           p[0];
}

// After a start-of-scan segment the entropy-coded data runs until a marker that is neither a
// stuffed 0xFF00 nor a restart marker; returns its offset, or the size when there is none.
std::size_t end_of_scan_data(const unsigned char* data, std::size_t size, std::size_t pos) {
    while (pos < size) {
        const void* found = std::memchr(data + pos, 0xFF, size - pos);
        if (found == nullptr) {
            return size;
        }
        pos = static_cast<std::size_t>(static_cast<const unsigned char*>(found) - data);
        if (pos + 1 >= size) {
            return size;
        }
        unsigned char next = data[pos + 1];
        bool restart = next >= 0xD0 && next <= 0xD7;
        if (next != 0x00 && next != 0xFF && !restart) {
            return pos;
        }
        pos += next == 0xFF ? 1 : 2;
    }
    return size;
}

// Marker segments from SOI to EOI; progressive files have several scans between them.
FileStructure walk_jpeg(const unsigned char* data, std::size_t size) {
    std::size_t pos = 2;
    while (true) {
        while (pos < size && data[pos] == 0xFF && pos + 1 < size && data[pos + 1] == 0xFF) {
            ++pos;  // fill bytes before a marker
        }
        if (pos + 2 > size) {
            return truncated("the JPEG data stops before its end marker");
        }
        if (data[pos] != 0xFF) {
            return truncated("the JPEG data is broken at byte " + std::to_string(pos));
        }
        unsigned char marker = data[pos + 1];
        pos += 2;
        if (marker == 0xD9) {
            return complete();
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            continue;  // markers without a length
        }
        if (pos + 2 > size) {
            return truncated("the JPEG data stops inside a segment header");
        }
        std::size_t length = (std::size_t{data[pos]} << 8) | data[pos + 1];
        if (length < 2 || pos + length > size) {
            return truncated("the JPEG data stops inside a segment");
        }
        pos += length;
        if (marker == 0xDA) {
            pos = end_of_scan_data(data, size, pos);
        }
    }
}

FileStructure walk_png(const unsigned char* data, std::size_t size) {
    std::size_t pos = 8;
    while (pos + 8 <= size) {
        std::uint64_t length = big_endian32(data + pos);
        std::string_view type(reinterpret_cast<const char*>(data + pos + 4), 4);
        std::uint64_t next = pos + 12 + length;
        if (next > size) {
            return truncated("the PNG data stops inside its " + std::string(type) + " chunk");
        }
        if (type == "IEND") {
            return complete();
        }
        pos = static_cast<std::size_t>(next);
    }
    return truncated("the PNG data stops before its IEND chunk");
}

// Skips a run of GIF sub-blocks (a size byte, then that many bytes, until a size of 0).
bool skip_sub_blocks(const unsigned char* data, std::size_t size, std::size_t& pos) {
    while (pos < size) {
        std::size_t block = data[pos];
        pos += 1 + block;
        if (block == 0) {
            return pos <= size;
        }
    }
    return false;
}

std::size_t colour_table_size(unsigned char flags) {
    return (flags & 0x80) != 0 ? 3u * (2u << (flags & 0x07)) : 0u;
}

FileStructure walk_gif(const unsigned char* data, std::size_t size) {
    if (size < 13) {
        return truncated("the GIF data stops inside its header");
    }
    std::size_t pos = 13 + colour_table_size(data[10]);
    int frames = 0;
    while (pos < size) {
        unsigned char block = data[pos++];
        if (block == 0x3B) {
            return complete(frames);
        }
        if (block == 0x21) {  // extension: label, then sub-blocks
            pos += 1;
        } else if (block == 0x2C) {  // image: descriptor, local colours, LZW code size
            if (pos + 9 > size) {
                break;
            }
            pos += 9 + colour_table_size(data[pos + 8]) + 1;
            ++frames;
        } else {
            return {FileEnding::truncated, frames,
                    "the GIF data is broken at byte " + std::to_string(pos - 1)};
        }
        if (!skip_sub_blocks(data, size, pos)) {
            break;
        }
    }
    return {FileEnding::truncated, frames, "the GIF data stops before its trailer"};
}

// RIFF says how long the file is: 8 bytes of header plus the size it records.
FileStructure check_riff(const unsigned char* data, std::size_t size) {
    std::uint64_t expected = std::uint64_t{little_endian32(data + 4)} + 8;
    if (size < expected) {
        return truncated("the WebP file has " + std::to_string(size) + " of its " +
                         std::to_string(expected) + " bytes");
    }
    return complete();
}

FileStructure check_bmp(const unsigned char* data, std::size_t size) {
    std::uint64_t expected = little_endian32(data + 2);
    if (expected > 0 && size < expected) {
        return truncated("the BMP file has " + std::to_string(size) + " of its " +
                         std::to_string(expected) + " bytes");
    }
    return {FileEnding::unknown, 0, {}};
}

bool starts_with(const unsigned char* data, std::size_t size, std::string_view signature) {
    return size >= signature.size() && std::memcmp(data, signature.data(), signature.size()) == 0;
}

}  // namespace

FileStructure check_file_structure(const std::filesystem::path& path) {
    FileBytes file(path);
    const unsigned char* data = file.data();
    std::size_t size = file.size();
    if (data == nullptr) {
        return {};
    }
    if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
        return walk_jpeg(data, size);
    }
    if (starts_with(data, size, "\x89PNG\r\n\x1a\n")) {
        return walk_png(data, size);
    }
    if (starts_with(data, size, "GIF87a") || starts_with(data, size, "GIF89a")) {
        return walk_gif(data, size);
    }
    if (size >= 12 && starts_with(data, size, "RIFF") && std::memcmp(data + 8, "WEBP", 4) == 0) {
        return check_riff(data, size);
    }
    if (size >= 18 && starts_with(data, size, "BM")) {
        return check_bmp(data, size);
    }
    return {};
}

}  // namespace lote
