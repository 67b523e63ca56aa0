#pragma once
// The name an uploaded file is saved under: only its last component, valid UTF-8 in NFC (so "é"
// typed on a Mac and on Windows is one name), no control characters (C0, DEL, C1), no
// bidirectional controls (U+200E/F, U+061C, U+202A-U+202E, U+2066-U+2069: they make
// "gpj.exe" display as "exe.jpg"), no leading dots, at most 200 bytes (extension kept). A clash
// never overwrites: the next free `name-1.ext`, `name-2.ext`, ... is used instead.

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace lote::server {

inline constexpr std::size_t kMaxUploadNameBytes = 200;

Result<std::string> sanitize_upload_name(std::string_view client_name);

// "x.jpg", 2 -> "x-2.jpg"; "archive" -> "archive-2"; stays within kMaxUploadNameBytes.
std::string numbered_name(const std::string& name, unsigned number);

}  // namespace lote::server
