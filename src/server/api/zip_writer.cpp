#include "server/api/zip_writer.hpp"

#include <archive_entry.h>

#include <algorithm>
#include <cctype>

namespace lote::server {

ZipWriter::ZipWriter() : archive_(archive_write_new()) {
    archive_write_set_format_zip(archive_);
    // No blocking: every write reaches on_write at once, nothing is padded.
    archive_write_set_bytes_per_block(archive_, 0);
    open_ =
        archive_write_open(archive_, this, nullptr, &ZipWriter::on_write, nullptr) == ARCHIVE_OK;
}

ZipWriter::~ZipWriter() {
    if (open_ && !closed_) archive_write_close(archive_);
    archive_write_free(archive_);
}

la_ssize_t ZipWriter::on_write(struct archive*, void* self, const void* data, size_t size) {
    static_cast<ZipWriter*>(self)->out_.append(static_cast<const char*>(data), size);
    return static_cast<la_ssize_t>(size);
}

Status ZipWriter::check(int code, const char* what) {
    if (code >= ARCHIVE_WARN) return {};
    const char* why = archive_error_string(archive_);
    return fail(std::string(what) + ": " + (why ? why : "libarchive failed"));
}

bool ZipWriter::worth_compressing(const std::string& name) {
    auto dot = name.rfind('.');
    if (dot == std::string::npos) return true;
    std::string ext = name.substr(dot);
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".tif" || ext == ".tiff" || ext == ".bmp" || ext == ".json" || ext == ".txt";
}

Status ZipWriter::begin_entry(const std::string& name, std::uint64_t size, std::int64_t mtime,
                              bool compress) {
    if (!open_) return fail("cannot start the zip archive");
    int set = compress ? archive_write_zip_set_compression_deflate(archive_)
                       : archive_write_zip_set_compression_store(archive_);
    if (auto s = check(set, "zip compression"); !s) return s;
    struct archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname_utf8(entry, name.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(size));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    archive_entry_set_mtime(entry, static_cast<time_t>(mtime), 0);
    int code = archive_write_header(archive_, entry);
    archive_entry_free(entry);
    return check(code, "zip entry header");
}

Status ZipWriter::write(std::string_view bytes) {
    while (!bytes.empty()) {
        la_ssize_t n = archive_write_data(archive_, bytes.data(), bytes.size());
        if (n <= 0) return check(ARCHIVE_FATAL, "zip data");
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return {};
}

Status ZipWriter::end_entry() {
    return check(archive_write_finish_entry(archive_), "zip entry end");
}

Status ZipWriter::close() {
    closed_ = true;
    return check(archive_write_close(archive_), "zip end");
}

std::string ZipWriter::take() {
    std::string taken;
    taken.swap(out_);
    return taken;
}

}  // namespace lote::server
