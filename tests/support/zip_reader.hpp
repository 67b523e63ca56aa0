#pragma once
// Reads every entry of a zip held in memory (name -> bytes) with libarchive, for the tests that
// check what the server's zips contain.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

namespace lote::testing {

inline std::map<std::string, std::string> read_zip(const std::string& zip) {
    std::map<std::string, std::string> entries;
    struct archive* a = archive_read_new();
    archive_read_support_format_zip(a);
    EXPECT_EQ(archive_read_open_memory(a, zip.data(), zip.size()), ARCHIVE_OK);
    struct archive_entry* entry;
    while (archive_read_next_header(a, &entry) == ARCHIVE_OK) {
        std::string bytes;
        char piece[8192];
        la_ssize_t n;
        while ((n = archive_read_data(a, piece, sizeof piece)) > 0) {
            bytes.append(piece, static_cast<std::size_t>(n));
        }
        EXPECT_GE(n, 0) << archive_error_string(a);
        entries[archive_entry_pathname(entry)] = bytes;
    }
    archive_read_free(a);
    return entries;
}

}  // namespace lote::testing
