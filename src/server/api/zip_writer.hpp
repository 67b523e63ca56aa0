#pragma once
// A zip archive produced piece by piece with libarchive: every byte libarchive writes lands in a
// small buffer the caller drains (and sends as an HTTP chunk) whenever it likes, so an archive of
// any size needs memory for one piece only. Already-compressed images are stored, not deflated.

#include <archive.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace lote::server {

class ZipWriter {
  public:
    ZipWriter();
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    Status begin_entry(const std::string& name, std::uint64_t size, std::int64_t mtime,
                       bool compress);
    Status write(std::string_view bytes);
    Status end_entry();
    // Writes the central directory; nothing may be added afterwards.
    Status close();

    // Bytes produced so far and not yet taken.
    std::size_t pending() const { return out_.size(); }
    std::string take();

    // Whether a file of this name is worth deflating (not an already-compressed image format).
    static bool worth_compressing(const std::string& name);

  private:
    static la_ssize_t on_write(struct archive*, void* self, const void* data, size_t size);
    Status check(int code, const char* what);

    struct archive* archive_;
    std::string out_;
    bool open_ = false;
    bool closed_ = false;
};

}  // namespace lote::server
