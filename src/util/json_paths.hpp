#pragma once
// How a file name travels in lote's JSON (the worker protocol, `lote run --json`, job
// descriptions, server messages), defined once: under `key` its display form, always a valid
// UTF-8 string, and, only when that form lost something (the name is not valid UTF-8), under
// `key + "_bytes"` its escaped form, which gives the bytes back (util/byte_text.hpp):
//
//   {"image": "caf\u00e9.jpg"}                               a UTF-8 name
//   {"image": "caf\ufffd.jpg", "image_bytes": "caf%E9.jpg"}  the Latin-1 bytes "caf\xe9.jpg"
//
// A reader takes `key_bytes` when present, else `key`: JSON written by hand or by an older lote
// (no `_bytes` field) still reads.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace lote {

void put_path(nlohmann::json& object, const std::string& key, std::string_view bytes);

// The bytes put_path stored under `key`. Throws nlohmann::json exceptions, as json::at() does,
// when the key is missing or not a string.
std::string path_from(const nlohmann::json& object, const std::string& key);
// The same, or `fallback` when the key is absent.
std::string path_from(const nlohmann::json& object, const std::string& key,
                      const std::string& fallback);

// JSON text that never throws on a string that is not valid UTF-8 (such bytes come out as
// U+FFFD): for messages and logs, whose file names went in through put_path or display_text.
std::string dump_json(const nlohmann::json& value, int indent = -1);

}  // namespace lote
